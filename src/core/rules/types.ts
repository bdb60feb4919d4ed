// What a rule is: catalogue metadata plus a pure check from a parsed skill to findings.
import type { Profile, RegistryKind, ResolvedVersion, Severity } from '../types.js'
import type { SkillManifest, SourcePosition } from '../skillmd.js'

/** Catalogue entry: SARIF rule metadata and docs are built from these. */
export interface RuleInfo {
  id: string
  severity: Severity
  profiles: Profile[] | 'all'
  summary: string
}

/** One problem a rule found; `at` defaults to the top of SKILL.md. */
export interface Finding {
  message: string
  at?: SourcePosition
}

/** A file of the skill as it will be packaged, relative to the skill folder. */
export interface SkillFileSize {
  path: string
  size: number
}

export interface RuleContext {
  manifest: SkillManifest
  profile: Profile
  version: ResolvedVersion
  /** The registry the run packages or publishes for; undefined for a validate run. */
  publishTo?: RegistryKind
  /** The skill's files with sizes, when the caller listed them (size limits need them). */
  files?: ReadonlyArray<SkillFileSize>
  /** Whether a path relative to the skill folder exists (a file, or a folder holding files). */
  fileExists(skillRelativePath: string): boolean
}

export interface Rule extends RuleInfo {
  /** `frontmatter`: runs only when the frontmatter parsed into a mapping. */
  needs: 'frontmatter' | 'nothing'
  check(context: RuleContext): Finding[]
}

/** Rules that the pipeline's stages emit themselves; listed so SARIF and docs know them. */
export type CatalogueOnly = RuleInfo
