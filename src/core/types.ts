// The shared vocabulary of the pipeline: every module speaks these types, none of them imports
// the @actions toolkit, so the action, the CLI and the tests use the same code unchanged.

export type Severity = 'error' | 'warning' | 'note'

/** One finding about one file, with a 1-based position a person (and an annotation) can jump to. */
export interface Diagnostic {
  ruleId: string
  severity: Severity
  message: string
  /** Path relative to the repository root, with `/` separators. */
  file: string
  line: number
  column: number
}

/** Where messages go: the action maps it to workflow commands, the CLI to stderr, tests to an array. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  error(message: string): void
}

export const PROFILES = ['spec', 'clawhub', 'artifactory', 'fastskill'] as const
export type Profile = (typeof PROFILES)[number]

export const REGISTRY_KINDS = ['local', 'fastskill', 'clawhub', 'artifactory', 'claude'] as const
export type RegistryKind = (typeof REGISTRY_KINDS)[number]

/**
 * The archive layouts registries expect. The local registry stores the fastskill flavour; claude
 * is the skill's own files, as artifactory, which the Skills API receives under one folder.
 */
export type Flavour = 'fastskill' | 'artifactory' | 'clawhub' | 'claude'

/** A folder holding a SKILL.md. */
export interface SkillLocation {
  /** Absolute path of the folder. */
  dir: string
  /** Path relative to the repository root, `/` separators, `.` for the root itself. */
  path: string
  /** Set when the folder holds no SKILL.md but a file of another casing (`skill.md`): its name. */
  misnamedSkillFile?: string
}

/**
 * `package`: the skill-project.toml inside a pre-built package, which records the version it was built as.
 * `registry`: the registry chose it: `version: auto` (its latest, or the next minor after it), or
 * the version id it assigned when the version was created (the Claude Skills API).
 */
type VersionSource = 'input' | 'tag' | 'frontmatter' | 'metadata' | 'package' | 'registry' | 'none'

export interface ResolvedVersion {
  /** The version that would be published (pre-release suffix included), if any. */
  value?: string
  source: VersionSource
  /** 1-based position of the value in SKILL.md when it came from the file. */
  line?: number
  column?: number
}

/** A file that goes into a package, as listed: its bytes are hashed when the zip is written. */
export type ListedFile = Omit<PackageFile, 'sha256'>

/** A file that went into a package. */
export interface PackageFile {
  /** Path inside the skill (and the zip), `/` separators, never `..` or absolute. */
  path: string
  /** Where the bytes are read from (a symlink's target when it stays inside the skill). */
  absolutePath: string
  size: number
  /** 0o644 or 0o755. */
  mode: number
  /** Lowercase hex SHA-256 of the bytes that were zipped. */
  sha256: string
  /**
   * UTF-8 bytes of a file skillpub generated (fastskill's `skill-project.toml`); such a file is
   * not on disk, and `absolutePath` is only where it would be inside the skill folder.
   */
  content?: string
}

/** One built archive, ready for a registry. */
export interface SkillPackage {
  name: string
  version: string
  flavour: Flavour
  /** Skill folder relative to the repository root. */
  skillPath: string
  /** Absolute folder of the skill's files (what a multipart ClawHub upload reads). */
  skillDir: string
  /** `{name}-{version}.zip`. */
  fileName: string
  /** Absolute path of the zip on disk. */
  zipPath: string
  size: number
  sha256: string
  sha1: string
  /** The ClawHub bundle fingerprint over `files` (REGISTRIES.md §2). */
  fingerprint: string
  /** Files in the package, sorted by path (generated files such as skill-project.toml included). */
  files: PackageFile[]
}

/** Every way a skill's run can end; the first three pass, `unchanged`, `deleted` and `skipped` too. */
export const RESULT_STATUSES = [
  'published',
  'accepted',
  'approved',
  'unchanged',
  'deleted',
  'skipped',
  'valid',
  'packaged',
  'invalid',
  'rejected',
  'blocked',
  'timed-out',
  'failed'
] as const
export type ResultStatus = (typeof RESULT_STATUSES)[number]

export const FAILING_STATUSES: ReadonlySet<ResultStatus> = new Set(['invalid', 'rejected', 'blocked', 'timed-out', 'failed'])

/** The fate of one skill in one run: the single source for outputs, summary, annotations, SARIF, CLI text. */
export interface SkillResult {
  name: string
  path: string
  version?: string
  versionSource?: VersionSource
  registry?: RegistryKind
  /** The registry's own id for the skill, where it assigns one (Claude: `skill_...`). */
  skillId?: string
  status: ResultStatus
  /** `unchanged`: the version that holds this content in the registry, when it is not `version` (never published itself). */
  storedAs?: string
  diagnostics: Diagnostic[]
  jobId?: string
  url?: string
  sha256?: string
  fingerprint?: string
  /** Scan verdict as the registry words it (`clean`, `APPROVED`, `BLOCKED`, ...). */
  scan?: string
  /** The registry's own words (validation errors, moderation notes), stripped of transport noise. */
  messages: string[]
  /** Why it failed and what to do, when it failed. */
  error?: string
  artifact?: {
    path: string
    size: number
    files: number
    sha256: string
    sha1: string
    fingerprint: string
  }
}

/** A change range's verdict: which skills a run handles and why. */
export interface ChangeSet {
  /** Every discovered skill is handled (no range, changed-only off, first tag, shared path, fallback). */
  all: boolean
  /** Skill folders (relative paths) with changes; every skill when `all`. */
  changed: string[]
  /** Skill folders that were deleted or renamed away: reported, never published. */
  removed: string[]
  /** One sentence for the log and the summary: what was compared with what, or why all skills. */
  reason: string
  /** Fallbacks taken and other things a person should know (shallow clone, force push, ...). */
  notes: string[]
  /** A tag push: the tag, the skill it selects (per-skill tags) and the version it carries. */
  tag?: { name: string; skill?: string; version: string }
}

/** Everything a run found: what every face renders. */
export interface RunReport {
  mode: 'validate' | 'changed' | 'package' | 'publish' | 'status' | 'delete'
  results: SkillResult[]
  changes?: ChangeSet
  registry?: { kind: RegistryKind; target: string }
  /** Run-level notes for the summary (fallbacks, dry run, ...). */
  notes: string[]
}
