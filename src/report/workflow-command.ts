// The `::command key=value,…::message` lines the runner reads from stdout: annotations for the
// CLI's `--format github`, and every command the action sends (masks, logs, annotations).
// Escaping follows the runner's rules (actions/toolkit's command.ts): the message escapes `%`, CR
// and LF; property values also escape `:` and `,`, which would otherwise end the value or the
// property list.

import type { Annotation } from './annotations.js'

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** One workflow command; properties with empty values are left out rather than sent as `file=`. */
function workflowCommand(command: string, message: string, properties: Array<[string, string]> = []): string {
  const list = properties
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  return `::${command}${list ? ` ${list}` : ''}::${escapeData(message)}`
}

export function formatWorkflowCommand(annotation: Annotation): string {
  return workflowCommand(annotation.level, annotation.message, [
    ['file', annotation.file],
    ['line', String(annotation.startLine)],
    ['col', String(annotation.startColumn)],
    ['title', annotation.title]
  ])
}

/**
 * True when the runner might read a command in `text`: it parses one from a line that starts
 * with `::` after leading blanks, and from `##[` anywhere in a line (actions/runner,
 * ActionCommand.cs). Any `::` at all counts, so no rule about line breaks or blanks can be
 * missed; the price is an occasional harmless wrap of an IPv6 address.
 */
export function mayHoldRunnerCommand(text: string): boolean {
  return text.includes('::') || text.includes('##[')
}
