import type { Config } from '../config.js'
import type { Flavour, Logger, SkillPackage, SkillResult } from '../core/types.js'
import type { Packager } from '../core/package/packager.js'
import type { CheckedSkill } from './check.js'
import { failure } from './outcome.js'

/** Build a skill's archive in the given layout; the skill must be valid and versioned, unless the registry assigns versions. */
export function buildSkillPackage(skill: CheckedSkill, flavour: Flavour, config: Config, packager: Packager): Promise<SkillPackage> {
  return packager.build(
    { dir: skill.location.dir, path: skill.location.path, name: skill.name, version: skill.version.value ?? '' },
    { flavour, outDir: config.artifactsDir, limits: config.limits, allowSecrets: config.allowSecrets }
  )
}

/** The result fields every face shows for a built package. */
export function withPackage(result: SkillResult, pkg: SkillPackage): SkillResult {
  return {
    ...result,
    sha256: pkg.sha256,
    fingerprint: pkg.fingerprint,
    artifact: {
      path: pkg.zipPath,
      size: pkg.size,
      files: pkg.files.length,
      sha256: pkg.sha256,
      sha1: pkg.sha1,
      fingerprint: pkg.fingerprint
    }
  }
}

/** `mode: package`: write each valid skill's zip to the artifacts folder. */
export async function packageSkill(skill: CheckedSkill, config: Config, packager: Packager, logger: Logger): Promise<SkillResult> {
  if (!skill.valid) return skill.result
  try {
    const pkg = await buildSkillPackage(skill, config.flavour, config, packager)
    logger.info(`${skill.name} ${pkg.version}: ${pkg.zipPath} (${pkg.files.length} files, ${pkg.size} bytes, sha256 ${pkg.sha256})`)
    return { ...withPackage(skill.result, pkg), status: 'packaged' }
  } catch (error) {
    return failure(skill.result, error)
  }
}
