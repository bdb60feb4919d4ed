// Every finding of a run as a diagnostic tied to its skill, in one deterministic order.
// Annotations and SARIF both read this list, so a skill that failed at the registry (and so has
// no diagnostic of its own) shows up in both the same way: on line 1 of its SKILL.md.

import type { Diagnostic, RunReport, Severity, SkillResult } from '../core/types.js'
import { isFailing } from './verdict.js'

export interface BuiltInRule {
  id: string
  severity: Severity
  summary: string
}

/** A registry rejected, blocked or never finished with a skill, or publishing it failed. */
const PUBLISH_FAILED_RULE: BuiltInRule = {
  id: 'skillpub/publish-failed',
  severity: 'error',
  summary: 'The skill could not be published: the registry rejected or blocked it, did not finish in time, or the upload failed.'
}

/** A skill marked invalid with no diagnostic saying why (an unreadable SKILL.md, for one). */
const SKILL_INVALID_RULE: BuiltInRule = {
  id: 'skillpub/invalid',
  severity: 'error',
  summary: 'The skill is invalid and could not be checked further.'
}

export const BUILT_IN_RULES: readonly BuiltInRule[] = [PUBLISH_FAILED_RULE, SKILL_INVALID_RULE]

export interface Finding {
  diagnostic: Diagnostic
  /** Name of the skill the diagnostic belongs to (for titles a person can read). */
  skill: string
}

/** Repository-relative path of a skill's SKILL.md, `/` separators. */
function skillManifestPath(result: Pick<SkillResult, 'path'>): string {
  const dir = result.path
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '')
  return dir === '' || dir === '.' ? 'SKILL.md' : `${dir}/SKILL.md`
}

/**
 * The diagnostic that stands for a failing skill that has none of its own: its error and the
 * registry's words, placed on line 1 of its SKILL.md so the annotation lands on the skill.
 */
function failureDiagnostic(result: SkillResult): Diagnostic | undefined {
  if (!isFailing(result) || result.diagnostics.length > 0) return undefined
  const rule = result.status === 'invalid' ? SKILL_INVALID_RULE : PUBLISH_FAILED_RULE
  const subject = result.version ? `${result.name} ${result.version}` : result.name
  const where = result.registry ? ` (${result.registry})` : ''
  const headline = `${subject}: ${result.status}${where}${result.error ? `: ${result.error}` : ''}`
  const message = [headline, ...result.messages].join('\n')
  return { ruleId: rule.id, severity: rule.severity, message, file: skillManifestPath(result), line: 1, column: 1 }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 }

// Plain code-unit comparison: localeCompare would make the order depend on the runner's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Errors first, then by file, line, column, rule and message: the same order on every run. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  )
}

/** Every diagnostic of the run (plus one per failing skill without any), sorted. */
export function collectFindings(report: RunReport): Finding[] {
  const findings: Finding[] = []
  for (const result of report.results) {
    for (const diagnostic of result.diagnostics) findings.push({ diagnostic, skill: result.name })
    const failure = failureDiagnostic(result)
    if (failure) findings.push({ diagnostic: failure, skill: result.name })
  }
  return findings.sort((a, b) => compareDiagnostics(a.diagnostic, b.diagnostic) || compareText(a.skill, b.skill))
}
