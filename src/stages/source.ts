import { optionLabel, type Config } from '../config.js'
import type { ChangeSet, Logger, SkillLocation, SkillResult } from '../core/types.js'
import { discoverSkills } from '../core/discover.js'
import { detectChanges } from '../git/detect.js'

/** Where a run's skills come from: the repository's skill folders, or pre-built packages. */
export interface SkillSource {
  skills: SkillLocation[]
  /** Which of `skills` the run handles, and why. */
  changes: ChangeSet
  /** Versions a pre-built package already carries, by skill path. */
  packagedVersions: Map<string, string>
  /** Inputs that could not become a skill (a corrupt zip): reported, never silently dropped. */
  failures: SkillResult[]
  cleanup(): Promise<void>
}

/**
 * Pre-built packages when the artifacts input names some, else the repository's skill folders;
 * either way the log says which skills the run handles and why.
 */
export async function openSkillSource(config: Config, logger: Logger): Promise<SkillSource> {
  // The zip reader is imported only when pre-built packages are published.
  const source = config.artifacts
    ? await (await import('./prebuilt.js')).unpackPrebuilt(config.artifacts, config)
    : await repositorySkills(config, logger)
  // Outside GitHub with nothing to compare, "every skill is handled" is every run's news: said with --verbose.
  const nothingCompared = config.changes.eventName === undefined && !config.changes.since && source.changes.all
  if (nothingCompared) logger.debug(source.changes.reason)
  else logger.info(source.changes.reason)
  source.changes.notes.forEach((note) => logger.warning(note))
  return source
}

/** The skill folders of the repository, and the ones this event changed. */
async function repositorySkills(config: Config, logger: Logger): Promise<SkillSource> {
  const skills = await discoverSkills(config.root, config.paths, { exclude: [config.artifactsDir] })
  const changes = await detectChanges(config.changes, skills, config.root, logger, { sinceLabel: optionLabel(config.face, 'base') })
  return { skills, changes, packagedVersions: new Map(), failures: [], cleanup: async () => {} }
}
