// What a run's results add up to: which skills passed, which failed, and whether the run fails.
// The faces decide the exit code; they ask these functions so that the summary, the outputs
// and the exit code can never disagree.

import { FAILING_STATUSES, RESULT_STATUSES } from '../core/types.js'
import type { Diagnostic, ResultStatus, RunReport, Severity, SkillResult } from '../core/types.js'

/** Statuses that mean a registry now holds (or has approved) the skill. */
const PUBLISHED_STATUSES: ReadonlySet<ResultStatus> = new Set(['published', 'accepted', 'approved'])

export function isPublished(result: SkillResult): boolean {
  return PUBLISHED_STATUSES.has(result.status)
}

export function isFailing(result: SkillResult): boolean {
  return FAILING_STATUSES.has(result.status)
}

/** How a status reads to a person: a dry run's skip (ship.ts words it) is what it would have done. */
export function statusText(result: SkillResult): string {
  const wouldPublish = result.status === 'skipped' && result.messages.some((message) => message.startsWith('Dry run: would publish'))
  return wouldPublish ? 'would publish' : result.status
}

export function failedResults(report: RunReport): SkillResult[] {
  return report.results.filter(isFailing)
}

export function publishedResults(report: RunReport): SkillResult[] {
  return report.results.filter(isPublished)
}

/**
 * Whether the run as a whole fails: a failing status always does, an error diagnostic always
 * does (even on a skill a registry took), and warnings do only when the user asked for it.
 */
export function runFailed(report: RunReport, failOn: 'error' | 'warning'): boolean {
  // `changed` only lists what a run would handle (for a job matrix); judging them is validate's job.
  if (report.mode === 'changed') return false
  if (report.results.some(isFailing)) return true
  const failingSeverities: ReadonlySet<Severity> = new Set(failOn === 'warning' ? ['error', 'warning'] : ['error'])
  return report.results.some((result) => result.diagnostics.some((d) => failingSeverities.has(d.severity)))
}

/** A skill is valid when nothing in it is an error, whatever happened at the registry. */
export function isValid(result: SkillResult): boolean {
  return result.status !== 'invalid' && !result.diagnostics.some((d) => d.severity === 'error')
}

/** Non-zero counts per status, in the fixed order of RESULT_STATUSES (so every face lists them alike). */
export function countByStatus(results: readonly SkillResult[]): Array<[ResultStatus, number]> {
  const counts = new Map<ResultStatus, number>()
  for (const result of results) counts.set(result.status, (counts.get(result.status) ?? 0) + 1)
  return RESULT_STATUSES.filter((status) => counts.has(status)).map((status) => [status, counts.get(status) ?? 0])
}

export interface SeverityCounts {
  error: number
  warning: number
  note: number
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, note: 0 }
  for (const diagnostic of diagnostics) counts[diagnostic.severity] += 1
  return counts
}

/** `3 skills: 2 published, 1 invalid`, the one line every face ends with. */
export function describeCounts(results: readonly SkillResult[], removed = 0): string {
  // A dry run's skips are counted as what they would have been.
  const wouldPublish = results.filter((result) => statusText(result) === 'would publish').length
  const parts = countByStatus(results).flatMap(([status, n]) =>
    status === 'skipped' && wouldPublish > 0
      ? [`${wouldPublish} would publish`, ...(n > wouldPublish ? [`${n - wouldPublish} skipped`] : [])]
      : [`${n} ${status}`]
  )
  if (removed > 0) parts.push(`${removed} removed (not published)`)
  const head = `${results.length} ${results.length === 1 ? 'skill' : 'skills'}`
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head
}

/** `2 errors, 1 warning`; empty when there is nothing. */
export function describeSeverityCounts(counts: SeverityCounts): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
  const parts: string[] = []
  if (counts.error > 0) parts.push(plural(counts.error, 'error'))
  if (counts.warning > 0) parts.push(plural(counts.warning, 'warning'))
  if (counts.note > 0) parts.push(plural(counts.note, 'note'))
  return parts.join(', ')
}
