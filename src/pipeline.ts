// The flow both faces run: discover -> detect changes -> check (parse, version, validate)
// -> package -> publish -> wait -> report. Options in, one report out; the faces only render it.
import type { Config } from './config.js'
import type { Logger, RunReport, SkillResult } from './core/types.js'
import { checkSkills, type CheckedSkill } from './stages/check.js'
import { repositorySkills } from './stages/source.js'
import { mapInTwoStages, type TwoStages } from './core/pool.js'
import { FAILING_STATUSES } from './core/types.js'
import type { Registry } from './registries/registry.js'

// The zip reader and writer and the HTTP stack are most of the bundle: they are imported by the
// modes that use them, so that a validate run (the pull-request check) starts without parsing them.
export async function runSkillpub(config: Config, logger: Logger): Promise<RunReport> {
  const source = config.artifacts ? await (await import('./stages/prebuilt.js')).unpackPrebuilt(config.artifacts, config) : await repositorySkills(config, logger)
  try {
    const { changes } = source
    logger.info(changes.reason)
    changes.notes.forEach((note) => logger.warning(note))
    const checked = await checkSkills(source.skills, changes, config, source.packagedVersions)
    const registry = config.mode === 'publish' || config.mode === 'status' ? (await import('./registries/create.js')).createRegistry(config.registry, { logger, force: config.publish.force, allowSuspicious: config.publish.allowSuspicious }) : undefined
    const results = [...source.failures, ...(await handleSkills(checked, config, registry, logger))]
    const report: RunReport = { mode: config.mode, results, changes, notes: runNotes(config) }
    return registry ? { ...report, registry: { kind: registry.kind, target: registry.target } } : report
  } finally {
    await source.cleanup()
  }
}

/** What the mode does with each checked skill. */
async function handleSkills(checked: CheckedSkill[], config: Config, registry: Registry | undefined, logger: Logger): Promise<SkillResult[]> {
  switch (config.mode) {
    case 'validate':
    case 'changed':
      return checked.map((skill) => skill.result)
    case 'package': {
      const { packageSkill } = await import('./stages/package.js')
      return forEachSkill(checked, config, { prepare: asIs, work: (skill) => packageSkill(skill, config, logger), ahead: 0 })
    }
    case 'publish': {
      const { prepareShipment, deliverShipment, discardShipment } = await import('./stages/ship.js')
      return forEachSkill(checked, config, {
        prepare: (skill) => prepareShipment(skill, registry as Registry, config),
        work: (shipment) => deliverShipment(shipment, registry as Registry, config, logger),
        // Packaging (CPU) runs ahead of the uploads (network) so that the two overlap; the look-ahead
        // is a few zips on disk, and at most `limit + ahead` skills are packaged at once.
        ahead: config.publish.concurrency,
        discard: discardShipment
      })
    }
    case 'status': {
      const { gateSkill } = await import('./stages/gate.js')
      return forEachSkill(checked, config, { prepare: asIs, work: (skill) => gateSkill(skill, registry as Registry, config, logger), ahead: 0 })
    }
  }
}

const asIs = async (skill: CheckedSkill): Promise<CheckedSkill> => skill

function runNotes(config: Config): string[] {
  return config.publish.dryRun && config.mode === 'publish' ? ['Dry run: nothing was written to the registry.'] : []
}

/**
 * Bounded concurrency, results in input order; one skill's failure never stops the others unless
 * fail-fast is on. Then nothing new starts after a failure: a skill prepared ahead but not yet
 * handed to `work` is skipped (and discarded) like one never started.
 */
export async function forEachSkill<P>(
  skills: CheckedSkill[],
  config: Config,
  stages: TwoStages<CheckedSkill, P, SkillResult>
): Promise<SkillResult[]> {
  let failed = false
  return mapInTwoStages(
    skills,
    config.publish.concurrency,
    {
      ...stages,
      work: async (prepared, index) => {
        const result = await stages.work(prepared, index)
        failed ||= FAILING_STATUSES.has(result.status)
        return result
      }
    },
    {
      shouldStop: () => config.publish.failFast && failed,
      skipped: (skill) => ({ ...skill.result, status: 'skipped', messages: ['Not started: an earlier skill failed and fail-fast is on.'] })
    }
  )
}
