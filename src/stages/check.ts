import path from 'node:path'
import { AUTO_VERSION, optionLabel, type Config } from '../config.js'
import type { ChangeSet, Diagnostic, ResolvedVersion, SkillLocation, SkillResult } from '../core/types.js'
import { readSkillManifest, readSkillName, skillNameOf, type SkillManifest, type SkillName } from '../core/skillmd.js'
import { findDuplicateNames, validateManifest } from '../core/validate.js'
import { findIdenticalCopies } from '../core/copies.js'
import { IDENTICAL_COPIES_RULE, type SkillFileSize } from '../core/rules/index.js'
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
  const everyRead = await mapWithConcurrency(skills, MANIFEST_READS_AT_ONCE, async (skill): Promise<SkillManifest | SkillName> =>
    handled.has(skill.path) ? readSkillManifest(skill, config.root) : readSkillName(skill, config.root)
  )
  // Identical copies (one skill shipped once per agent folder) count once: the kept one stands for all.
  const copies = findIdenticalCopies(
    everyRead.map((entry) => ('positions' in entry ? skillNameOf(entry) : entry)),
    handled
  )
  const read = everyRead.filter((entry) => !copies.keptFor.has(entry.location.path))
  const duplicates = findDuplicateNames(read)
  const checked: CheckedSkill[] = []
  for (const manifest of read) {
    if (!('positions' in manifest) || !handled.has(manifest.location.path)) continue
    const files = await clawhubFileSizes(manifest, config)
    const skill = checkSkill(manifest, duplicates, changes, config, packagedVersions.get(manifest.location.path), files)
    const copiesOfIt = copies.copiesOf.get(manifest.location.path)
    if (copiesOfIt) skill.result.diagnostics.push(identicalCopiesNote(manifest, copiesOfIt))
    checked.push(skill)
  }
  return checked
}

function identicalCopiesNote(manifest: SkillManifest, copies: string[]): Diagnostic {
  return {
    ruleId: IDENTICAL_COPIES_RULE.id,
    severity: IDENTICAL_COPIES_RULE.severity,
    message: `${copies.join(', ')} ${copies.length === 1 ? 'is an identical copy' : 'are identical copies'} of ${manifest.location.path} (same files, same bytes): one skill, validated and published once, from ${manifest.location.path}.`,
    file: manifest.file,
    line: 1,
    column: 1
  }
}

/**
 * The files ClawHub would receive, with their sizes, for its size rules (10 MB a file, 50 MB a
 * skill): listed as the clawhub package lists them, but without the packaging limits, so that a
 * file over them is reported by the rules rather than refused unseen. Only under the clawhub
 * profile; a skill that cannot be listed (a secret, a link out) is refused when packaged.
 */
async function clawhubFileSizes(manifest: SkillManifest, config: Config): Promise<SkillFileSize[] | undefined> {
  if (config.profile !== 'clawhub' || !manifest.location.dir) return undefined
  const { listPackageFiles } = await import('../core/package/files.js')
  try {
    const files = await listPackageFiles(manifest.location.dir, {
      flavour: 'clawhub',
      limits: { ...config.limits, maxFileBytes: Number.POSITIVE_INFINITY, maxSkillBytes: Number.POSITIVE_INFINITY },
      allowSecrets: config.allowSecrets,
      exclude: [path.resolve(config.root, config.artifactsDir)]
    })
    return files.map((file) => ({ path: file.path, size: file.size }))
  } catch {
    return undefined
  }
}

function checkSkill(
  manifest: SkillManifest,
  duplicates: Diagnostic[],
  changes: ChangeSet,
  config: Config,
  packagedVersion: string | undefined,
  files: SkillFileSize[] | undefined
): CheckedSkill {
  const name = skillName(manifest)
  // The Claude Skills API assigns version ids: whatever SKILL.md or a tag says is not the version.
  const serverAssigned = config.registry.kind === 'claude'
  const tagVersion = serverAssigned ? undefined : tagVersionFor(manifest.location.path, changes)
  // A pre-built package was built as the version its skill-project.toml records; otherwise the
  // tag's version is the version even when SKILL.md disagrees: tagConflict makes that an error unless tag-wins.
  const auto = config.version === AUTO_VERSION
  const resolved: ResolvedVersion = serverAssigned
    ? { source: 'none' }
    : packagedVersion && !config.version
      ? { value: packagedVersion, source: 'package' }
      : resolveVersion(manifest, { explicit: auto ? undefined : config.version, tagVersion, prerelease: config.prerelease })
  // `version: auto` fills in only what neither a tag nor SKILL.md says; the publish stage asks the registry.
  const version: ResolvedVersion = auto && resolved.value === undefined ? { source: 'registry' } : resolved
  const diagnostics = [
    ...manifest.diagnostics,
    ...validateManifest(manifest, { profile: config.profile, version, publishTo: publishTarget(config), files }),
    ...duplicates.filter((diagnostic) => diagnostic.file === manifest.file),
    ...tagConflict(manifest, tagVersion, config),
    ...(serverAssigned ? [] : missingVersion(manifest, version, config))
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

/** The registry the run packages or publishes for; undefined in the modes that only validate. */
function publishTarget(config: Config): Config['registry']['kind'] | undefined {
  return config.mode === 'package' || config.mode === 'publish' || config.mode === 'status' ? config.registry.kind : undefined
}

/**
 * Publishing needs a version; validation alone does not, but under a registry's profile it warns
 * about the skill that passes here and would be refused by publish.
 */
function missingVersion(manifest: SkillManifest, version: ResolvedVersion, config: Config): Diagnostic[] {
  // `version: auto`: the publish stage asks the registry.
  if (version.value !== undefined || version.source === 'registry') return []
  const needsVersion = publishTarget(config) !== undefined
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
