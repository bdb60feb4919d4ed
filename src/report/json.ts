// `--json`: the RunReport as JSON with a fixed key order, so two runs over the same results
// print the same bytes whatever order the pipeline happened to build its objects in.
// Each key table below must name every field of its type (`satisfies` fails the build when a
// field is added to types.ts and not here); fields unknown to the type come last, sorted.

import type { ChangeSet, Diagnostic, RunReport, SkillResult } from '../core/types.js'
import { withoutCredentials } from './safe-url.js'

type KeyOrder<T> = Record<keyof T, true>

const RUN_REPORT_KEYS = { mode: true, registry: true, changes: true, results: true, notes: true } satisfies KeyOrder<RunReport>
const REGISTRY_KEYS = { kind: true, target: true } satisfies KeyOrder<NonNullable<RunReport['registry']>>
const CHANGE_SET_KEYS = { all: true, changed: true, removed: true, reason: true, notes: true, tag: true } satisfies KeyOrder<ChangeSet>
const TAG_KEYS = { name: true, skill: true, version: true } satisfies KeyOrder<NonNullable<ChangeSet['tag']>>
const SKILL_RESULT_KEYS = {
  name: true,
  path: true,
  version: true,
  versionSource: true,
  registry: true,
  skillId: true,
  status: true,
  storedAs: true,
  diagnostics: true,
  jobId: true,
  url: true,
  sha256: true,
  fingerprint: true,
  scan: true,
  messages: true,
  error: true,
  artifact: true
} satisfies KeyOrder<SkillResult>
const ARTIFACT_KEYS = { path: true, size: true, files: true, sha256: true, sha1: true, fingerprint: true } satisfies KeyOrder<
  NonNullable<SkillResult['artifact']>
>
const DIAGNOSTIC_KEYS = { ruleId: true, severity: true, message: true, file: true, line: true, column: true } satisfies KeyOrder<Diagnostic>

type Plain = Record<string, unknown>

/** The object's fields in the table's order, then any others sorted; undefined fields dropped. */
function ordered(value: object, keyTable: object, convert: Record<string, (v: never) => unknown> = {}): Plain {
  const source = value as Plain
  const known = Object.keys(keyTable)
  const extra = Object.keys(source)
    .filter((key) => !known.includes(key))
    .sort()
  const out: Plain = {}
  for (const key of [...known, ...extra]) {
    const field = source[key]
    if (field === undefined) continue
    const converter = convert[key] as ((v: unknown) => unknown) | undefined
    out[key] = converter ? converter(field) : sortedDeep(field)
  }
  return out
}

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep)
  if (value === null || typeof value !== 'object') return value
  return ordered(value, {})
}

export function normalizeDiagnostic(diagnostic: Diagnostic): Plain {
  return ordered(diagnostic, DIAGNOSTIC_KEYS)
}

export function normalizeSkillResult(result: SkillResult): Plain {
  return ordered(result, SKILL_RESULT_KEYS, {
    diagnostics: (list: Diagnostic[]) => list.map(normalizeDiagnostic),
    url: (url: string) => withoutCredentials(url),
    artifact: (artifact: object) => ordered(artifact, ARTIFACT_KEYS)
  })
}

function normalizeChangeSet(changes: ChangeSet): Plain {
  return ordered(changes, CHANGE_SET_KEYS, { tag: (tag: object) => ordered(tag, TAG_KEYS) })
}

function normalizeRunReport(report: RunReport): Plain {
  return ordered(report, RUN_REPORT_KEYS, {
    registry: (registry: NonNullable<RunReport['registry']>) =>
      ordered({ ...registry, target: withoutCredentials(registry.target) }, REGISTRY_KEYS),
    changes: (changes: ChangeSet) => normalizeChangeSet(changes),
    results: (results: SkillResult[]) => results.map(normalizeSkillResult)
  })
}

/** The report for `--json`: two-space indented, no trailing newline (the caller ends the line). */
export function renderJson(report: RunReport): string {
  return JSON.stringify(normalizeRunReport(report), null, 2)
}
