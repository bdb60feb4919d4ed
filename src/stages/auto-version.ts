import { rm } from 'node:fs/promises'
import semver from 'semver'
import type { Config } from '../config.js'
import type { SkillPackage } from '../core/types.js'
import type { Packager } from '../core/package/packager.js'
import { RegistryError, type Registry } from '../registries/registry.js'
import type { CheckedSkill } from './check.js'
import { buildSkillPackage } from './package.js'

/** What `jf` publishes first when a skill has no version and the repository has none either. */
const FIRST_VERSION = '0.1.0'

/**
 * `version: auto`, as `jf agent skills publish` in CI: the registry's latest version when our
 * content is what it holds there (then the publish stage reports `unchanged`), else the next minor
 * after it; 0.1.0 when it holds no version. SKILL.md is never rewritten: the version lives in the
 * package and the result only.
 */
export async function buildAutoVersioned(
  skill: CheckedSkill,
  registry: Registry,
  config: Config,
  packager: Packager
): Promise<{ pkg: SkillPackage; note: string }> {
  if (!registry.latestVersion) {
    throw new RegistryError(
      `version: auto needs a registry that lists versions; ${registry.kind} does not. Give ${skill.name} a version (metadata.version, a tag or the version input).`
    )
  }
  const build = (version: string) =>
    buildSkillPackage({ ...skill, version: { value: version, source: 'registry' } }, registry.flavour, config, packager)
  const latest = await registry.latestVersion(skill.name)
  if (!latest)
    return {
      pkg: await build(FIRST_VERSION),
      note: `version: auto: ${registry.target} holds no version of ${skill.name}; publishing ${FIRST_VERSION}.`
    }
  const atLatest = await build(latest)
  if ((await registry.find(atLatest))?.sameContent) {
    return { pkg: atLatest, note: `version: auto: the content is that of the latest version, ${latest}.` }
  }
  await rm(atLatest.zipPath, { force: true })
  const next = semver.inc(latest, 'minor') as string
  return { pkg: await build(next), note: `version: auto: the content differs from the latest version, ${latest}; publishing ${next}.` }
}
