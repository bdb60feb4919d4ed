// checkSkills parses and judges only the skills a run handles, and reads the others for their
// names alone: the verdicts must be the ones a full parse of every skill gives.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseConfig } from '../../src/options.js'
import { checkSkills } from '../../src/stages/check.js'
import { discoverSkills } from '../../src/core/discover.js'
import type { ChangeSet, SkillLocation, SkillResult } from '../../src/core/types.js'

let root: string
let skills: SkillLocation[]

const SKILLS: Record<string, string> = {
  // `same` three times: two simple files, one the fast name path cannot read (a folded block scalar).
  'skills/alpha': '---\nname: same\ndescription: Alpha.\n---\nbody\n',
  'skills/beta': '---\ndescription: Beta.\nname: "same"\nmetadata:\n  version: 1.0.0\n---\n',
  'skills/gamma': '---\nname: >-\n  same\ndescription: Gamma.\n---\n',
  // The same name once written with a BOM and CRLF, once as full-width letters (NFKC).
  'tools/bom': '\uFEFF---\r\nname: twin\r\ndescription: Bom.\r\n---\r\n',
  'tools/crlf': '---\r\nname: twin\r\ndescription: Crlf.\r\n---\r\n',
  'tools/wide': '---\nname: \uFF54\uFF57\uFF49\uFF4E\ndescription: Wide.\n---\n',
  // Unique names, broken YAML (no name to compare), and a skill with no frontmatter.
  'misc/unique': '---\nname: unique\ndescription: Unique.\n---\n',
  'misc/broken-yaml': '---\nname: same: again\ndescription: d\n---\n',
  'misc/no-frontmatter': '# same\n'
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'skillpub-check-'))
  for (const [folder, content] of Object.entries(SKILLS)) {
    await mkdir(path.join(root, folder), { recursive: true })
    await writeFile(path.join(root, folder, 'SKILL.md'), content)
  }
  skills = await discoverSkills(root, [])
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const configFor = (mode: 'validate' | 'changed') => parseConfig({ mode }, { root, env: {} })
const handling = (changed: string[]): ChangeSet => ({ all: false, changed, removed: [], reason: 'test', notes: [] })

async function results(changed: string[], mode: 'validate' | 'changed' = 'validate'): Promise<SkillResult[]> {
  return (await checkSkills(skills, handling(changed), configFor(mode))).map((skill) => skill.result)
}

const duplicateMessages = (result: SkillResult | undefined) =>
  (result?.diagnostics ?? []).filter((diagnostic) => diagnostic.ruleId === 'repo/duplicate-name').map((diagnostic) => diagnostic.message)

describe('checkSkills', () => {
  it('judges each handled skill exactly as when every skill is handled', async () => {
    const everything = await results(skills.map((skill) => skill.path))
    expect(everything.map((result) => result.path)).toEqual(skills.map((skill) => skill.path))
    for (const skill of skills) {
      const alone = await results([skill.path])
      expect(alone).toEqual(everything.filter((result) => result.path === skill.path))
    }
  })

  it('reports a duplicate between a handled skill and unhandled ones on the handled skill, naming every folder', async () => {
    const [alpha] = await results(['skills/alpha'])
    expect(alpha!.status).toBe('invalid')
    expect(duplicateMessages(alpha)).toEqual([
      "Skill name 'same' in skills/alpha is also used by skills/beta, skills/gamma; registries key skills by name, so one would overwrite the other. Rename one of them."
    ])
    expect(alpha!.diagnostics.find((diagnostic) => diagnostic.ruleId === 'repo/duplicate-name')).toMatchObject({
      file: 'skills/alpha/SKILL.md',
      line: 2,
      column: 7
    })

    // The other way round: the unhandled one is the simple file, the handled one needs the full parse.
    const [gamma] = await results(['skills/gamma'])
    expect(duplicateMessages(gamma)).toEqual([
      "Skill name 'same' in skills/gamma is also used by skills/alpha, skills/beta; registries key skills by name, so one would overwrite the other. Rename one of them."
    ])
  })

  it('finds duplicates whose other half has a BOM, CRLF lines or needs normalising', async () => {
    const [crlf] = await results(['tools/crlf'])
    expect(duplicateMessages(crlf)).toEqual([
      "Skill name 'twin' in tools/crlf is also used by tools/bom, tools/wide; registries key skills by name, so one would overwrite the other. Rename one of them."
    ])
  })

  it('reports nothing for the skills it does not handle, and keeps the order of discovery', async () => {
    const handled = await results(['misc/unique', 'skills/beta'])
    expect(handled.map((result) => result.path)).toEqual(['misc/unique', 'skills/beta'])
    expect(duplicateMessages(handled[0])).toEqual([])
    expect(handled[0]!.status).toBe('valid')
    expect(duplicateMessages(handled[1])).toHaveLength(1)
  })

  it('lists the same verdicts in changed mode, which only lists skills', async () => {
    const changed = await results(['skills/alpha', 'misc/unique'], 'changed')
    const validated = await results(['skills/alpha', 'misc/unique'], 'validate')
    expect(changed).toEqual(validated)
  })
})
