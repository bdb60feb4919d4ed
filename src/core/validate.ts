// Judging parsed skills: run the profile's rules over one skill, and compare names across skills.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { skillNameOf, type SkillManifest, type SkillName } from './skillmd.js'
import { checksFor, DUPLICATE_NAME_RULE } from './rules/index.js'
import type { RuleContext, SkillFileSize } from './rules/index.js'
import type { Diagnostic, Profile, RegistryKind, ResolvedVersion } from './types.js'

export { RULES } from './rules/index.js'

export interface ValidateOptions {
  profile: Profile
  version: ResolvedVersion
  /** The registry the run packages or publishes for (package, publish and status modes). */
  publishTo?: RegistryKind
  /**
   * The skill's files as they will be packaged (paths relative to the skill folder, sizes in
   * bytes). Needed for ClawHub's size limits; when given, body links are checked against it
   * (what is published) instead of the disk.
   */
  files?: ReadonlyArray<SkillFileSize>
}

/**
 * The profile's rule diagnostics for one skill. The manifest's own parse diagnostics are NOT
 * repeated here (callers report `manifest.diagnostics` alongside); frontmatter rules are skipped
 * when the frontmatter did not parse, so one YAML error does not cascade into "name missing".
 */
export function validateManifest(manifest: SkillManifest, options: ValidateOptions): Diagnostic[] {
  const context: RuleContext = {
    manifest,
    profile: options.profile,
    version: options.version,
    publishTo: options.publishTo,
    files: options.files,
    fileExists: options.files ? existsIn(options.files) : existsOnDisk(manifest.location.dir)
  }
  return checksFor(options.profile).flatMap((rule) => {
    if (rule.needs === 'frontmatter' && manifest.frontmatterText === undefined) return []
    return rule.check(context).map((finding) => ({
      ruleId: rule.id,
      severity: rule.severity,
      message: finding.message,
      file: manifest.file,
      line: finding.at?.line ?? 1,
      column: finding.at?.column ?? 1
    }))
  })
}

/**
 * One error per skill whose name another skill in a different folder also uses, naming every folder.
 * Takes parsed manifests or, for skills only compared against, their names (`readSkillName`).
 */
export function findDuplicateNames(skills: ReadonlyArray<SkillManifest | SkillName>): Diagnostic[] {
  const byName = new Map<string, SkillName[]>()
  for (const skill of skills) {
    const named = 'positions' in skill ? skillNameOf(skill) : skill
    if (named.name === undefined) continue
    const group = byName.get(named.name)
    if (group) group.push(named)
    else byName.set(named.name, [named])
  }
  const diagnostics: Diagnostic[] = []
  for (const [name, group] of byName) {
    if (group.length < 2) continue
    const folders = [...new Set(group.map((skill) => skill.location.path))].sort()
    if (folders.length < 2) continue
    for (const skill of group) {
      const others = folders.filter((folder) => folder !== skill.location.path)
      diagnostics.push({
        ruleId: DUPLICATE_NAME_RULE.id,
        severity: DUPLICATE_NAME_RULE.severity,
        message: `Skill name '${name}' in ${skill.location.path} is also used by ${others.join(', ')}; registries key skills by name, so one would overwrite the other. Rename one of them.`,
        file: skill.file,
        line: skill.at.line,
        column: skill.at.column
      })
    }
  }
  return diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}

function existsIn(files: ReadonlyArray<SkillFileSize>): RuleContext['fileExists'] {
  const paths = new Set(files.map((file) => file.path))
  return (relative) => paths.has(relative) || files.some((file) => file.path.startsWith(`${relative}/`))
}

// Without a file list the disk decides; without a folder (pure parsing) nothing can be judged missing.
function existsOnDisk(dir: string): RuleContext['fileExists'] {
  if (!dir) return () => true
  return (relative) => existsSync(path.join(dir, ...relative.split('/')))
}
