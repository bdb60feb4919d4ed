import type { Flavour, Profile, RegistryKind } from './core/types.js'

/** The jobs skillpub does; the action's `mode` input and the CLI's command. */
export const MODES = ['validate', 'changed', 'package', 'publish', 'status', 'delete'] as const
export type Mode = (typeof MODES)[number]

/** How the run learns which skills changed (the action builds it from the GitHub context). */
export interface ChangeQuery {
  /** `auto`: changed skills for pull requests, pushes and tags; all skills otherwise. */
  changedOnly: 'auto' | 'true' | 'false'
  /** Compare with this ref instead of the event's own range (CLI `--since`, action `base`). */
  since?: string
  /** GitHub event name (`pull_request`, `push`, ...) and payload; absent outside GitHub. */
  eventName?: string
  eventPayload?: Record<string, unknown>
  /** `GITHUB_REF`, e.g. `refs/tags/v1.2.3`. */
  ref?: string
  /** `GITHUB_SHA`. */
  sha?: string
  /** Globs (relative to the repository root) whose change marks every skill changed. */
  sharedPaths: string[]
  /** Tag patterns with `{name}` and `{version}` placeholders. */
  tagPatterns: string[]
  /** When a tag's version disagrees with SKILL.md's: `error` (default) or `tag` (the tag wins). */
  tagVersionConflict: 'error' | 'tag'
  /** Hosted compare API for shallow clones whose history cannot be fetched. */
  github?: { token: string; repository: string; apiUrl: string }
}

export interface RegistryConfig {
  kind: RegistryKind
  /** URL of the API, or the folder of a local registry. */
  target: string
  token?: string
  /** Artifactory: user for Basic auth (with `token` as the password). */
  username?: string
  /** Artifactory: repository key. */
  repository?: string
  /** Claude: the workspace id sent as `anthropic-workspace-id`. */
  workspace?: string
  /** Artifactory: `deploy` (as `jf skills publish`) or `rest` (multipart API). */
  uploadMethod: 'deploy' | 'rest'
  /** Artifactory evidence: the private key (PEM text, or the absolute path of a PEM file) and its alias. */
  signingKey?: string
  keyAlias?: string
  /** Artifactory: do not ask the Xray gate (jf `--skip-scan`). */
  skipScan?: boolean
  /** Artifactory: what an Xray gate error or unknown status means. */
  onScanError?: 'fail' | 'pass'
  /** ClawHub: publish under this owner handle. */
  ownerHandle?: string
  /** ClawHub: changelog text, tags. */
  changelog: string
  tags: string[]
  /** ClawHub: catalog metadata, normalised and within ClawHub's limits (options.ts checks them). */
  categories: string[]
  topics: string[]
  /** ClawHub: where the skills come from (the GitHub repository, ref and commit), sent as provenance. */
  source?: { repository: string; url: string; ref?: string; commit?: string }
  /** Local: `flat` or `{slug}/{version}/`. */
  layout: 'flat' | 'nested'
  /** Local: FastSkill scope of the index, `index/{scope}/{name}`. */
  scope: string
  /** Local: URL the folder is served at (the index's `download_url`s start with it). */
  baseUrl?: string
  /** Per-request timeout and retry budget. */
  requestTimeoutMs: number
  retries: number
}

export interface PublishOptions {
  wait: boolean
  maxWaitMs: number
  pollIntervalMs: number
  concurrency: number
  failFast: boolean
  dryRun: boolean
  force: boolean
  /** `delete`: remove pre-release versions once their verdict is known. */
  cleanup: 'none' | 'delete'
  allowSuspicious: boolean
  onScanTimeout: 'fail' | 'pass'
  deleteOnBlocked: boolean
}

export interface PackageLimits {
  maxFileBytes: number
  maxSkillBytes: number
  maxFiles: number
}

export interface Config {
  mode: Mode
  /** Which face runs: its messages name options its way (see optionLabel). Default: action. */
  face?: Face
  /** Repository root (the working directory of the run). */
  root: string
  /** Skill roots or globs relative to `root`; empty means the whole repository. */
  paths: string[]
  profile: Profile
  failOn: 'error' | 'warning'
  /** Explicit version for every skill (input `version`). */
  version?: string
  /** `mode: delete`: the name of the skill whose `version` goes. */
  skill?: string
  /** Pre-release suffix appended to each version, e.g. `pr.42.abc1234`. */
  prerelease?: string
  changes: ChangeQuery
  registry: RegistryConfig
  /** Packages are written here (and it is never packaged itself). */
  artifactsDir: string
  /** `artifactsDir` is only a default: the run packages into a temporary folder and removes it (a publish without artifacts-dir). */
  temporaryArtifacts?: boolean
  /** Archive layout for `mode: package`; publish uses the registry's own. */
  flavour: Flavour
  limits: PackageLimits
  /** Patterns of secret-looking files that may be packaged anyway. */
  allowSecrets: string[]
  /** Pre-built zips to publish instead of packaging (file or folder). */
  artifacts?: string
  publish: PublishOptions
}

/** `version: auto`: a skill without a version gets the registry's latest, or the next minor when its content differs. */
export const AUTO_VERSION = 'auto'

export const DEFAULT_TAG_PATTERNS = ['v{version}', '{name}@{version}', '{name}/v{version}']

export const DEFAULT_LIMITS: PackageLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxSkillBytes: 50 * 1024 * 1024,
  maxFiles: 10_000
}

/** The face a run comes from: the GitHub Action (inputs) or the command line (flags). */
export type Face = 'action' | 'cli'

// Inputs the CLI spells its own way (it takes the input's name too).
const CLI_SPELLING: Record<string, string> = { base: 'since', 'artifacts-dir': 'out' }

/** How a face names an option in a message: the action's `input 'base'`, the CLI's `--since`. */
export function optionLabel(face: Face | undefined, option: string): string {
  return face === 'cli' ? `--${CLI_SPELLING[option] ?? option}` : `input '${option}'`
}

/** Thrown for a bad input or flag: names the input and what it accepts. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}
