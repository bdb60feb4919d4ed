// The terminal face: one line per skill, its diagnostics below in a compact
// `path:line:col  severity  message  [rule]` form, and one count line at the end.
// The symbols stay when colour is off (they read fine in a log); only ANSI codes go, and the
// CLI turns colour on only for a TTY without NO_COLOR.

import type { Diagnostic, RunReport, Severity, SkillResult } from '../core/types.js'
import { escapeHidden } from './display.js'
import { compareDiagnostics } from './findings.js'
import { withoutCredentials } from './safe-url.js'
import { countBySeverity, describeCounts, describeSeverityCounts, isFailing, isPublished, statusText } from './verdict.js'

export interface TextOptions {
  color: boolean
  /** Also show where versions came from, job ids, scans, hashes and every registry message. */
  verbose?: boolean
}

type Paint = (text: string) => string

interface Palette {
  red: Paint
  green: Paint
  yellow: Paint
  cyan: Paint
  dim: Paint
  bold: Paint
}

const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`

const COLOURS: Palette = {
  red: ansi(31, 39),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
  cyan: ansi(36, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22)
}
const identity: Paint = (text) => text
const NO_COLOURS: Palette = { red: identity, green: identity, yellow: identity, cyan: identity, dim: identity, bold: identity }

const INDENT = '  '

export function renderText(report: RunReport, options: TextOptions): string {
  const paint = options.color ? COLOURS : NO_COLOURS
  const verbose = options.verbose ?? false
  const lines: string[] = []

  for (const note of [...(report.changes?.notes ?? []), ...report.notes])
    lines.push(paint.yellow(`note: ${indentContinuation(clean(note))}`))
  if (verbose && report.changes) lines.push(paint.dim(`changes: ${oneLine(report.changes.reason)}`))
  if (lines.length > 0) lines.push('')

  for (const result of report.results) lines.push(...skillLines(result, paint, verbose))
  const removed = report.changes?.removed ?? []
  for (const path of removed) lines.push(`${paint.dim('-')} ${oneLine(path)} ${paint.dim('removed, not published')}`)

  if (report.results.length > 0 || removed.length > 0) lines.push('')
  lines.push(countLine(report, paint))
  return `${lines.join('\n')}\n`
}

function skillLines(result: SkillResult, paint: Palette, verbose: boolean): string[] {
  const failing = isFailing(result)
  const symbol = failing
    ? paint.red('✖')
    : isPublished(result) || ['valid', 'packaged'].includes(result.status)
      ? paint.green('✔')
      : paint.dim('-')
  const word = statusText(result)
  const status = failing ? paint.red(word) : isPublished(result) ? paint.green(word) : word
  let head = `${symbol} ${paint.bold(oneLine(result.name))}`
  if (result.version) head += ` ${oneLine(result.version)}`
  if (verbose && result.versionSource) head += paint.dim(` (version from ${result.versionSource})`)
  head += ` ${status}`
  if (result.registry) head += paint.dim(` (${result.registry})`)
  if (result.url) head += ` -> ${oneLine(withoutCredentials(result.url))}`

  const lines = [head, ...diagnosticLines(result.diagnostics, paint)]
  const details: Array<[string, string | undefined]> = verbose
    ? [
        ['path', result.path],
        ['skill id', result.skillId],
        ['job', result.jobId],
        ['scan', result.scan],
        ['sha256', result.sha256 ?? result.artifact?.sha256],
        ['artifact', result.artifact?.path]
      ]
    : [['scan', failing ? result.scan : undefined]]
  for (const [label, value] of details) if (value) lines.push(`${INDENT}${paint.dim(`${label}:`)} ${oneLine(value)}`)
  if (result.error) lines.push(`${INDENT}${paint.red('error:')} ${indentContinuation(clean(result.error))}`)
  if (failing || verbose) {
    for (const message of result.messages) lines.push(`${INDENT}${paint.dim('registry:')} ${indentContinuation(clean(message))}`)
  }
  return lines
}

function diagnosticLines(diagnostics: readonly Diagnostic[], paint: Palette): string[] {
  const sorted = [...diagnostics].sort(compareDiagnostics)
  const locations = sorted.map((d) => `${oneLine(d.file)}:${d.line}:${d.column}`)
  const width = Math.max(0, ...locations.map((l) => l.length))
  return sorted.map((d, i) => {
    const location = (locations[i] ?? '').padEnd(width)
    const severity = paintSeverity(d.severity, paint)(d.severity.padEnd(7))
    return `${INDENT}${paint.dim(location)}  ${severity}  ${indentContinuation(clean(d.message))}  ${paint.dim(`[${oneLine(d.ruleId)}]`)}`
  })
}

function paintSeverity(severity: Severity, paint: Palette): Paint {
  return severity === 'error' ? paint.red : severity === 'warning' ? paint.yellow : paint.cyan
}

function countLine(report: RunReport, paint: Palette): string {
  const diagnostics = describeSeverityCounts(countBySeverity(report.results.flatMap((r) => r.diagnostics)))
  const line = describeCounts(report.results, report.changes?.removed.length ?? 0) + (diagnostics ? ` (${diagnostics})` : '')
  return report.results.some(isFailing) ? paint.bold(paint.red(line)) : paint.bold(line)
}

/**
 * Text from SKILL.md or a registry, made safe for a terminal: escape sequences and other
 * control characters would let a hostile skill rewrite the screen, so they are shown as
 * `\u001b`-style escapes. Line breaks are kept (and indented by the caller).
 */
function clean(text: string): string {
  return escapeHidden(text.replace(/\r\n?/g, '\n')).replace(/\t/g, ' ')
}

function indentContinuation(text: string): string {
  return text.replace(/\n/g, `\n${INDENT}${INDENT}`)
}

/** Like clean, for what must stay on its line (names, versions, paths): a line break shows as `\n`. */
function oneLine(text: string): string {
  return clean(text).replace(/\n/g, '\\n')
}
