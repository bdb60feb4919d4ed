// The terminal face: argv -> the same typed config the action builds -> the one pipeline -> text,
// JSON, SARIF or workflow commands on stdout, logs on stderr, and an exit code.
import path from 'node:path'
import { ConfigError, DEFAULT_TAG_PATTERNS, type Mode } from '../config.js'
import { OPTIONS, parseConfig, runSkillpub, type FaceContext, type Logger, type RawOptions, type RunReport } from '../lib.js'
import { splitList } from '../options.js'
import { UnmatchedPatternsError } from '../core/discover.js'
import { RULES } from '../core/rules/index.js'
import { renderText } from '../report/text.js'
import { renderJson } from '../report/json.js'
import { renderSarif } from '../report/sarif.js'
import { formatWorkflowCommand, selectAnnotations } from '../report/annotations.js'
import { runFailed } from '../report/verdict.js'
import { COMMANDS, commandHelp, mainHelp, takesVersion, type CommandName } from './help.js'
import { flagOn, parseArgs, type FlagValues } from './args.js'
import { placeRun, tagOfHead } from './where.js'
import { liveLine, type LiveLine } from './live-line.js'
import { VERSION } from '../version.js'
import { writeFileCreatingFolders } from '../core/write-file.js'

const EXIT = { ok: 0, failed: 1, usage: 2 } as const

const FORMATS = ['text', 'json', 'sarif', 'github'] as const
type Format = (typeof FORMATS)[number]

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  isTTY: boolean
}

/** Run one command line; returns the exit code (0 clean, 1 failed, 2 usage error). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout(mainHelp())
    return first === undefined ? EXIT.usage : EXIT.ok
  }
  if (first === 'help') return helpCommand(rest[0], io)
  if (first === '--version' || first === '-V') {
    io.stdout(`${VERSION}\n`)
    return EXIT.ok
  }
  if (!isCommand(first)) {
    io.stderr(`skillpub: unknown command '${first}'. Commands: ${COMMANDS.join(', ')}. See skillpub --help.\n`)
    return EXIT.usage
  }
  const command = first
  let written = new Map<string, string>()
  try {
    const { values, positionals } = parseArgs(rest, takesVersion(command))
    if (flagOn(values, 'help')) {
      io.stdout(commandHelp(command))
      return EXIT.ok
    }
    if (flagOn(values, 'skillpub-version')) {
      io.stdout(`${VERSION}\n`)
      return EXIT.ok
    }
    const format = chooseFormat(values)
    const verbose = flagOn(values, 'verbose')
    const live = io.isTTY && !io.env.CI ? liveLine(io) : undefined
    const logger = stderrLogger(io, verbose, live)
    // A delete names a version in a registry: no skill folders to find, no repository to read.
    const deleting = command === 'delete'
    const place = deleting
      ? { root: io.cwd, patterns: positionals, written: new Map<string, string>() }
      : await placeRun(io.cwd, [...positionals, ...splitList(values.paths ?? '')])
    written = place.written
    const raw = rawOptions(command, values, place.patterns, io.cwd)
    const tag = deleting
      ? undefined
      : await tagOfHead(place.root, io.env, splitList(raw['tag-patterns'] || DEFAULT_TAG_PATTERNS.join(',')), logger.warning)
    const config = parseConfig(raw, cliContext(place.root, io.env, tag))
    const report = await runSkillpub(config, logger, live ? { live: live.update } : {})
    live?.update('')
    await emit(report, format, values, io, verbose)
    return runFailed(report, config.failOn) ? EXIT.failed : EXIT.ok
  } catch (error) {
    if (error instanceof UnmatchedPatternsError) {
      const patterns = error.patterns.map((pattern) => `'${written.get(pattern) ?? pattern}'`).join(', ')
      io.stderr(
        `skillpub ${command}: No skill (a folder with a SKILL.md) found for ${patterns}. Check the paths: relative ones start from the current folder, and dot-folders and node_modules are only searched when named.\nSee skillpub ${command} --help.\n`
      )
      return EXIT.usage
    }
    if (error instanceof ConfigError) {
      io.stderr(`skillpub ${command}: ${error.message}\nSee skillpub ${command} --help.\n`)
      return EXIT.usage
    }
    io.stderr(`skillpub ${command}: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT.failed
  }
}

/** `skillpub help [command]`. */
function helpCommand(topic: string | undefined, io: CliIo): number {
  if (topic === undefined) {
    io.stdout(mainHelp())
    return EXIT.ok
  }
  if (!isCommand(topic)) {
    io.stderr(`skillpub help: unknown command '${topic}'. Commands: ${COMMANDS.join(', ')}.\n`)
    return EXIT.usage
  }
  io.stdout(commandHelp(topic))
  return EXIT.ok
}

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word)
}

/** The context the CLI gives the shared parser: no event, but the tag at HEAD, and a repository named by GITHUB_REPOSITORY for --github-token. */
function cliContext(root: string, env: NodeJS.ProcessEnv, tag: string | undefined): FaceContext {
  return {
    root,
    env,
    face: 'cli',
    ...(tag !== undefined && { event: { ref: `refs/tags/${tag}` } }),
    ...(env.GITHUB_REPOSITORY && {
      github: {
        repository: env.GITHUB_REPOSITORY,
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com'
      }
    })
  }
}

// Options that name files or folders: a person means them from where they stand, whatever the root.
const PATH_OPTIONS = ['artifacts-dir', 'artifacts', 'sarif-file']

function rawOptions(command: CommandName, values: FlagValues, patterns: string[], cwd: string): RawOptions {
  // `delete` takes a skill's name, every other command skill folders.
  if (command === 'delete' && patterns.length !== 1) throw new ConfigError('give one skill name: skillpub delete <name> --version V.')
  const raw: RawOptions =
    command === 'delete' ? { mode: command, skill: patterns[0] } : { mode: command satisfies Mode, paths: patterns.join('\n') }
  for (const option of OPTIONS) {
    const value = values[option.name]
    if (value !== undefined && option.name !== 'paths') raw[option.name] = value
  }
  if (values.since !== undefined) raw.base = values.since
  if (values.out !== undefined) raw['artifacts-dir'] = values.out
  if (flagOn(values, 'strict')) raw['fail-on'] = 'warning'
  for (const name of PATH_OPTIONS) if (raw[name]) raw[name] = path.resolve(cwd, raw[name] as string)
  // A target that is not a URL is a folder (see parseConfig), also meant from where the person stands.
  if (raw.target && !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw.target)) raw.target = path.resolve(cwd, raw.target)
  return raw
}

function chooseFormat(values: FlagValues): Format {
  if (flagOn(values, 'json')) return 'json'
  const format = values.format ?? 'text'
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new ConfigError(`--format must be one of ${FORMATS.join(', ')}; got '${format}'.`)
  }
  return format as Format
}

async function emit(report: RunReport, format: Format, values: FlagValues, io: CliIo, verbose: boolean): Promise<void> {
  const text = render(report, format, io, verbose)
  // An empty value is no value, as an empty input is.
  if (values.output) await writeFileCreatingFolders(path.resolve(io.cwd, values.output), text)
  else io.stdout(text)
  const sarifFile = values['sarif-file']
  if (sarifFile && format !== 'sarif') await writeFileCreatingFolders(path.resolve(io.cwd, sarifFile), render(report, 'sarif', io, verbose))
}

function render(report: RunReport, format: Format, io: CliIo, verbose: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report) + '\n'
    case 'sarif':
      return JSON.stringify(renderSarif(report, RULES, VERSION), null, 2) + '\n'
    case 'github':
      return selectAnnotations(report, Number.POSITIVE_INFINITY)
        .annotations.map((a) => formatWorkflowCommand(a) + '\n')
        .join('')
    case 'text':
      return renderText(report, { color: io.isTTY && !io.env.NO_COLOR, verbose })
  }
}

function stderrLogger(io: CliIo, verbose: boolean, live: LiveLine | undefined): Logger {
  const write = (text: string): void => (live ? live.print(text) : io.stderr(text))
  return {
    debug: (message) => verbose && write(`${message}\n`),
    info: (message) => write(`${message}\n`),
    warning: (message) => write(`warning: ${message}\n`),
    error: (message) => write(`error: ${message}\n`)
  }
}
