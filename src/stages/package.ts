import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ConfigError, optionLabel, type Config } from '../config.js'
import type { Flavour, Logger, SkillPackage, SkillResult } from '../core/types.js'
import type { Packager } from '../core/package/packager.js'
import type { CheckedSkill } from './check.js'
import { failure } from './outcome.js'

/**
 * The folder the run packages into: a fresh temporary one (removed by `cleanup`) when the config
 * asks for it, else the configured folder, which must not be a file (checked once here, rather
 * than failing every skill with the file system's EEXIST).
 */
export async function openArtifactsDir(config: Config): Promise<{ config: Config; cleanup(): Promise<void> }> {
  if (config.temporaryArtifacts) {
    const dir = await mkdtemp(path.join(tmpdir(), 'skillpub-'))
    return { config: { ...config, artifactsDir: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) }
  }
  const existing = await stat(config.artifactsDir).catch(() => undefined)
  if (existing && !existing.isDirectory()) {
    const label = optionLabel(config.face, 'artifacts-dir')
    throw new ConfigError(
      `${label} ${config.artifactsDir} is a file, not a folder: name a folder for the packages (it is created if missing).`
    )
  }
  return { config, cleanup: async () => {} }
}

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
