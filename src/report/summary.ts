// The job summary: what happened, skill by skill, in Markdown with a little HTML. Annotations
// carry at most 10 findings per level; every other one is listed here, with each failed
// skill's registry messages. GitHub refuses a step summary over 1 MiB, so the summary is built
// piece by piece under a byte budget: the heading and counts first, then the table, then the
// details, and whatever does not fit is counted in a closing line instead of being cut.

import type { Diagnostic, RunReport, SkillResult } from '../core/types.js'
import { ByteBudget, utf8Bytes, wholeLinesWithin } from './byte-budget.js'
import { clipText } from './clip.js'
import { compareDiagnostics } from './findings.js'
import { code, escapeInline, escapeTableCell, link } from './markdown.js'
import { linkableUrl, withoutCredentials } from './safe-url.js'
import { countBySeverity, describeCounts, describeSeverityCounts, isFailing, statusText } from './verdict.js'

/** GitHub's limit for one step's summary. */
export const SUMMARY_BYTE_LIMIT = 1024 * 1024
/** What we aim for by default: the limit less room for anything the action adds around it. */
export const DEFAULT_SUMMARY_MAX_BYTES = SUMMARY_BYTE_LIMIT - 16 * 1024

export interface SummaryOptions {
  /** Diagnostics that did not fit the annotations (from selectAnnotations). */
  overflow: Diagnostic[]
  maxBytes?: number
}

// Room kept back for the closing "left out" line, which is written last.
const NOTICE_RESERVE = 512
// One message is a paragraph, not a document: bounded so one answer cannot crowd out the rest.
const MAX_MESSAGE_CHARS = 2000
const MAX_CELL_CHARS = 200
const NONE = '–'

const MODE_TITLES: Record<RunReport['mode'], string> = {
  validate: 'validate',
  changed: 'changed skills',
  package: 'package',
  publish: 'publish',
  status: 'status',
  delete: 'delete'
}

interface LeftOut {
  notes: number
  skills: number
  messages: number
  diagnostics: number
}

export function renderSummary(report: RunReport, options: SummaryOptions): string {
  const maxBytes = options.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES
  const doc = new ByteBudget(maxBytes - NOTICE_RESERVE)
  const leftOut: LeftOut = { notes: 0, skills: 0, messages: 0, diagnostics: 0 }
  // Once one piece does not fit, nothing after it is added either: the summary stays in order
  // and the closing line can say exactly what is missing.
  let full = false

  const addBlock = (open: string, items: readonly string[], close: string, kind: keyof LeftOut): void => {
    if (items.length === 0) return
    if (full || !doc.fits(open, items[0] ?? '', close)) {
      full = true
      leftOut[kind] += items.length
      return
    }
    doc.tryAdd(open)
    for (const item of items) {
      if (!full && doc.fits(item, close)) {
        doc.tryAdd(item)
      } else {
        full = true
        leftOut[kind] += 1
      }
    }
    doc.addReserved(close)
  }

  const heading = headingLines(report)
  if (!doc.tryAdd(heading)) return wholeLinesWithin(heading, maxBytes)

  addBlock('', contextLines(report), '\n', 'notes')

  const columns = COLUMNS.filter((column) => column.modes.includes(report.mode))
  const results = [...report.results].sort(bySkillName)
  const rows = [
    ...results.map((result) => skillRow(result, columns)),
    ...(report.changes?.removed ?? []).map((p) => removedRow(p, columns))
  ]
  if (rows.length === 0) doc.tryAdd('No skills were found.\n\n')
  addBlock(tableHeader(columns), rows, '\n', 'skills')

  // Each failing skill's own fold says why: the registry's words and every finding of its own.
  const folded = new Set<Diagnostic>()
  for (const result of resultsWithMessages(results)) {
    const diagnostics = isFailing(result) ? [...result.diagnostics].sort(compareDiagnostics) : []
    diagnostics.forEach((d) => folded.add(d))
    const items = [...messageItems(result), ...diagnostics.map(diagnosticItem)]
    addBlock(`<details><summary>${messagesTitle(result)}</summary>\n\n`, items, '\n</details>\n\n', 'messages')
  }

  const overflow = options.overflow.filter((d) => !folded.has(d)).sort(compareDiagnostics)
  const overflowTitle = `${overflow.length} ${overflow.length === 1 ? 'diagnostic' : 'diagnostics'} not shown as annotations`
  addBlock(`<details><summary>${overflowTitle}</summary>\n\n`, overflow.map(diagnosticItem), '\n</details>\n\n', 'diagnostics')

  const notice = leftOutNotice(leftOut, maxBytes)
  return wholeLinesWithin(doc.toString() + notice, maxBytes)
}

function headingLines(report: RunReport): string {
  let title = `## skillpub: ${MODE_TITLES[report.mode]}`
  if (report.registry)
    title += ` (${escapeInline(report.registry.kind)} ${code(clipText(withoutCredentials(report.registry.target), MAX_CELL_CHARS))})`
  const diagnostics = describeSeverityCounts(countBySeverity(report.results.flatMap((r) => r.diagnostics)))
  const counts = `**${escapeInline(describeCounts(report.results, report.changes?.removed.length ?? 0))}**`
  return `${title}\n\n${counts}${diagnostics ? ` · ${escapeInline(diagnostics)}` : ''}\n\n`
}

/** The change range's reason, the tag, and every note, one line each. */
function contextLines(report: RunReport): string[] {
  const lines: string[] = []
  const changes = report.changes
  if (changes) {
    lines.push(`**Changes:** ${escapeInline(clipText(changes.reason, MAX_MESSAGE_CHARS))}\n\n`)
    if (changes.tag) {
      const skill = changes.tag.skill ? ` for ${escapeInline(changes.tag.skill)}` : ''
      lines.push(`**Tag:** ${code(changes.tag.name)}${skill}, version ${code(changes.tag.version)}\n\n`)
    }
  }
  for (const note of [...(changes?.notes ?? []), ...report.notes]) lines.push(`- ${escapeInline(clipText(note, MAX_MESSAGE_CHARS))}\n`)
  return lines
}

// Short enough to keep the table within GitHub's page width; the full values are in the outputs.
const DIGEST_CHARS = 8
const SCAN_CHARS = 40

type Mode = RunReport['mode']

/** A table column and the modes that fill it: a validate run has no registry, job, digest or scan. */
interface Column {
  title: string
  modes: readonly Mode[]
  cell(result: SkillResult): string
}

const COLUMNS: readonly Column[] = [
  { title: 'Skill', modes: ['validate', 'changed', 'package', 'publish', 'status'], cell: skillCell },
  { title: 'Version', modes: ['validate', 'changed', 'package', 'publish', 'status'], cell: versionCell },
  { title: 'Result', modes: ['validate', 'changed', 'package', 'publish', 'status'], cell: verdictCell },
  {
    title: 'Diagnostics',
    modes: ['validate', 'changed', 'package', 'publish', 'status'],
    cell: (r) => escapeTableCell(describeSeverityCounts(countBySeverity(r.diagnostics)) || 'none')
  },
  { title: 'Registry', modes: ['publish', 'status'], cell: registryCell },
  { title: 'Job', modes: ['publish'], cell: (r) => (r.jobId ? code(clipText(r.jobId, MAX_CELL_CHARS)) : NONE) },
  { title: 'SHA-256', modes: ['package', 'publish'], cell: digestCell },
  { title: 'Scan', modes: ['publish', 'status'], cell: (r) => (r.scan ? escapeTableCell(clipText(r.scan, SCAN_CHARS)) : NONE) }
]

function tableHeader(columns: readonly Column[]): string {
  return `| ${columns.map((c) => c.title).join(' | ')} |\n| ${columns.map(() => '---').join(' | ')} |\n`
}

function skillRow(result: SkillResult, columns: readonly Column[]): string {
  return `| ${columns.map((column) => column.cell(result)).join(' | ')} |\n`
}

function removedRow(path: string, columns: readonly Column[]): string {
  const cells = columns.map((column) =>
    column.title === 'Skill' ? code(clipText(path, MAX_CELL_CHARS)) : column.title === 'Result' ? 'removed, not published' : NONE
  )
  return `| ${cells.join(' | ')} |\n`
}

function skillCell(result: SkillResult): string {
  const name = cell(result.name)
  return result.path !== result.name ? `${name}<br><sub>${code(clipText(result.path, MAX_CELL_CHARS))}</sub>` : name
}

function versionCell(result: SkillResult): string {
  if (!result.version) return NONE
  return `${cell(result.version)}${result.versionSource ? ` <sub>from ${escapeInline(result.versionSource)}</sub>` : ''}`
}

function verdictCell(result: SkillResult): string {
  const word = escapeInline(statusText(result))
  return isFailing(result) ? `**${word}**` : word
}

function digestCell(result: SkillResult): string {
  const sha256 = result.sha256 ?? result.artifact?.sha256
  return sha256 ? code(sha256.slice(0, DIGEST_CHARS)) : NONE
}

// Natural order, as a person counts: Bad1, Bad2, Bad10.
const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

function bySkillName(a: SkillResult, b: SkillResult): number {
  return NATURAL.compare(a.name, b.name) || NATURAL.compare(a.path, b.path)
}

function registryCell(result: SkillResult): string {
  // The registry's own id for the skill (Claude), which is what its API and console name it by.
  const id = result.skillId ? `<br><sub>${code(clipText(result.skillId, MAX_CELL_CHARS))}</sub>` : ''
  return registryLink(result) + id
}

function registryLink(result: SkillResult): string {
  if (!result.url) return result.registry ? escapeTableCell(result.registry) : NONE
  const label = result.registry ?? 'view'
  if (linkableUrl(result.url)) return link(label, result.url)
  return code(clipText(withoutCredentials(result.url), MAX_CELL_CHARS))
}

function cell(text: string): string {
  return escapeTableCell(clipText(text, MAX_CELL_CHARS))
}

/** Failing skills first (their messages and findings say why), then any other skill the registry spoke about. */
function resultsWithMessages(results: readonly SkillResult[]): SkillResult[] {
  const speaking = results.filter((r) => r.messages.length > 0 || (isFailing(r) && (r.error || r.diagnostics.length > 0)))
  return [...speaking.filter(isFailing), ...speaking.filter((r) => !isFailing(r))]
}

function messagesTitle(result: SkillResult): string {
  const subject = result.version ? `${result.name} ${result.version}` : result.name
  const registry = result.registry ? ` at ${result.registry}` : ''
  return escapeInline(`${clipText(subject, MAX_CELL_CHARS)}: ${result.status}${registry}`)
}

function messageItems(result: SkillResult): string[] {
  const items = result.error ? [`- **error:** ${escapeInline(clipText(result.error, MAX_MESSAGE_CHARS))}\n`] : []
  for (const message of result.messages) items.push(`- ${escapeInline(clipText(message, MAX_MESSAGE_CHARS))}\n`)
  return items
}

function diagnosticItem(d: Diagnostic): string {
  const where = code(`${clipText(d.file, MAX_CELL_CHARS)}:${d.line}:${d.column}`)
  return `- ${where} **${d.severity}** ${code(d.ruleId)} ${escapeInline(clipText(d.message, MAX_MESSAGE_CHARS))}\n`
}

function leftOutNotice(leftOut: LeftOut, maxBytes: number): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`
  const parts: string[] = []
  if (leftOut.notes > 0) parts.push(plural(leftOut.notes, 'note', 'notes'))
  if (leftOut.skills > 0) parts.push(plural(leftOut.skills, 'table row', 'table rows'))
  if (leftOut.messages > 0) parts.push(plural(leftOut.messages, 'message', 'messages'))
  if (leftOut.diagnostics > 0) parts.push(plural(leftOut.diagnostics, 'diagnostic', 'diagnostics'))
  if (parts.length === 0) return ''
  const limit = maxBytes >= 1024 ? `${Math.ceil(maxBytes / 1024)} KiB` : `${maxBytes} bytes`
  const notice = `\n**Left out to keep this summary under ${limit}:** ${parts.join(', ')}. The full list is in the action's \`results\` output and in \`skillpub --json\`.\n`
  // The notice is made of counts only, so it always fits the room kept for it.
  return utf8Bytes(notice) <= NOTICE_RESERVE ? notice : ''
}
