import { OPTIONS } from '../options.js'
import { VERSION } from '../version.js'
import { AGENT_SKILL_FOLDERS } from '../core/discover.js'

export const COMMANDS = ['validate', 'changed', 'package', 'publish', 'status', 'delete'] as const
export type CommandName = (typeof COMMANDS)[number]

interface CommandDoc {
  usage: string
  summary: string
  /** Shared options that matter to this command, in the order shown. */
  options: string[]
  /** Flags only the CLI has. */
  flags: Array<[string, string]>
}

const SELECTION = ['changed-only', 'shared-paths', 'tag-patterns', 'github-token']
const VERSIONING = ['version', 'prerelease', 'tag-wins']
const PACKAGING = ['artifacts-dir', 'allow-secrets', 'max-file-size', 'max-skill-size', 'max-files']
const REGISTRY = [
  'registry',
  'target',
  'token',
  'username',
  'repository',
  'workspace',
  'upload-method',
  'owner-handle',
  'changelog',
  'tags',
  'categories',
  'topics',
  'layout',
  'scope',
  'base-url',
  'request-timeout',
  'retries'
]
const WAITING = ['wait', 'max-wait', 'poll-interval', 'on-scan-timeout', 'allow-suspicious', 'skip-scan', 'on-scan-error']

const SINCE: [string, string] = [
  '--since REF',
  'Handle only skills changed since this git ref (default: all skills); a ref that names no commit is a usage error. Same as --base.'
]
const SARIF: [string, string] = ['--sarif-file FILE', 'Also write the diagnostics as SARIF 2.1.0 to FILE.']
const FORMAT: [string, string] = ['--format, -f FORMAT', 'text (default), json, sarif or github (workflow annotation commands).']
const JSON_FLAG: [string, string] = ['--json', 'Same as --format json.']
const OUTPUT: [string, string] = ['--output, -o FILE', 'Write the report to FILE instead of stdout.']

/** Which folders [paths...] searches when none are given: every command takes them. */
const SEARCHED = [
  'Skills searched (without paths: the whole repository): every folder with a SKILL.md, at any depth',
  '(skills/*/, skills/{scope}/*/, */, plugins/{scope}/skills/*/, ...), and the agent folders',
  ...wrapList(AGENT_SKILL_FOLDERS, 96).map((line, index, lines) => `  ${line}${index < lines.length - 1 ? ',' : ''}`),
  'Skipped: .git, node_modules and other dot-folders, unless a path names them.'
]

function wrapList(items: readonly string[], width: number): string[] {
  const lines: string[] = []
  for (const item of items) {
    const last = lines.length - 1
    if (last >= 0 && lines[last]!.length + item.length + 2 <= width) lines[last] += `, ${item}`
    else lines.push(item)
  }
  return lines
}

const DOCS: Record<CommandName, CommandDoc> = {
  validate: {
    usage: 'skillpub validate [paths...] [--profile spec|clawhub|artifactory|fastskill] [--format text|json|sarif|github] [--strict]',
    summary: 'Check SKILL.md frontmatter, naming and versions. Exit 0 when clean, 1 on any error (or warning with --strict).',
    options: ['profile', 'fail-on', ...VERSIONING, ...SELECTION],
    flags: [SINCE, ['--strict', 'Fail on warnings too (same as --fail-on warning).'], FORMAT, JSON_FLAG, OUTPUT, SARIF]
  },
  changed: {
    usage: 'skillpub changed [paths...] [--since REF] [--json]',
    summary: 'List the skills that changed since a git ref (all skills without --since), and the ones removed.',
    options: SELECTION,
    flags: [SINCE, FORMAT, JSON_FLAG, OUTPUT]
  },
  package: {
    usage: 'skillpub package [paths...] --out ./artifacts [--registry fastskill|artifactory|clawhub]',
    summary: "Build each skill's reproducible zip in the layout a registry expects (fastskill by default).",
    options: ['registry', 'profile', ...VERSIONING, ...PACKAGING, ...SELECTION],
    flags: [['--out DIR', 'Same as --artifacts-dir.'], SINCE, FORMAT, JSON_FLAG, OUTPUT]
  },
  publish: {
    usage: 'skillpub publish [paths...] --target ./local-registry | --registry KIND --target URL',
    summary: 'Validate, package, publish and wait for each skill. Needs --registry or --target (a folder target needs no server).',
    options: [
      ...REGISTRY,
      'profile',
      ...VERSIONING,
      ...PACKAGING,
      ...WAITING,
      'concurrency',
      'fail-fast',
      'dry-run',
      'force',
      'cleanup',
      'delete-on-blocked',
      'auto-delete-on-failure',
      'signing-key',
      'key-alias',
      'artifacts',
      ...SELECTION
    ],
    flags: [['--no-wait', 'Same as --wait=false.'], SINCE, FORMAT, JSON_FLAG, OUTPUT, SARIF]
  },
  status: {
    usage: 'skillpub status [paths...] --registry KIND --target URL',
    summary: "The merge gate: look up each skill's current version in the registry and fail unless it passed its checks.",
    options: [...REGISTRY, 'profile', ...VERSIONING, ...WAITING, 'concurrency', ...SELECTION],
    flags: [SINCE, FORMAT, JSON_FLAG, OUTPUT]
  },
  delete: {
    usage: 'skillpub delete <name> --version V --registry KIND --target URL|DIR [--dry-run]',
    summary: 'Delete one version of a skill (as jf agent skills delete), without a prompt. Exit 1 when it was not there.',
    options: ['version', ...REGISTRY, 'dry-run'],
    flags: [FORMAT, JSON_FLAG, OUTPUT]
  }
}

/** Whether `--version` on this command is the version to publish (else it asks for skillpub's own). */
export function takesVersion(command: CommandName): boolean {
  return DOCS[command].options.includes('version')
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.length))
  return [
    `skillpub ${VERSION}: validate, package and publish agent skills to skill registries.`,
    '',
    'Usage: skillpub <command> [paths...] [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.padEnd(width)}  ${DOCS[command].summary}`),
    '',
    'Options common to all commands:',
    '  --help, -h      Help for a command: skillpub publish --help, or skillpub help publish',
    "  -V              Print skillpub's version (so does --version before a command, or after changed;",
    '                  after validate, package, publish and status, --version VERSION is the version to publish)',
    '  --verbose, -v   Log more (why every skill is handled, where versions come from, hashes)',
    '',
    'Paths may be absolute or relative, inside the current folder or not: the repository is the git',
    'work tree that holds them. List flags take one item per line or comma-separated (skills/{a,b} stays one).',
    'Booleans: --wait, --no-wait, --wait=false; a bare true or false after a boolean flag is its value',
    '(--wait false), never a path (write ./false for a folder of that name).',
    '',
    'Every input of the GitHub Action is also a flag with the same name (--paths adds to the paths given).',
    'Environment: FASTSKILL_API_URL, FASTSKILL_API_TOKEN, CLAWHUB_TOKEN, ARTIFACTORY_TOKEN, HTTPS_PROXY, NO_PROXY, NO_COLOR.',
    ''
  ].join('\n')
}

export function commandHelp(command: CommandName): string {
  const doc = DOCS[command]
  const rows: Array<[string, string]> = [
    ...doc.options.map((name): [string, string] => optionRow(name)),
    ...doc.flags,
    ...(takesVersion(command) ? [] : [['--version, -V', "Print skillpub's version."] as [string, string]]),
    ...(takesVersion(command) ? [['-V', "Print skillpub's version (--version is the version to publish)."] as [string, string]] : []),
    ['--verbose, -v', 'Log more.'],
    ['--help, -h', 'This help.']
  ]
  const width = Math.max(...rows.map(([flag]) => flag.length))
  return [
    `Usage: ${doc.usage}`,
    '',
    doc.summary,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
    ...SEARCHED,
    ''
  ].join('\n')
}

function optionRow(name: string): [string, string] {
  const option = OPTIONS.find((candidate) => candidate.name === name)
  if (!option) throw new Error(`help names unknown option ${name}`)
  const value =
    option.kind === 'boolean' ? ', --no-' + name : option.values ? ` ${option.values.join('|')}` : ` ${option.kind.toUpperCase()}`
  const fallback = option.default ? ` (default: ${option.default})` : ''
  return [`--${name}${value}`, option.description + fallback]
}
