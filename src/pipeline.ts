// The flow both faces run: discover -> detect changes -> check (parse, version, validate)
// -> package -> publish -> wait -> report. Options in, one report out; the faces only render it.
import type { Config } from './config.js'
import type { Logger, RunReport, SkillResult } from './core/types.js'
import { checkSkills, type CheckedSkill } from './stages/check.js'
import { openSkillSource } from './stages/source.js'
import { mapInTwoStages, type TwoStages } from './core/pool.js'
import { FAILING_STATUSES } from './core/types.js'
import type { Registry } from './registries/registry.js'
import type { Packager } from './core/package/packager.js'
import { createProgress, type Progress } from './report/progress.js'

export interface RunOptions {
  /** A terminal's live status line, redrawn in place (absent in CI logs). */
  live?: (line: string) => void
}

export async function runSkillpub(given: Config, logger: Logger, options: RunOptions = {}): Promise<RunReport> {
  if (given.mode === 'delete') return runDelete(given, logger)
  const artifacts = await openArtifacts(given)
  const config = artifacts.config
  let source: Awaited<ReturnType<typeof openSkillSource>> | undefined
  let packager: Packager | undefined
  try {
    source = await openSkillSource(config, logger)
    // Started before the checks, so that its threads load while the main thread reads the skills.
    packager = await startPackager(config, source.changes.changed.length)
    const checked = await checkSkills(source.skills, source.changes, config, source.packagedVersions)
    const registry = await openRegistry(config, logger)
    const results = await handleSkills(checked, config, registry, packager, logger, options)
    return {
      mode: config.mode,
      results: [...source.failures, ...results],
      changes: source.changes,
      notes: runNotes(config),
      ...(registry && { registry: { kind: registry.kind, target: registry.target } })
    }
  } finally {
    await packager?.close()
    await source?.cleanup()
    await artifacts.cleanup()
  }
}

/** `mode: delete` names a version in a registry: no skill folders, no git, no packaging. */
async function runDelete(config: Config, logger: Logger): Promise<RunReport> {
  const registry = (await openRegistry(config, logger)) as Registry
  const { deleteVersion } = await import('./stages/delete.js')
  const result = await deleteVersion(config, registry, logger)
  return {
    mode: config.mode,
    results: [result],
    // A dry run says what would go, and that nothing went.
    notes: result.status === 'skipped' ? [...result.messages, 'Nothing was deleted.'] : [],
    registry: { kind: registry.kind, target: registry.target }
  }
}

/** The modes that package get their folder checked (or a temporary one) before anything runs. */
async function openArtifacts(config: Config): Promise<{ config: Config; cleanup(): Promise<void> }> {
  if (config.mode !== 'package' && config.mode !== 'publish') return { config, cleanup: async () => {} }
  const { openArtifactsDir } = await import('./stages/package.js')
  return openArtifactsDir(config)
}

/** Packaging threads for the modes that package, sized for the skills the run handles. */
async function startPackager(config: Config, skills: number): Promise<Packager | undefined> {
  if (config.mode !== 'package' && config.mode !== 'publish') return undefined
  const { createPackager } = await import('./core/package/packager.js')
  return createPackager(skills)
}

/**
 * The registry, for the modes that talk to one. The HTTP stack (and below, the zip writer) is
 * most of the bundle: it is imported by the modes that use it, so that a validate run (the
 * pull-request check) starts without loading it.
 */
async function openRegistry(config: Config, logger: Logger): Promise<Registry | undefined> {
  if (config.mode !== 'publish' && config.mode !== 'status' && config.mode !== 'delete') return undefined
  const { createRegistry } = await import('./registries/create.js')
  // A delete needs to know that the version is there, not its scan verdict.
  const registryConfig = config.mode === 'delete' ? { ...config.registry, skipScan: true } : config.registry
  return createRegistry(registryConfig, {
    logger,
    force: config.publish.force,
    dryRun: config.publish.dryRun,
    allowSuspicious: config.publish.allowSuspicious
  })
}

/** What the mode does with each checked skill, each verdict told as it lands. */
export async function handleSkills(
  checked: CheckedSkill[],
  config: Config,
  registry: Registry | undefined,
  packager: Packager | undefined,
  logger: Logger,
  options: RunOptions = {}
): Promise<SkillResult[]> {
  const progress = createProgress({ logger, total: checked.length, heartbeatMs: heartbeatMs(config), ...options })
  try {
    return await handleEachSkill(checked, config, registry, packager, logger, progress)
  } finally {
    progress.close()
  }
}

/** Pending skills are named about every five polls, at least every 30 s and at most every second. */
function heartbeatMs(config: Config): number {
  return Math.min(30_000, Math.max(1000, 5 * config.publish.pollIntervalMs))
}

/** What the mode does with each checked skill. */
async function handleEachSkill(
  checked: CheckedSkill[],
  config: Config,
  registry: Registry | undefined,
  packager: Packager | undefined,
  logger: Logger,
  progress: Progress
): Promise<SkillResult[]> {
  switch (config.mode) {
    case 'validate':
    case 'changed':
      return checked.map((skill) => skill.result)
    case 'package': {
      const { packageSkill } = await import('./stages/package.js')
      // Packaging is bound by the cores, not by the registry: `concurrency` does not apply.
      return forEachSkill(
        checked,
        config,
        { prepare: asIs, work: (skill) => packageSkill(skill, config, packager as Packager, logger), ahead: 0 },
        progress,
        (packager as Packager).capacity
      )
    }
    case 'publish': {
      const { prepareShipment, deliverShipment, discardShipment } = await import('./stages/ship.js')
      return forEachSkill(
        checked,
        config,
        {
          prepare: (skill) => prepareShipment(skill, registry as Registry, config, packager as Packager),
          work: (shipment) => deliverShipment(shipment, registry as Registry, config, logger),
          // Packaging (CPU) runs ahead of the uploads (network) so that the two overlap; the look-ahead
          // is a few zips on disk, and at most `limit + ahead` skills are packaged at once.
          ahead: config.publish.concurrency,
          discard: discardShipment
        },
        progress
      )
    }
    case 'delete':
      return []
    case 'status': {
      const { gateSkill } = await import('./stages/gate.js')
      return forEachSkill(
        checked,
        config,
        {
          prepare: asIs,
          work: (skill) => gateSkill(skill, registry as Registry, config, logger),
          ahead: 0
        },
        progress
      )
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
  stages: TwoStages<CheckedSkill, P, SkillResult>,
  progress?: Progress,
  limit = config.publish.concurrency
): Promise<SkillResult[]> {
  let failed = false
  return mapInTwoStages(
    skills,
    limit,
    {
      ...stages,
      work: async (prepared, index) => {
        progress?.started(skills[index]?.result.name ?? '')
        const result = await stages.work(prepared, index)
        failed ||= FAILING_STATUSES.has(result.status)
        progress?.landed(result)
        return result
      }
    },
    {
      shouldStop: () => config.publish.failFast && failed,
      skipped: (skill) => ({ ...skill.result, status: 'skipped', messages: ['Not started: an earlier skill failed and fail-fast is on.'] })
    }
  )
}
