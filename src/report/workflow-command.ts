// The `::error file=…,line=…::message` lines the runner reads from stdout, for the CLI's
// `--format github` (the action itself goes through @actions/core, which does the same).
// Escaping follows actions/toolkit's command.ts: the message escapes `%`, CR and LF; property
// values also escape `:` and `,`, which would otherwise end the value or the property list.

import type { Annotation } from './annotations.js'

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

export function formatWorkflowCommand(annotation: Annotation): string {
  const properties: Array<[string, string]> = [
    ['file', annotation.file],
    ['line', String(annotation.startLine)],
    ['col', String(annotation.startColumn)],
    ['title', annotation.title]
  ]
  // Like the toolkit, leave out empty values rather than send `file=`.
  const list = properties
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  return `::${annotation.level}${list ? ` ${list}` : ''}::${escapeData(annotation.message)}`
}
