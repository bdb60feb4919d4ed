// argv -> flag values and paths. Every option of the one table (src/options.ts) is a `--flag` of
// the same name, so the flags cannot drift from the action's inputs; the CLI adds a few of its
// own. Booleans read as people write them: `--wait`, `--no-wait`, `--wait=false`, and
// `--wait false` (a bare `true` or `false` right after a boolean flag is its value, never a
// path: a folder of that name is written `./false`).

import { ConfigError } from '../config.js'
import { OPTIONS } from '../options.js'

export type FlagValues = Record<string, string | undefined>

export interface ParsedArgs {
  values: FlagValues
  positionals: string[]
}

interface FlagSpec {
  boolean: boolean
  /** Given more than once, the values add up (one per line), as a list input's lines do. */
  list?: boolean
}

/** The CLI's own flags (output and conveniences), beside the shared options. */
const CLI_FLAGS: Record<string, FlagSpec> = {
  help: { boolean: true },
  verbose: { boolean: true },
  'skillpub-version': { boolean: true },
  format: { boolean: false },
  json: { boolean: true },
  output: { boolean: false },
  strict: { boolean: true },
  since: { boolean: false },
  out: { boolean: false }
}

const SHORT: Record<string, string> = { h: 'help', v: 'verbose', V: 'skillpub-version', f: 'format', o: 'output' }

function flagTable(): Map<string, FlagSpec> {
  const table = new Map<string, FlagSpec>(Object.entries(CLI_FLAGS))
  for (const option of OPTIONS) {
    if (!option.actionOnly) table.set(option.name, { boolean: option.kind === 'boolean', list: option.kind === 'list' })
  }
  return table
}

const BARE_BOOLEAN = /^(true|false)$/i

/**
 * Parses the arguments after the command. `--version` is an option (the version to publish) for
 * the commands that `versioned` says; elsewhere it asks for skillpub's own version, as `-V` does
 * everywhere.
 */
export function parseArgs(args: readonly string[], versioned: boolean): ParsedArgs {
  const table = flagTable()
  const values: FlagValues = {}
  const positionals: string[] = []
  const set = (name: string, value: string): void => {
    const previous = values[name]
    values[name] = table.get(name)?.list && previous !== undefined ? `${previous}\n${value}` : value
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--') {
      positionals.push(...args.slice(i + 1))
      break
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg)
      continue
    }
    const equals = arg.indexOf('=')
    let name: string
    let inline: string | undefined
    if (arg.startsWith('--')) {
      name = equals < 0 ? arg.slice(2) : arg.slice(2, equals)
      inline = equals < 0 ? undefined : arg.slice(equals + 1)
      if (name === 'version' && !versioned) name = 'skillpub-version'
    } else {
      const long = SHORT[arg.slice(1, equals < 0 ? undefined : equals)]
      if (long === undefined) throw new ConfigError(`Unknown option '${arg}'.`)
      name = long
      inline = equals < 0 ? undefined : arg.slice(equals + 1)
    }
    const spec = table.get(name)
    const negated = spec === undefined && name.startsWith('no-') ? table.get(name.slice(3)) : undefined
    if (negated?.boolean) {
      if (inline !== undefined) throw new ConfigError(`--${name} takes no value: write --${name} or --${name.slice(3)}=${inline}.`)
      set(name.slice(3), 'false')
      continue
    }
    if (spec === undefined) throw new ConfigError(`Unknown option '${arg.slice(0, equals < 0 ? undefined : equals)}'.`)
    if (spec.boolean) {
      const next = args[i + 1]
      if (inline !== undefined) set(name, inline)
      else if (next !== undefined && BARE_BOOLEAN.test(next)) set(name, args[++i] as string)
      else set(name, 'true')
      continue
    }
    if (inline !== undefined) {
      set(name, inline)
      continue
    }
    const next = args[i + 1]
    // A flag right after a flag is a forgotten value, not a value: `--since --json`.
    if (next === undefined || next.startsWith('--')) {
      throw new ConfigError(`--${name} needs a value (write --${name}=VALUE for one that starts with --).`)
    }
    set(name, next)
    i++
  }
  return { values, positionals }
}

/** A boolean flag of the CLI's own: given and not false. */
export function flagOn(values: FlagValues, name: string): boolean {
  const value = values[name]
  if (value === undefined) return false
  if (/^(true|yes|1|on)$/i.test(value)) return true
  if (/^(false|no|0|off)$/i.test(value)) return false
  throw new ConfigError(`--${name} must be true or false; got '${value}'.`)
}
