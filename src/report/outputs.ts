// The action's outputs: every value a string, structured ones as JSON that `fromJSON()` reads.
//
// | output          | value                                                                          |
// |-----------------|--------------------------------------------------------------------------------|
// | `results`       | JSON list of every SkillResult (same fields and order as `--json`)             |
// | `skills`        | JSON list of `{name, path, version, valid, diagnostics}`; `diagnostics` is the |
// |                 | skill's list of `{ruleId, severity, message, file, line, column}`              |
// | `valid`         | `'true'` when no skill is invalid or has an error diagnostic, else `'false'`   |
// | `published`     | JSON list of names the registry took: published, accepted, approved            |
// | `failed`        | JSON list of names that failed: invalid, rejected, blocked, timed-out, failed  |
// | `changed`       | JSON list of changed skill paths (every handled skill when there was no range) |
// | `removed`       | JSON list of deleted or renamed-away skill paths (never published)             |
// | `changed-count` | number of entries in `changed`, as a string (`'0'` when none)                  |
// | `matrix`        | `{"include":[{"skill":name,"path":path}]}` over `changed`, for                 |
// |                 | `strategy.matrix: ${{ fromJSON(...) }}`; guard with `changed-count != '0'`,    |
// |                 | GitHub rejects a matrix with an empty `include`                                |
// | `artifacts`     | JSON list of `{path, sha256, sha1, fingerprint, size, files}` of built zips    |
// | `truncated`     | only when an output was cut to fit: JSON list of sentences saying what was cut |
//
// GitHub refuses more than 1 MB of outputs per job. Every text in a list is cut to
// MAX_TEXT_CHARS, and every list to its share of OUTPUT_BYTE_BUDGETS (the entries that fit, in
// order, each whole, so the JSON stays valid); the full report goes to the JSON file.

import type { RunReport, SkillResult } from '../core/types.js'
import { utf8Bytes } from './byte-budget.js'
import { clipText } from './clip.js'
import { normalizeDiagnostic, normalizeSkillResult } from './json.js'
import { isFailing, isPublished, isValid } from './verdict.js'

/** Characters of one text (a name, a message, a path) in an output. */
export const MAX_TEXT_CHARS = 2000

/** Bytes of each list output: 896 KiB in all, under GitHub's 1 MB per job with room for other steps. */
const OUTPUT_BYTE_BUDGETS = {
  results: 384 * 1024,
  skills: 192 * 1024,
  matrix: 96 * 1024,
  changed: 64 * 1024,
  artifacts: 64 * 1024,
  removed: 32 * 1024,
  published: 32 * 1024,
  failed: 32 * 1024
} as const

export function actionOutputs(report: RunReport): Record<string, string> {
  const changed = changedPaths(report)
  const cuts: string[] = []
  const list = (name: keyof typeof OUTPUT_BYTE_BUDGETS, items: unknown[]): string => {
    const clipped = items.map(clipTexts)
    if (JSON.stringify(clipped) !== JSON.stringify(items))
      cuts.push(`${name}: texts longer than ${MAX_TEXT_CHARS} characters cut (ending in …).`)
    return fitList(name, clipped, cuts)
  }
  const outputs: Record<string, string> = {
    results: list('results', report.results.map(normalizeSkillResult)),
    skills: list('skills', report.results.map(skillSummary)),
    valid: String(report.results.every(isValid)),
    published: list(
      'published',
      report.results.filter(isPublished).map((r) => r.name)
    ),
    failed: list(
      'failed',
      report.results.filter(isFailing).map((r) => r.name)
    ),
    changed: list('changed', changed),
    removed: list('removed', unique(report.changes?.removed ?? [])),
    'changed-count': String(changed.length),
    matrix: `{"include":${list(
      'matrix',
      changed.map((path) => ({ skill: skillNameAt(report, path), path }))
    )}}`,
    artifacts: list('artifacts', report.results.flatMap(artifactSummary))
  }
  if (cuts.length > 0) outputs.truncated = JSON.stringify(cuts)
  return outputs
}

/** Whether an output had to be cut (the caller then keeps the full report elsewhere). */
export function outputsTruncated(outputs: Record<string, string>): boolean {
  return outputs.truncated !== undefined
}

/** Every string in a value cut to MAX_TEXT_CHARS, saying so with `…`. */
function clipTexts(value: unknown): unknown {
  if (typeof value === 'string') return clipText(value, MAX_TEXT_CHARS)
  if (Array.isArray(value)) return value.map(clipTexts)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, clipTexts(field)]))
}

/** The list as JSON, as many whole entries as fit its budget (in order); a cut is noted in `cuts`. */
function fitList(name: keyof typeof OUTPUT_BYTE_BUDGETS, items: unknown[], cuts: string[]): string {
  const budget = OUTPUT_BYTE_BUDGETS[name]
  const json = JSON.stringify(items)
  if (utf8Bytes(json) <= budget) return json
  // The longest prefix that fits: entry sizes summed, plus brackets and commas.
  let bytes = 2
  let kept = 0
  for (const item of items) {
    const size = utf8Bytes(JSON.stringify(item)) + (kept > 0 ? 1 : 0)
    if (bytes + size > budget) break
    bytes += size
    kept++
  }
  cuts.push(
    `${name}: ${kept} of ${items.length} entries kept (the output is limited to ${Math.round(budget / 1024)} KiB); the full report is in report-file.`
  )
  return JSON.stringify(items.slice(0, kept))
}

function skillSummary(result: SkillResult): object {
  return {
    name: result.name,
    path: result.path,
    // `null`, not a missing key, so `fromJSON(...)[0].version` reads the same for every skill.
    version: result.version ?? null,
    valid: isValid(result),
    diagnostics: result.diagnostics.map(normalizeDiagnostic)
  }
}

function artifactSummary(result: SkillResult): object[] {
  const artifact = result.artifact
  if (!artifact) return []
  const { path, sha256, sha1, fingerprint, size, files } = artifact
  return [{ path, sha256, sha1, fingerprint, size, files }]
}

/** The change set's skills; without one (no range asked for), every skill the run handled. */
function changedPaths(report: RunReport): string[] {
  return unique(report.changes ? report.changes.changed : report.results.map((r) => r.path))
}

// A changed folder the run has no result for (it failed to parse, say) still gets a readable
// name: its last path segment, which is what a skill's name is by convention.
function skillNameAt(report: RunReport, path: string): string {
  const result = report.results.find((r) => r.path === path)
  if (result) return result.name
  const segments = path.split('/').filter((s) => s !== '' && s !== '.')
  return segments[segments.length - 1] ?? path
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}
