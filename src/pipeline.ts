// The flow both faces run: discover -> detect changes -> check (parse, version, validate)
// -> package -> publish -> wait -> report. Options in, one report out; the faces only render it.
import type { Config } from './config.js'
import type { Logger, RunReport, SkillResult } from './core/types.js'
import { discoverSkills } from './core/discover.js'
import { detectChanges } from './git/detect.js'
import { checkSkills, type CheckedSkill } from './stages/check.js'
import { packageSkill } from './stages/package.js'
import { shipSkill } from './stages/ship.js'
import { gateSkill } from './stages/gate.js'
import { mapWithConcurrency } from './core/pool.js'
import { FAILING_STATUSES } from './core/types.js'
import { createRegistry } from './registries/create.js'
import type { Registry } from './registries/registry.js'

export async function runSkillpub(config: Config, logger: Logger): Promise<RunReport> {
  const skills = await discoverSkills(config.root, config.paths, { exclude: [config.artifactsDir] })
  const changes = await detectChanges(config.changes, skills, config.root, logger)
  logger.info(changes.reason)
  changes.notes.forEach((note) => logger.warning(note))
  const checked = await checkSkills(skills, changes, config)
  const notes = config.publish.dryRun && config.mode === 'publish' ? ['Dry run: nothing was written to the registry.'] : []

  if (config.mode === 'validate' || config.mode === 'changed') {
    return { mode: config.mode, results: checked.map((skill) => skill.result), changes, notes }
  }
  if (config.mode === 'package') {
    const results = await forEachSkill(checked, config, (skill) => packageSkill(skill, config, logger))
    return { mode: config.mode, results, changes, notes }
  }
  const registry = createRegistry(config.registry, { logger, force: config.publish.force, allowSuspicious: config.publish.allowSuspicious })
  const handle = config.mode === 'publish' ? shipSkill : gateSkill
  const results = await forEachSkill(checked, config, (skill) => handle(skill, registry, config, logger))
  return { mode: config.mode, results, changes, registry: describe(registry), notes }
}

/** Bounded concurrency; one skill's failure never stops the others unless fail-fast is on. */
async function forEachSkill(
  skills: CheckedSkill[],
  config: Config,
  work: (skill: CheckedSkill) => Promise<SkillResult>
): Promise<SkillResult[]> {
  let failed = false
  return mapWithConcurrency(
    skills,
    config.publish.concurrency,
    async (skill) => {
      const result = await work(skill)
      failed ||= FAILING_STATUSES.has(result.status)
      return result
    },
    {
      shouldStop: () => config.publish.failFast && failed,
      skipped: (skill) => ({ ...skill.result, status: 'skipped', messages: ['Not started: an earlier skill failed and fail-fast is on.'] })
    }
  )
}

function describe(registry: Registry): RunReport['registry'] {
  return { kind: registry.kind, target: registry.target }
}
