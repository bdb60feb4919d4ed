import path from 'node:path'
import { optionLabel, type Config } from '../config.js'
import type { ChangeSet, Diagnostic, ResolvedVersion, SkillLocation, SkillResult } from '../core/types.js'
import { readSkillManifest, readSkillName, type SkillManifest, type SkillName } from '../core/skillmd.js'
import { findDuplicateNames, validateManifest } from '../core/validate.js'
import { resolveVersion } from '../core/version.js'
import { mapWithConcurrency } from '../core/pool.js'

/** A skill the run handles, parsed and judged; `result` is its validation verdict so far. */
export interface CheckedSkill {
  location: SkillLocation
  manifest: SkillManifest
  name: string
  version: ResolvedVersion
  valid: boolean
  result: SkillResult
}

const MANIFEST_READS_AT_ONCE = 64

/**
 * Validate and version the skills this run handles (`changes.changed`). Names must be unique
 * across the repository, not just among the handled skills, so every other skill is read too,
 * but only for its name (`readSkillName`: the head of SKILL.md, parsed in full only when unsure).
 */
export async function checkSkills(
  skills: SkillLocation[],
  changes: ChangeSet,
  config: Config,
  packagedVersions: ReadonlyMap<string, string> = new Map()
): Promise<CheckedSkill[]> {
  const handled = new Set(changes.changed)
  const read = await mapWithConcurrency(skills, MANIFEST_READS_AT_ONCE, async (skill): Promise<SkillManifest | SkillName> =>
    handled.has(skill.path) ? readSkillManifest(skill, config.root) : readSkillName(skill, config.root)
  )
  const duplicates = findDuplicateNames(read)
  return read
    .filter((entry): entry is SkillManifest => 'positions' in entry && handled.has(entry.location.path))
    .map((manifest) => checkSkill(manifest, duplicates, changes, config, packagedVersions.get(manifest.location.path)))
}

function checkSkill(
  manifest: SkillManifest,
  duplicates: Diagnostic[],
  changes: ChangeSet,
  config: Config,
  packagedVersion: string | undefined
): CheckedSkill {
  const name = skillName(manifest)
  const tagVersion = tagVersionFor(manifest.location.path, changes)
  // A pre-built package was built as the version its skill-project.toml records; otherwise the
  // tag's version is the version even when SKILL.md disagrees: tagConflict makes that an error unless tag-wins.
  const version: ResolvedVersion =
    packagedVersion && !config.version
      ? { value: packagedVersion, source: 'package' }
      : resolveVersion(manifest, { explicit: config.version, tagVersion, prerelease: config.prerelease })
  const diagnostics = [
    ...manifest.diagnostics,
    ...validateManifest(manifest, { profile: config.profile, version }),
    ...duplicates.filter((diagnostic) => diagnostic.file === manifest.file),
    ...tagConflict(manifest, tagVersion, config),
    ...missingVersion(manifest, version, config)
  ]
  const valid = !diagnostics.some((diagnostic) => diagnostic.severity === 'error')
  return {
    location: manifest.location,
    manifest,
    name,
    version,
    valid,
    result: {
      name,
      path: manifest.location.path,
      version: version.value,
      versionSource: version.source,
      status: valid ? 'valid' : 'invalid',
      diagnostics,
      messages: []
    }
  }
}

function skillName(manifest: SkillManifest): string {
  const name = manifest.frontmatter?.name
  return typeof name === 'string' && name.trim() ? name.trim() : path.posix.basename(manifest.location.path)
}

/** A repository tag versions every skill; a per-skill tag only its own skill (`tag.skill` is the folder it selected). */
function tagVersionFor(skillPath: string, changes: ChangeSet): string | undefined {
  const tag = changes.tag
  if (!tag || (tag.skill !== undefined && tag.skill !== skillPath)) return undefined
  return tag.version
}

/** A tag that says one version while SKILL.md says another is a mistake unless the tag is told to win. */
function tagConflict(manifest: SkillManifest, tagVersion: string | undefined, config: Config): Diagnostic[] {
  if (!tagVersion || config.version || config.changes.tagVersionConflict === 'tag') return []
  const fileVersion = resolveVersion(manifest, {})
  if (fileVersion.value === undefined || fileVersion.value === tagVersion) return []
  return [
    {
      ruleId: 'version/tag-mismatch',
      severity: 'error',
      message: `The tag says version ${tagVersion} but SKILL.md's ${fileVersion.source} says ${fileVersion.value}. Update SKILL.md, tag the right version, or set ${optionLabel(config.face, 'tag-wins')} true to publish ${tagVersion}.`,
      file: manifest.file,
      line: fileVersion.line ?? 1,
      column: fileVersion.column ?? 1
    }
  ]
}

/**
 * Publishing needs a version; validation alone does not, but under a registry's profile it warns
 * about the skill that passes here and would be refused by publish.
 */
function missingVersion(manifest: SkillManifest, version: ResolvedVersion, config: Config): Diagnostic[] {
  if (version.value !== undefined) return []
  const needsVersion = config.mode === 'package' || config.mode === 'publish' || config.mode === 'status'
  const forRegistry = config.mode === 'validate' && config.profile !== 'spec'
  if (!needsVersion && !forRegistry) return []
  const what = needsVersion ? 'No version to publish' : `No version: publish to ${config.profile} would refuse this skill`
  return [
    {
      ruleId: 'version/missing',
      severity: needsVersion ? 'error' : 'warning',
      message: `${what}: add metadata.version to SKILL.md, push a version tag (v1.2.3 or name@1.2.3), or set ${optionLabel(config.face, 'version')}.`,
      file: manifest.file,
      line: 1,
      column: 1
    }
  ]
}
