// The terminal face: argv -> the same typed config the action builds -> the one pipeline -> text,
// JSON, SARIF or workflow commands on stdout, logs on stderr, and an exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { ConfigError, type Mode } from '../config.js'
import { OPTIONS, parseConfig, runSkillpub, type Logger, type RawOptions, type RunReport } from '../lib.js'
import { RULES } from '../core/rules/index.js'
import { renderText } from '../report/text.js'
import { renderJson } from '../report/json.js'
import { renderSarif } from '../report/sarif.js'
import { formatWorkflowCommand, selectAnnotations } from '../report/annotations.js'
import { runFailed } from '../report/verdict.js'
import { COMMANDS, commandHelp, mainHelp, type CommandName } from './help.js'
import { VERSION } from '../version.js'
import { writeFileCreatingFolders } from '../core/write-file.js'

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

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
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(mainHelp())
    return first === undefined ? EXIT.usage : EXIT.ok
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`${VERSION}\n`)
    return EXIT.ok
  }
  if (!(COMMANDS as readonly string[]).includes(first)) {
    io.stderr(`skillpub: unknown command '${first}'. Commands: ${COMMANDS.join(', ')}. See skillpub --help.\n`)
    return EXIT.usage
  }
  const command = first as CommandName
  try {
    const parsed = parseArgs({ args: rest, options: flagTable(), allowPositionals: true, strict: true })
    const values = parsed.values as FlagValues
    const positionals = parsed.positionals
    if (values.help) {
      io.stdout(commandHelp(command))
      return EXIT.ok
    }
    const format = chooseFormat(values)
    const config = parseConfig(rawOptions(command, values, positionals), { root: io.cwd, env: io.env })
    const report = await runSkillpub(config, stderrLogger(io, Boolean(values.verbose)))
    await emit(report, format, values, io)
    return runFailed(report, config.failOn) ? EXIT.failed : EXIT.ok
  } catch (error) {
    if (error instanceof ConfigError || isParseArgsError(error)) {
      io.stderr(`skillpub ${command}: ${(error as Error).message}\nSee skillpub ${command} --help.\n`)
      return EXIT.usage
    }
    io.stderr(`skillpub ${command}: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT.failed
  }
}

type FlagValues = Record<string, string | boolean | undefined>

/** Every shared option as `--name`, plus the CLI's own flags and short aliases. */
function flagTable(): NonNullable<ParseArgsConfig['options']> {
  const table: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean', short: 'v' },
    format: { type: 'string', short: 'f' },
    json: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    strict: { type: 'boolean' },
    since: { type: 'string' },
    out: { type: 'string' },
    'no-wait': { type: 'boolean' }
  }
  for (const option of OPTIONS) {
    if (!option.actionOnly) table[option.name] = { type: option.kind === 'boolean' ? 'boolean' : 'string' }
  }
  return table
}

function rawOptions(command: CommandName, values: FlagValues, positionals: string[]): RawOptions {
  // `delete` takes a skill's name, every other command skill folders.
  if (command === 'delete' && positionals.length !== 1) throw new ConfigError('give one skill name: skillpub delete <name> --version V.')
  const raw: RawOptions =
    command === 'delete' ? { mode: command, skill: positionals[0] } : { mode: command satisfies Mode, paths: positionals.join('\n') }
  for (const option of OPTIONS) {
    const value = values[option.name]
    if (value !== undefined) raw[option.name] = String(value)
  }
  if (values.since !== undefined) raw.base = String(values.since)
  if (values.out !== undefined) raw['artifacts-dir'] = String(values.out)
  if (values.strict) raw['fail-on'] = 'warning'
  if (values['no-wait']) raw.wait = 'false'
  return raw
}

function chooseFormat(values: FlagValues): Format {
  if (values.json) return 'json'
  const format = (values.format as string | undefined) ?? 'text'
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new ConfigError(`--format must be one of ${FORMATS.join(', ')}; got '${format}'.`)
  }
  return format as Format
}

async function emit(report: RunReport, format: Format, values: FlagValues, io: CliIo): Promise<void> {
  const text = render(report, format, io)
  if (typeof values.output === 'string') await writeFileCreatingFolders(values.output, text)
  else io.stdout(text)
}

function render(report: RunReport, format: Format, io: CliIo): string {
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
      return renderText(report, { color: io.isTTY && !io.env.NO_COLOR })
  }
}

function stderrLogger(io: CliIo, verbose: boolean): Logger {
  return {
    debug: (message) => verbose && io.stderr(`${message}\n`),
    info: (message) => io.stderr(`${message}\n`),
    warning: (message) => io.stderr(`warning: ${message}\n`),
    error: (message) => io.stderr(`error: ${message}\n`)
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? ''
  return code.startsWith('ERR_PARSE_ARGS')
}
