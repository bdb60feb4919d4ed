// SARIF 2.1.0 for GitHub code scanning (upload-sarif) and other SARIF viewers. Only findings
// go in: every diagnostic, plus one `skillpub/publish-failed` (or `skillpub/invalid`) result
// per failing skill that has no diagnostic of its own.

import { createHash } from 'node:crypto'
import type { Diagnostic, RunReport, Severity } from '../core/types.js'
import { BUILT_IN_RULES, collectFindings } from './findings.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
const SKILLPUB_INFORMATION_URI = 'https://github.com/skillpub/skillpub'

/** Key of our fingerprint in `partialFingerprints`; bump the version if its recipe changes. */
export const FINGERPRINT_KEY = 'skillpubFinding/v1'

export interface SarifRuleInput {
  id: string
  severity: Severity
  summary: string
}

export interface SarifOptions {
  informationUri?: string
}

// SARIF levels are 'none' | 'note' | 'warning' | 'error': our severities are a subset.
type SarifLevel = Severity

interface SarifRule {
  id: string
  shortDescription: { text: string }
  defaultConfiguration: { level: SarifLevel }
}

interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: SarifLevel
  message: { text: string }
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' }
      region: { startLine: number; startColumn: number }
    }
  }>
  partialFingerprints: Record<string, string>
  properties: { skill: string }
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: Array<{
    tool: { driver: { name: 'skillpub'; informationUri: string; version: string; rules: SarifRule[] } }
    results: SarifResult[]
  }>
}

export function renderSarif(
  report: RunReport,
  rules: ReadonlyArray<SarifRuleInput>,
  toolVersion: string,
  options: SarifOptions = {}
): SarifLog {
  const findings = collectFindings(report)
  const driverRules = ruleTable(
    rules,
    findings.map((f) => f.diagnostic)
  )
  const ruleIndex = new Map(driverRules.map((rule, index) => [rule.id, index]))
  const occurrences = new Map<string, number>()

  const results = findings.map(({ diagnostic, skill }): SarifResult => {
    const identity = fingerprintOf(diagnostic)
    const occurrence = (occurrences.get(identity) ?? 0) + 1
    occurrences.set(identity, occurrence)
    return {
      ruleId: diagnostic.ruleId,
      ruleIndex: ruleIndex.get(diagnostic.ruleId) ?? 0,
      level: diagnostic.severity,
      message: { text: diagnostic.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(diagnostic.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: atLeastOne(diagnostic.line), startColumn: atLeastOne(diagnostic.column) }
          }
        }
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: `${identity}:${occurrence}` },
      properties: { skill }
    }
  })

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'skillpub',
            informationUri: options.informationUri ?? SKILLPUB_INFORMATION_URI,
            version: toolVersion,
            rules: driverRules
          }
        },
        results
      }
    ]
  }
}

/**
 * The given rules in their order, then built-in ones and any id a diagnostic uses that nobody
 * described (so every result's ruleIndex points at a real entry).
 */
function ruleTable(rules: ReadonlyArray<SarifRuleInput>, used: readonly Diagnostic[]): SarifRule[] {
  const table: SarifRule[] = []
  const seen = new Set<string>()
  const add = (id: string, severity: Severity, summary: string): void => {
    if (seen.has(id)) return
    seen.add(id)
    table.push({ id, shortDescription: { text: summary }, defaultConfiguration: { level: severity } })
  }
  for (const rule of rules) add(rule.id, rule.severity, rule.summary)
  for (const rule of BUILT_IN_RULES) if (used.some((d) => d.ruleId === rule.id)) add(rule.id, rule.severity, rule.summary)
  // An undescribed rule takes the severity of its first finding (findings come errors first).
  for (const d of [...used].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))) add(d.ruleId, d.severity, d.ruleId)
  return table
}

/**
 * A finding's identity without its line, so code scanning keeps one alert open as lines move
 * above it; the occurrence counter appended by the caller tells identical findings apart.
 */
function fingerprintOf(diagnostic: Diagnostic): string {
  return createHash('sha256').update([diagnostic.ruleId, diagnostic.file, diagnostic.message].join('\u0000')).digest('hex').slice(0, 32)
}

/** A relative URI reference: `/` separators, each segment percent-encoded (spaces, `#`, `%`). */
function artifactUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

function atLeastOne(position: number): number {
  return Math.max(1, Math.trunc(position) || 1)
}
