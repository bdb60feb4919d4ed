// Reads a step's output the way the GitHub runner does (actions/runner: ActionCommand.cs and
// ActionCommandManager.cs) and returns the commands it would obey: `::name props::data` on a line
// that starts with `::` after leading blanks, else the legacy `##[name props]data` anywhere in a
// line, and while `::stop-commands::TOKEN` is in force nothing but `::TOKEN::`.

export interface ObeyedCommand {
  command: string
  properties: Record<string, string>
  data: string
}

const REGISTERED = new Set([
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'add-path',
  'set-env',
  'set-output',
  'save-state',
  'echo',
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'stop-commands'
])

const unescape = (text: string) => text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
const unescapeProperty = (text: string) => unescape(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',')

function parse(line: string, registered: Set<string>): ObeyedCommand | undefined {
  const trimmed = line.trimStart()
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2)
    if (end < 0) return undefined
    return command(trimmed.slice(2, end), unescape(trimmed.slice(end + 2)), registered)
  }
  const start = line.indexOf('##[')
  if (start < 0) return undefined
  const close = line.indexOf(']', start)
  if (close < 0) return undefined
  return command(line.slice(start + 3, close), line.slice(close + 1), registered)
}

function command(info: string, data: string, registered: Set<string>): ObeyedCommand | undefined {
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!registered.has(name.toLowerCase())) return undefined
  const properties: Record<string, string> = {}
  if (space >= 0)
    for (const pair of info.slice(space + 1).split(',')) {
      const at = pair.indexOf('=')
      if (at > 0) properties[pair.slice(0, at).trim()] = unescapeProperty(pair.slice(at + 1))
    }
  return { command: name.toLowerCase(), properties, data }
}

export function commandsObeyed(output: string): ObeyedCommand[] {
  const registered = new Set(REGISTERED)
  const obeyed: ObeyedCommand[] = []
  let stopToken: string | undefined
  for (const line of output.split(/\r\n|\r|\n/)) {
    const found = parse(line, registered)
    if (!found) continue
    if (stopToken !== undefined) {
      if (found.command === stopToken.toLowerCase()) {
        registered.delete(stopToken.toLowerCase())
        stopToken = undefined
      }
      continue
    }
    if (found.command === 'stop-commands') {
      stopToken = found.data
      registered.add(stopToken.toLowerCase())
      continue
    }
    obeyed.push(found)
  }
  return obeyed
}
