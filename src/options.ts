// The one table of options. The action reads each as an input of the same name, the CLI as a
// `--flag` of the same name, and both hand the strings to `parseConfig`, so a setting means
// the same thing, is checked the same way and fails with the same message on either face.
import path from 'node:path'
import semver from 'semver'
import {
  AUTO_VERSION,
  ConfigError,
  DEFAULT_LIMITS,
  DEFAULT_TAG_PATTERNS,
  MODES,
  optionLabel,
  type ChangeQuery,
  type Config,
  type Face,
  type Mode
} from './config.js'
import { PROFILES, REGISTRY_KINDS, type Flavour, type Profile, type RegistryKind } from './core/types.js'
import { normalizeCategories, normalizeTopics } from './registries/clawhub-catalog.js'
import { pathComponentProblem } from './registries/fastskill-index.js'
import { isPemText } from './registries/evidence.js'

type OptionKind = 'string' | 'boolean' | 'number' | 'list' | 'enum'

export interface OptionSpec {
  name: string
  kind: OptionKind
  values?: readonly string[]
  default?: string
  /** Read as a secret: masked as soon as it is read, never echoed. */
  secret?: boolean
  /** Only the action has it (the CLI has a command or a flag of its own instead). */
  actionOnly?: boolean
  description: string
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'mode',
    kind: 'enum',
    values: MODES,
    default: 'validate',
    actionOnly: true,
    description: 'What to do: validate, changed, package, publish, status (the merge gate) or delete (one version).'
  },
  {
    name: 'skill',
    kind: 'string',
    actionOnly: true,
    description: 'mode delete: the name of the skill whose version (input version) is deleted; the CLI takes it as the argument.'
  },
  {
    name: 'paths',
    kind: 'list',
    default: '',
    description:
      'Skill folders or globs to search, one per line or comma-separated (commas inside braces stay: skills/{a,b}); empty searches the whole repository.'
  },
  {
    name: 'profile',
    kind: 'enum',
    values: PROFILES,
    description:
      "Validation rules: spec (Agent Skills), clawhub, artifactory or fastskill. Default: the registry's own profile when publishing to one, else spec."
  },
  {
    name: 'fail-on',
    kind: 'enum',
    values: ['error', 'warning'],
    default: 'error',
    description: 'Fail on errors only, or on warnings too.'
  },
  {
    name: 'version',
    kind: 'string',
    description:
      "Publish every skill with this version (beats tag, frontmatter and metadata.version). auto: a skill without one gets the registry's latest when unchanged, else the next minor (0.1.0 for a new skill)."
  },
  {
    name: 'prerelease',
    kind: 'string',
    description: 'Pre-release suffix for every version, e.g. pr.42.abc1234 gives 1.2.0-pr.42.abc1234.'
  },
  {
    name: 'changed-only',
    kind: 'enum',
    values: ['auto', 'true', 'false'],
    default: 'auto',
    description: 'auto: changed skills for pull requests, pushes and tags, all skills otherwise.'
  },
  { name: 'base', kind: 'string', description: 'Compare with this git ref instead of the event range (the CLI calls it --since).' },
  { name: 'shared-paths', kind: 'list', default: '', description: 'Globs outside skills whose change marks every skill changed.' },
  { name: 'tag-patterns', kind: 'list', default: DEFAULT_TAG_PATTERNS.join(','), description: 'Tag patterns with {name} and {version}.' },
  {
    name: 'tag-wins',
    kind: 'boolean',
    default: 'false',
    description: "When a tag's version disagrees with SKILL.md, publish the tag's version instead of failing."
  },
  {
    name: 'registry',
    kind: 'enum',
    values: REGISTRY_KINDS,
    description:
      'local, fastskill, clawhub, artifactory or claude. Default: detected from target (a URL is fastskill, a path is local); publish and status need registry or target.'
  },
  {
    name: 'target',
    kind: 'string',
    description:
      'Registry URL or local folder. FastSkill falls back to FASTSKILL_API_URL, then http://localhost:8080; Claude to ANTHROPIC_BASE_URL, then https://api.anthropic.com.'
  },
  {
    name: 'token',
    kind: 'string',
    secret: true,
    description: 'Registry token. Falls back to FASTSKILL_API_TOKEN, CLAWHUB_TOKEN, ARTIFACTORY_TOKEN or ANTHROPIC_API_KEY.'
  },
  {
    name: 'username',
    kind: 'string',
    description: 'Artifactory user for Basic auth with token as the password; empty uses a Bearer token.'
  },
  { name: 'repository', kind: 'string', description: 'Artifactory Skills repository key.' },
  { name: 'workspace', kind: 'string', description: 'Claude: the workspace id (wrkspc_...) sent as anthropic-workspace-id.' },
  {
    name: 'upload-method',
    kind: 'enum',
    values: ['deploy', 'rest'],
    default: 'deploy',
    description: 'Artifactory: deploy the zip as jf skills publish does, or use the multipart REST API.'
  },
  {
    name: 'signing-key',
    kind: 'string',
    secret: true,
    description:
      'Artifactory: sign and attach evidence to each zip with this private key (RSA, ECDSA or Ed25519 PEM): a path, or the key itself from a secret. Falls back to EVD_SIGNING_KEY_PATH.'
  },
  {
    name: 'key-alias',
    kind: 'string',
    description: "Artifactory: the alias of the signing key's public key in Artifactory. Falls back to EVD_KEY_ALIAS."
  },
  {
    name: 'skip-scan',
    kind: 'boolean',
    default: 'false',
    description: 'Artifactory: do not wait for the Xray scan gate (jf --skip-scan). Also JFROG_CLI_SKIP_SKILLS_SCAN=true.'
  },
  {
    name: 'on-scan-error',
    kind: 'enum',
    values: ['fail', 'pass'],
    default: 'fail',
    description: 'Artifactory: what an Xray gate error or a status skillpub does not know means (jf passes them).'
  },
  { name: 'owner-handle', kind: 'string', description: 'ClawHub: publish under this owner.' },
  { name: 'changelog', kind: 'string', default: '', description: 'ClawHub: changelog text for the version.' },
  { name: 'tags', kind: 'list', default: '', description: 'ClawHub: tags for the version.' },
  { name: 'categories', kind: 'list', default: '', description: "ClawHub: up to 3 category slugs from ClawHub's list." },
  { name: 'topics', kind: 'list', default: '', description: 'ClawHub: up to 5 topics, 48 characters each.' },
  {
    name: 'layout',
    kind: 'enum',
    values: ['flat', 'nested'],
    default: 'flat',
    description: 'Local registry: flat folder, or {slug}/{version}/.'
  },
  {
    name: 'scope',
    kind: 'string',
    description: 'Local registry: FastSkill scope of the index (index/{scope}/{name}). Default: the repository owner, lowercased.'
  },
  {
    name: 'base-url',
    kind: 'string',
    description: "Local registry: URL the folder will be served at, for the index's download_url (e.g. https://acme.github.io/skills)."
  },
  {
    name: 'artifacts-dir',
    kind: 'string',
    default: '',
    description:
      'Where packages are written (never packaged itself). Default: skillpub-artifacts for package; a temporary folder, removed after the run, for publish.'
  },
  { name: 'artifacts', kind: 'string', description: 'Publish pre-built zips (a file or a folder of zips) instead of packaging.' },
  {
    name: 'allow-secrets',
    kind: 'list',
    default: '',
    description: 'Globs of secret-looking files (.env, *.pem, ...) that may be packaged anyway.'
  },
  {
    name: 'max-file-size',
    kind: 'number',
    default: String(DEFAULT_LIMITS.maxFileBytes / 1024 / 1024),
    description: 'Largest file in a package, in MB.'
  },
  {
    name: 'max-skill-size',
    kind: 'number',
    default: String(DEFAULT_LIMITS.maxSkillBytes / 1024 / 1024),
    description: 'Largest skill, in MB.'
  },
  { name: 'max-files', kind: 'number', default: String(DEFAULT_LIMITS.maxFiles), description: 'Most files in a package.' },
  {
    name: 'wait',
    kind: 'boolean',
    default: 'true',
    description: 'Wait for each publication to be accepted, rejected, approved or blocked.'
  },
  { name: 'max-wait', kind: 'number', default: '300', description: 'Seconds to wait for verdicts before a skill is timed-out.' },
  { name: 'poll-interval', kind: 'number', default: '2', description: 'Seconds between status polls at first; the interval backs off.' },
  {
    name: 'concurrency',
    kind: 'number',
    default: '4',
    description: 'Registry requests at once: skills published or looked up together. Packaging uses every core whatever this says.'
  },
  { name: 'fail-fast', kind: 'boolean', default: 'false', description: 'Start no further skills after the first failure.' },
  { name: 'dry-run', kind: 'boolean', default: 'false', description: 'Do everything but the calls that write.' },
  { name: 'force', kind: 'boolean', default: 'false', description: 'Local registry: replace a version that holds different bytes.' },
  {
    name: 'cleanup',
    kind: 'enum',
    values: ['none', 'delete'],
    default: 'none',
    description: 'delete: remove pre-release versions once their verdict is known.'
  },
  { name: 'allow-suspicious', kind: 'boolean', default: 'false', description: 'ClawHub: pass a suspicious scan verdict (with a warning).' },
  {
    name: 'on-scan-timeout',
    kind: 'enum',
    values: ['fail', 'pass'],
    default: 'fail',
    description: 'What a scan still running at max-wait means.'
  },
  { name: 'delete-on-blocked', kind: 'boolean', default: 'false', description: 'Artifactory: delete a version whose scan blocked it.' },
  {
    name: 'auto-delete-on-failure',
    kind: 'boolean',
    default: 'false',
    description: "Artifactory: jf's name for delete-on-blocked (either turns it on)."
  },
  { name: 'request-timeout', kind: 'number', default: '30', description: 'Seconds for one HTTP request (uploads get four times as long).' },
  { name: 'retries', kind: 'number', default: '3', description: 'Retries of a request on 408, 429, 5xx and network errors.' },
  {
    name: 'sarif-file',
    kind: 'string',
    description: 'Write validation diagnostics as SARIF 2.1.0 to this file (for code scanning).'
  },
  {
    name: 'github-token',
    kind: 'string',
    secret: true,
    description: 'Token for the compare API when a shallow clone has no history to diff.'
  }
]

const OPTION_BY_NAME = new Map(OPTIONS.map((option) => [option.name, option]))

export type RawOptions = Record<string, string | undefined>

/** What the face knows that is not an option: where it runs and, in the action, the event. */
export interface FaceContext {
  root: string
  env: NodeJS.ProcessEnv
  /** Which face parses: messages name its options (`--profile`, or input 'profile'). Default: action. */
  face?: Face
  event?: Pick<ChangeQuery, 'eventName' | 'eventPayload' | 'ref' | 'sha'>
  github?: { repository: string; apiUrl: string; serverUrl: string }
}

/** Parse the raw strings of either face into the one typed, validated config. */
export function parseConfig(raw: RawOptions, context: FaceContext): Config {
  const read = optionReader(raw, context.face)
  const mode = read.enum('mode') as Mode
  requireRegistry(mode, read)
  const registryKind = chooseRegistry(read.enum('registry') as RegistryKind | undefined, read.string('target'))
  const flavour: Flavour = registryKind === 'local' ? 'fastskill' : registryKind
  const profile = (read.enum('profile') as Profile | undefined) ?? defaultProfile(mode, registryKind)
  const target = registryTarget(registryKind, read.string('target'), context)
  const githubToken = read.string('github-token')
  const token = read.string('token') ?? registryTokenFromEnv(registryKind, context.env)
  checkRegistrySettings(mode, registryKind, token, read)
  const artifactsDir = read.string('artifacts-dir')

  return {
    mode,
    ...(context.face && { face: context.face }),
    root: context.root,
    paths: read.list('paths'),
    profile,
    failOn: read.enum('fail-on') as Config['failOn'],
    version: read.string('version'),
    skill: read.string('skill'),
    prerelease: read.string('prerelease'),
    changes: {
      changedOnly: read.enum('changed-only') as ChangeQuery['changedOnly'],
      since: read.string('base'),
      ...context.event,
      sharedPaths: read.list('shared-paths'),
      tagPatterns: read.list('tag-patterns'),
      tagVersionConflict: read.boolean('tag-wins') ? 'tag' : 'error',
      github:
        githubToken && context.github
          ? { token: githubToken, repository: context.github.repository, apiUrl: context.github.apiUrl }
          : undefined
    },
    registry: {
      kind: registryKind,
      target,
      token,
      username: read.string('username'),
      repository: read.string('repository'),
      workspace: read.string('workspace'),
      uploadMethod: read.enum('upload-method') as Config['registry']['uploadMethod'],
      ...signingSettings(registryKind, read, context),
      skipScan: read.boolean('skip-scan') || envFlag(context.env, 'JFROG_CLI_SKIP_SKILLS_SCAN'),
      onScanError: read.enum('on-scan-error') as Config['registry']['onScanError'],
      ownerHandle: read.string('owner-handle'),
      changelog: read.string('changelog') ?? '',
      tags: read.list('tags'),
      categories: catalogInput('categories', read.list('categories'), normalizeCategories),
      topics: catalogInput('topics', read.list('topics'), normalizeTopics),
      source: context.github && {
        repository: context.github.repository,
        url: `${context.github.serverUrl}/${context.github.repository}`,
        ref: context.event?.ref,
        commit: context.event?.sha
      },
      layout: read.enum('layout') as Config['registry']['layout'],
      scope: indexScope(read.string('scope'), context),
      baseUrl: baseUrl(read.string('base-url')),
      requestTimeoutMs: read.seconds('request-timeout'),
      retries: read.integer('retries', 0)
    },
    artifactsDir: path.resolve(context.root, artifactsDir ?? 'skillpub-artifacts'),
    // A publish needs its zips only until they are sent: none are left in the user's repository.
    ...(mode === 'publish' && artifactsDir === undefined && { temporaryArtifacts: true }),
    flavour,
    limits: {
      maxFileBytes: read.megabytes('max-file-size'),
      maxSkillBytes: read.megabytes('max-skill-size'),
      maxFiles: read.integer('max-files', 1)
    },
    allowSecrets: read.list('allow-secrets'),
    artifacts: optionalPath(context.root, read.string('artifacts')),
    publish: {
      wait: read.boolean('wait'),
      maxWaitMs: read.seconds('max-wait'),
      pollIntervalMs: read.seconds('poll-interval'),
      concurrency: read.integer('concurrency', 1),
      failFast: read.boolean('fail-fast'),
      dryRun: read.boolean('dry-run'),
      force: read.boolean('force'),
      cleanup: read.enum('cleanup') as Config['publish']['cleanup'],
      allowSuspicious: read.boolean('allow-suspicious'),
      onScanTimeout: read.enum('on-scan-timeout') as Config['publish']['onScanTimeout'],
      deleteOnBlocked: read.boolean('delete-on-blocked') || read.boolean('auto-delete-on-failure')
    }
  }
}

/**
 * Publishing to a default nobody chose passes while publishing nowhere: a run that talks to a
 * registry names one (FASTSKILL_API_URL alone does not choose FastSkill: it is only its URL).
 */
function requireRegistry(mode: Mode, read: OptionReader): void {
  if (mode !== 'publish' && mode !== 'status') return
  if (read.string('registry') !== undefined || read.string('target') !== undefined) return
  throw new ConfigError(
    `${read.Label('registry')} or ${read.label('target')} is required to ${mode}: name the registry (local, fastskill, clawhub or artifactory) and its URL, or a folder as target.`
  )
}

/** A URL means an API (FastSkill unless said otherwise), anything else a folder, as the FastSkill CLI decides. */
function chooseRegistry(explicit: RegistryKind | undefined, target: string | undefined): RegistryKind {
  if (explicit) return explicit
  if (target === undefined) return 'local'
  return /^https?:\/\//i.test(target) ? 'fastskill' : 'local'
}

function defaultProfile(mode: Mode, registry: RegistryKind): Profile {
  const publishes = mode === 'publish' || mode === 'status' || mode === 'package'
  // Claude's Skills API checks SKILL.md as the Agent Skills spec does.
  return publishes && registry !== 'local' && registry !== 'claude' ? registry : 'spec'
}

function registryTarget(kind: RegistryKind, target: string | undefined, context: FaceContext): string {
  switch (kind) {
    case 'local':
      return path.resolve(context.root, target ?? 'local-registry')
    case 'fastskill':
      return target ?? context.env.FASTSKILL_API_URL ?? 'http://localhost:8080'
    case 'clawhub':
      return target ?? 'https://clawhub.ai'
    case 'artifactory':
      // Required only by the modes that talk to the registry: checkRegistrySettings says so.
      return target ?? ''
    case 'claude':
      return target ?? context.env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com'
  }
}

function registryTokenVariable(kind: RegistryKind): string | undefined {
  return {
    local: undefined,
    fastskill: 'FASTSKILL_API_TOKEN',
    clawhub: 'CLAWHUB_TOKEN',
    artifactory: 'ARTIFACTORY_TOKEN',
    claude: 'ANTHROPIC_API_KEY'
  }[kind]
}

function registryTokenFromEnv(kind: RegistryKind, env: NodeJS.ProcessEnv): string | undefined {
  const variable = registryTokenVariable(kind)
  return variable ? env[variable] || undefined : undefined
}

/**
 * Settings without which a registry cannot be reached are checked up front, not at the first
 * request. Artifactory may carry its credentials and repository in the URL (its own documents
 * write `https://user:token@host/artifactory/api/skills/<repo>`); createRegistry reads those.
 */
function checkRegistrySettings(mode: Mode, kind: RegistryKind, token: string | undefined, read: OptionReader): void {
  if (read.string('artifacts') && mode !== 'publish') {
    throw new ConfigError(
      `${read.Label('artifacts')} is for ${read.mode('publish')} (pre-built packages to publish); this is ${read.mode(mode)}.`
    )
  }
  if (mode === 'status' && kind === 'fastskill') {
    throw new ConfigError(
      `${read.mode('status').replace(/^m/, 'M')} cannot gate on registry 'fastskill': its API has no lookup of a published version. Gate on the publishing job's verdict instead (${read.mode('publish')} waits for accepted or rejected).`
    )
  }
  if (kind === 'claude') checkClaudeVersions(read)
  if (mode === 'delete') checkDelete(kind, read)
  if (read.string('version') === AUTO_VERSION && read.string('artifacts')) {
    throw new ConfigError(
      "Input 'version: auto' versions skill folders when packaging them; pre-built 'artifacts' carry their own version."
    )
  }
  if (read.string('version') === AUTO_VERSION && mode !== 'publish') {
    throw new ConfigError(
      `Input 'version: auto' asks the registry for the version when publishing; mode is ${mode}. Give a version, or use mode publish.`
    )
  }
  const talksToRegistry = mode === 'publish' || mode === 'status' || mode === 'delete'
  if (!talksToRegistry) return
  const target = read.string('target') ?? ''
  if (kind === 'artifactory' && !target) {
    throw new ConfigError(
      `${read.Label('target')} is required for registry 'artifactory': the Artifactory URL, e.g. https://acme.jfrog.io/artifactory.`
    )
  }
  if (kind === 'artifactory' && !read.string('repository') && !/\/api\/skills\/[^/]+\/?$/.test(target)) {
    throw new ConfigError(
      `${read.Label('repository')} is required for registry 'artifactory': the key of the Skills repository, e.g. skills-local.`
    )
  }
  const tokenInUrl = /^https?:\/\/[^/@]+:[^/@]+@/i.test(target)
  if ((kind === 'artifactory' || kind === 'clawhub') && !token && !tokenInUrl) {
    throw new ConfigError(
      `${read.Label('token')} is required for registry '${kind}' (or set ${registryTokenVariable(kind)}): an access token allowed to publish.`
    )
  }
  if (kind === 'claude' && !token) {
    throw new ConfigError(
      "Input 'token' is required for registry 'claude' (or set ANTHROPIC_API_KEY): an Anthropic API key of the workspace to publish to."
    )
  }
}

/** The Skills API assigns version ids itself: a version asked for could not be honoured, so it is refused. */
function checkClaudeVersions(read: OptionReader): void {
  for (const name of ['version', 'prerelease']) {
    if (read.string(name)) {
      throw new ConfigError(
        `Input '${name}' does not apply to registry 'claude': the Skills API assigns each new version its id. Remove it.`
      )
    }
  }
}

/** ClawHub's catalog limits, checked here so that a bad value fails before anything is packaged or sent. */
function catalogInput(name: string, values: string[], normalize: (values: string[]) => string[]): string[] {
  try {
    return normalize(values)
  } catch (error) {
    throw new ConfigError(`Input '${name}': ${(error as Error).message}.`)
  }
}

/** FastSkill scope of the local folder's index: the input, else the GitHub owner lowercased, else FastSkill's own default. */
function indexScope(given: string | undefined, context: FaceContext): string {
  const repository = context.github?.repository ?? context.env.GITHUB_REPOSITORY
  const scope = given ?? repository?.split('/')[0]?.toLowerCase() ?? 'anonymous'
  const problem = pathComponentProblem(scope)
  if (problem) throw new ConfigError(`Input 'scope' must be a FastSkill path component; ${JSON.stringify(scope)} is not: ${problem}.`)
  return scope
}

/** The index is public: its URLs must not carry credentials, and a query or fragment would break every path joined to it. */
function baseUrl(given: string | undefined): string | undefined {
  if (given === undefined) return undefined
  let url: URL | undefined
  try {
    url = new URL(given)
  } catch {
    url = undefined
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new ConfigError(
      `Input 'base-url' must be an http(s) URL without credentials, query or fragment, where the folder is served (e.g. https://acme.github.io/skills); got '${given.replace(/\/\/[^@/]*@/, '//***@')}'.`
    )
  }
  return url.href.replace(/\/+$/, '')
}

/** `mode: delete` names one version of one skill; both go into registry paths, so both are checked here. */
function checkDelete(kind: RegistryKind, read: OptionReader): void {
  if (kind === 'fastskill') {
    throw new ConfigError("Mode 'delete' cannot delete from registry 'fastskill': its API has no way to delete a version.")
  }
  const skill = read.string('skill')
  if (!skill || !/^[a-z0-9][a-z0-9._-]*$/i.test(skill)) {
    throw new ConfigError(
      `Mode 'delete' needs the skill's name (input 'skill', or skillpub delete <name>): letters, digits, '.', '_' and '-'; got '${skill ?? ''}'.`
    )
  }
  const version = read.string('version')
  if (!version || semver.valid(version) !== version) {
    throw new ConfigError(
      `Mode 'delete' needs the exact version to delete (input 'version', --version), e.g. 1.0.0; got '${version ?? ''}'.`
    )
  }
}

/**
 * Evidence signing, read as `jf` reads it: the input, else EVD_SIGNING_KEY_PATH (or
 * JFROG_CLI_SIGNING_KEY); the alias from the input, else EVD_KEY_ALIAS. A path is resolved against
 * the repository root; key text (from a secret) is kept as it is.
 */
function signingSettings(kind: RegistryKind, read: OptionReader, context: FaceContext): { signingKey?: string; keyAlias?: string } {
  const given = read.string('signing-key')
  if (given !== undefined && kind !== 'artifactory') {
    throw new ConfigError(`Input 'signing-key' signs JFrog evidence: it is for registry 'artifactory', not '${kind}'.`)
  }
  // The environment is read for Artifactory only: a variable set for jf must not break other runs.
  const key =
    kind === 'artifactory' ? (given ?? (context.env.EVD_SIGNING_KEY_PATH || context.env.JFROG_CLI_SIGNING_KEY || undefined)) : undefined
  const keyAlias = read.string('key-alias') ?? (context.env.EVD_KEY_ALIAS || undefined)
  if (key === undefined) return {}
  return { signingKey: isPemText(key) ? key : path.resolve(context.root, key), keyAlias }
}

/** A JFrog CLI switch in the environment, read as jf does (true/false, 1/0). */
function envFlag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim().toLowerCase()
  if (!value) return false
  if (['true', '1', 't'].includes(value)) return true
  if (['false', '0', 'f'].includes(value)) return false
  throw new ConfigError(`Environment variable ${name} must be true or false; got '${env[name]}'.`)
}

function optionalPath(root: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : path.resolve(root, value)
}

type OptionReader = ReturnType<typeof optionReader>

function optionReader(raw: RawOptions, face: Face | undefined) {
  const label = (name: string): string => optionLabel(face, name)
  const Label = (name: string): string => label(name).replace(/^./, (first) => first.toUpperCase())
  const value = (name: string): string | undefined => {
    const spec = OPTION_BY_NAME.get(name)
    if (!spec) throw new Error(`unknown option ${name}`)
    const given = raw[name]?.trim()
    return given ? given : spec.default || undefined
  }
  const number = (name: string, minimum: number): number => {
    const text = value(name) ?? '0'
    const parsed = Number(text)
    if (!Number.isFinite(parsed) || parsed < minimum) {
      throw new ConfigError(`${Label(name)} must be a number of at least ${minimum}; got '${text}'.`)
    }
    return parsed
  }
  return {
    label,
    Label,
    /** A mode as the face says it: the action's `mode 'publish'`, the CLI's `skillpub publish`. */
    mode: (mode: string): string => (face === 'cli' ? `skillpub ${mode}` : `mode '${mode}'`),
    string: value,
    enum(name: string): string | undefined {
      const text = value(name)
      const allowed = OPTION_BY_NAME.get(name)?.values ?? []
      if (text !== undefined && !allowed.includes(text)) {
        throw new ConfigError(`${Label(name)} must be one of ${allowed.join(', ')}; got '${text}'.`)
      }
      return text
    },
    boolean(name: string): boolean {
      const text = (value(name) ?? 'false').toLowerCase()
      if (['true', 'yes', '1', 'on'].includes(text)) return true
      if (['false', 'no', '0', 'off'].includes(text)) return false
      throw new ConfigError(`${Label(name)} must be true or false; got '${text}'.`)
    },
    list(name: string): string[] {
      return splitList(value(name) ?? '')
    },
    integer(name: string, minimum: number): number {
      const parsed = number(name, minimum)
      if (!Number.isInteger(parsed)) throw new ConfigError(`${Label(name)} must be a whole number; got '${parsed}'.`)
      return parsed
    },
    seconds: (name: string): number => Math.round(number(name, 0) * 1000),
    megabytes: (name: string): number => Math.round(number(name, 0) * 1024 * 1024)
  }
}

/**
 * A list input: one item per line, or comma-separated. A comma inside braces belongs to a glob
 * (`skills/{a,b}`), so only commas outside braces split.
 */
export function splitList(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let current = ''
  for (const char of text) {
    if (char === '{') depth++
    else if (char === '}') depth = Math.max(0, depth - 1)
    if (char === '\n' || char === '\r' || (char === ',' && depth === 0)) {
      items.push(current)
      current = ''
      // A line ends whatever a brace left open, so one typo cannot swallow the lines after it.
      if (char !== ',') depth = 0
    } else current += char
  }
  items.push(current)
  return items.map((item) => item.trim()).filter(Boolean)
}
