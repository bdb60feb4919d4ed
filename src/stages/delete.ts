import type { Config } from '../config.js'
import type { Logger, SkillResult } from '../core/types.js'
import type { Registry } from '../registries/registry.js'
import { failure } from './outcome.js'

/**
 * `mode: delete` (`skillpub delete <name> --version V`), as `jf agent skills delete`: one version
 * of one skill, no prompt. Nothing there is a failure (a typo must not pass as done); a dry run
 * says what would go and removes nothing.
 */
export async function deleteVersion(config: Config, registry: Registry, logger: Logger): Promise<SkillResult> {
  const ref = { name: config.skill as string, version: config.version as string }
  const base: SkillResult = {
    name: ref.name,
    path: '',
    version: ref.version,
    versionSource: 'input',
    registry: registry.kind,
    status: 'failed',
    diagnostics: [],
    messages: []
  }
  try {
    const found = await registry.lookup(ref)
    if (!found) {
      return {
        ...base,
        error: `${ref.name} ${ref.version} is not in ${registry.target}: nothing to delete. Check the name, the version and the target.`
      }
    }
    const url = found.url
    if (config.publish.dryRun) {
      return {
        ...base,
        status: 'skipped',
        url,
        messages: [`Dry run: would delete ${ref.name} ${ref.version} from ${registry.target}${url ? ` (${url})` : ''}.`]
      }
    }
    await registry.remove(ref)
    logger.info(`Deleted ${ref.name} ${ref.version} from ${registry.target}.`)
    return { ...base, status: 'deleted', url, messages: [`Deleted ${ref.name} ${ref.version} from ${registry.target}.`] }
  } catch (error) {
    return failure(base, error)
  }
}
