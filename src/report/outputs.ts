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

import type { RunReport, SkillResult } from '../core/types.js'
import { normalizeDiagnostic, normalizeSkillResult } from './json.js'
import { isFailing, isPublished, isValid } from './verdict.js'

export function actionOutputs(report: RunReport): Record<string, string> {
  const changed = changedPaths(report)
  return {
    results: JSON.stringify(report.results.map(normalizeSkillResult)),
    skills: JSON.stringify(report.results.map(skillSummary)),
    valid: String(report.results.every(isValid)),
    published: JSON.stringify(report.results.filter(isPublished).map((r) => r.name)),
    failed: JSON.stringify(report.results.filter(isFailing).map((r) => r.name)),
    changed: JSON.stringify(changed),
    removed: JSON.stringify(unique(report.changes?.removed ?? [])),
    'changed-count': String(changed.length),
    matrix: JSON.stringify({ include: changed.map((path) => ({ skill: skillNameAt(report, path), path })) }),
    artifacts: JSON.stringify(report.results.flatMap(artifactSummary))
  }
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
