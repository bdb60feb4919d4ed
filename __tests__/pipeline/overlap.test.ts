// Publishing in two stages: packaging (CPU) runs ahead of the uploads (network), so the next
// skill's zip is built while the previous upload is in flight. Driven with a fake registry whose
// uploads wait on promises the test controls; only behaviour is checked, never time.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Config } from '../../src/config.js'
import type { Logger, SkillPackage, SkillResult } from '../../src/core/types.js'
import { parseConfig, type RawOptions } from '../../src/options.js'
import { forEachSkill, handleSkills } from '../../src/pipeline.js'
import { RegistryError, type Publication, type Registry } from '../../src/registries/registry.js'
import { checkSkills, type CheckedSkill } from '../../src/stages/check.js'
import { openSkillSource } from '../../src/stages/source.js'
import { deliverShipment, discardShipment, prepareShipment } from '../../src/stages/ship.js'
import { createPackager, type Packager } from '../../src/core/package/packager.js'
import { createRepo, skillMd } from '../support/repo.js'

const quiet: Logger = { debug() {}, info() {}, warning() {}, error() {} }
const inThisThread = createPackager(1)
const NAMES = ['alpha', 'bravo', 'charlie', 'delta']

interface Gate {
  /** Resolves once the upload has begun (and waits on `wait`). */
  started: Promise<void>
  wait: Promise<void>
  begin: () => void
  open: () => void
  fail: (message: string) => void
}

/** A registry whose upload of each skill waits until the test opens (or fails) that skill's gate. */
class GatedRegistry implements Registry {
  readonly kind = 'fastskill' as const
  readonly flavour = 'fastskill' as const
  readonly target = 'fake://registry'
  readonly published: string[] = []
  private readonly gates = new Map<string, Gate>()

  gate(name: string): Gate {
    let gate = this.gates.get(name)
    if (!gate) {
      let begin = (): void => undefined
      let open = (): void => undefined
      let fail = (_message: string): void => undefined
      const started = new Promise<void>((resolve) => (begin = resolve))
      const wait = new Promise<void>((resolve, reject) => {
        open = resolve
        fail = (message) => reject(new RegistryError(message))
      })
      gate = { started, wait, begin, open, fail }
      this.gates.set(name, gate)
    }
    return gate
  }

  async find(): Promise<undefined> {
    return undefined
  }

  async publish(pkg: SkillPackage): Promise<Publication> {
    const gate = this.gate(pkg.name)
    gate.begin()
    await gate.wait
    this.published.push(pkg.name)
    return { name: pkg.name, version: pkg.version, state: { verdict: 'accepted', messages: [] } }
  }

  async status(): Promise<never> {
    throw new Error('not polled: every upload answers with a final verdict')
  }

  async lookup(): Promise<undefined> {
    return undefined
  }

  async remove(): Promise<void> {}
}

async function setUp(extra: RawOptions = {}): Promise<{ skills: CheckedSkill[]; config: Config; zip: (name: string) => string }> {
  const files: Record<string, string> = {}
  for (const name of NAMES) files[`skills/${name}/SKILL.md`] = skillMd(name, { metadata: '\n  version: "1.0.0"' })
  const repo = createRepo(files)
  repo.commit('skills')
  const out = mkdtempSync(path.join(tmpdir(), 'skillpub-overlap-'))
  const raw: RawOptions = {
    mode: 'publish',
    paths: 'skills/*',
    registry: 'local',
    target: path.join(out, 'registry'),
    'artifacts-dir': path.join(out, 'artifacts'),
    ...extra
  }
  const config = parseConfig(raw, { root: repo.dir, env: {} })
  const source = await openSkillSource(config, quiet)
  const skills = await checkSkills(source.skills, source.changes, config)
  expect(skills.map((skill) => skill.name)).toEqual(NAMES)
  return { skills, config, zip: (name) => path.join(config.artifactsDir, `${name}-1.0.0.zip`) }
}

function publishAll(skills: CheckedSkill[], registry: Registry, config: Config): Promise<SkillResult[]> {
  return forEachSkill(skills, config, {
    prepare: (skill) => prepareShipment(skill, registry, config, inThisThread),
    work: (shipment) => deliverShipment(shipment, registry, config, quiet),
    ahead: config.publish.concurrency,
    discard: discardShipment
  })
}

/** Resolves once `check` holds (the packaging ahead runs on its own schedule). */
async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 500) throw new Error('condition never held')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('publishing with packaging ahead of the uploads', () => {
  it('packages the next skill while the previous upload is in flight, and no further ahead', async () => {
    const { skills, config, zip } = await setUp({ concurrency: '1' })
    const registry = new GatedRegistry()
    const run = publishAll(skills, registry, config)

    await registry.gate('alpha').started
    await until(() => existsSync(zip('bravo')))
    // alpha's upload is still waiting on its gate: bravo was packaged meanwhile, charlie not yet.
    expect(registry.published).toEqual([])
    expect(existsSync(zip('charlie'))).toBe(false)

    for (const name of NAMES) registry.gate(name).open()
    const results = await run
    expect(results.map((r) => [r.name, r.status])).toEqual(NAMES.map((name) => [name, 'accepted']))
    expect(registry.published).toEqual(NAMES)
    expect(results[1].artifact?.path).toBe(zip('bravo'))
  })

  it('keeps input order, and one failed upload does not stop the others', async () => {
    const { skills, config } = await setUp({ concurrency: '2' })
    const registry = new GatedRegistry()
    const run = publishAll(skills, registry, config)

    // alpha's upload stays open throughout: bravo fails, then charlie and delta finish, alpha last.
    await registry.gate('bravo').started
    registry.gate('bravo').fail('bravo: the registry is unhappy')
    for (const name of ['charlie', 'delta']) {
      await registry.gate(name).started
      registry.gate(name).open()
    }
    await until(() => registry.published.length === 2)
    expect(registry.published).toEqual(['charlie', 'delta'])
    registry.gate('alpha').open()
    const results = await run
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['alpha', 'accepted'],
      ['bravo', 'failed'],
      ['charlie', 'accepted'],
      ['delta', 'accepted']
    ])
    expect(results[1].error).toContain('bravo: the registry is unhappy')
  })

  it('with fail-fast, skips (and deletes) a package built ahead once an upload fails', async () => {
    const { skills, config, zip } = await setUp({ concurrency: '1', 'fail-fast': 'true' })
    const registry = new GatedRegistry()
    const run = publishAll(skills, registry, config)

    await registry.gate('alpha').started
    await until(() => existsSync(zip('bravo')))
    registry.gate('alpha').fail('alpha: refused')
    const results = await run

    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['alpha', 'failed'],
      ['bravo', 'skipped'],
      ['charlie', 'skipped'],
      ['delta', 'skipped']
    ])
    expect(results[1].messages).toEqual(['Not started: an earlier skill failed and fail-fast is on.'])
    expect(registry.published).toEqual([])
    // Nothing was sent after the failure; bravo's zip does not stay behind unreported, and nothing further was packaged.
    expect(existsSync(zip('alpha'))).toBe(true)
    expect(['bravo', 'charlie', 'delta'].map((name) => existsSync(zip(name)))).toEqual([false, false, false])
  })
})

describe('package mode', () => {
  it('keeps the packager busy to its capacity, whatever `concurrency` says', async () => {
    const { skills, config } = await setUp({ mode: 'package', concurrency: '1' })
    let building = 0
    let most = 0
    const release: Array<() => void> = []
    const packager: Packager = {
      capacity: 3,
      build: async (skill, options) => {
        most = Math.max(most, ++building)
        await new Promise<void>((resolve) => release.push(resolve))
        building--
        return inThisThread.build(skill, options)
      },
      close: async () => undefined
    }
    const run = handleSkills(skills, config, undefined, packager, quiet)
    await until(() => release.length === 3)
    while (release.length > 0) release.shift()!()
    await until(() => release.length > 0)
    while (release.length > 0) release.shift()!()
    const results = await run
    expect(most).toBe(3)
    expect(results.map((r) => r.status)).toEqual(NAMES.map(() => 'packaged'))
  })
})
