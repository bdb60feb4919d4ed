import type { RunReport } from '../../src/core/types.js'
import { FINGERPRINT_KEY, renderSarif, SARIF_SCHEMA } from '../../src/report/sarif.js'
import { diagnostic, publishReport, skill, validateReport } from './fixtures.js'

const RULES = [
  { id: 'spec/field-format', severity: 'error', summary: 'Frontmatter fields have the right format.' },
  { id: 'spec/name-matches-folder', severity: 'error', summary: 'The name matches the folder.' },
  { id: 'spec/description-length', severity: 'warning', summary: 'The description is not too long.' },
  { id: 'spec/optional-field', severity: 'note', summary: 'Optional fields worth adding.' },
  { id: 'spec/unused', severity: 'warning', summary: 'A rule nothing triggered.' }
] as const

const LEVELS = ['none', 'note', 'warning', 'error']

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SARIF is read as loose JSON in assertions
type Json = Record<string, any>

/** The properties SARIF 2.1.0 requires (and the ones code scanning relies on), checked by hand. */
function expectValidSarif(log: Json): void {
  expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json')
  expect(log.version).toBe('2.1.0')
  expect(Array.isArray(log.runs)).toBe(true)
  for (const run of log.runs) {
    expect(typeof run.tool.driver.name).toBe('string')
    const rules: Json[] = run.tool.driver.rules
    const ids = rules.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of rules) {
      expect(typeof rule.id).toBe('string')
      expect(typeof rule.shortDescription.text).toBe('string')
      expect(LEVELS).toContain(rule.defaultConfiguration.level)
    }
    for (const result of run.results as Json[]) {
      expect(typeof result.message.text).toBe('string')
      expect(LEVELS).toContain(result.level)
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId)
      expect(result.locations).toHaveLength(1)
      const location = result.locations[0].physicalLocation
      expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%')
      expect(location.artifactLocation.uri).not.toMatch(/^\/|\\|^\.\//)
      expect(Number.isInteger(location.region.startLine) && location.region.startLine >= 1).toBe(true)
      expect(Number.isInteger(location.region.startColumn) && location.region.startColumn >= 1).toBe(true)
      for (const value of Object.values(result.partialFingerprints)) expect(typeof value).toBe('string')
    }
  }
  // plain data: survives JSON unchanged
  expect(JSON.parse(JSON.stringify(log))).toEqual(log)
}

describe('renderSarif', () => {
  it('describes the tool and its rules and lists every diagnostic', () => {
    const log = renderSarif(validateReport(), RULES, '1.4.2')
    expectValidSarif(log)
    expect(log.$schema).toBe(SARIF_SCHEMA)
    const driver = log.runs[0]?.tool.driver
    expect(driver).toMatchObject({ name: 'skillpub', version: '1.4.2', informationUri: expect.stringMatching(/^https:\/\//) })
    expect(driver?.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id))
    expect(driver?.rules[3]).toEqual({
      id: 'spec/optional-field',
      shortDescription: { text: 'Optional fields worth adding.' },
      defaultConfiguration: { level: 'note' }
    })
    const results = log.runs[0]?.results ?? []
    expect(results).toHaveLength(15 + 12 + 3)
    expect(results[0]).toMatchObject({
      ruleId: 'spec/name-matches-folder',
      ruleIndex: 1,
      level: 'error',
      message: { text: 'name "Alpha" does not match the folder "alpha"' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'skills/alpha/SKILL.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 1 }
          }
        }
      ],
      properties: { skill: 'alpha' }
    })
    expect(results.filter((r) => r.level === 'note')).toHaveLength(3)
  })

  it('adds a publish-failed result for failing skills without diagnostics, and its rule', () => {
    const log = renderSarif(publishReport(), RULES, '1.0.0')
    expectValidSarif(log)
    const results = log.runs[0]?.results ?? []
    expect(results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual([
      ['skillpub/publish-failed', 'skills/blocked/SKILL.md'],
      ['skillpub/publish-failed', 'skills/rejected/SKILL.md'],
      ['skillpub/publish-failed', 'skills/slow/SKILL.md']
    ])
    expect(log.runs[0]?.tool.driver.rules.at(-1)).toMatchObject({ id: 'skillpub/publish-failed', defaultConfiguration: { level: 'error' } })
    expect(results[1]?.message.text).toContain('slug "rejected" is reserved')
  })

  it('describes rules nobody passed in, so every ruleIndex is valid', () => {
    const report: RunReport = {
      mode: 'validate',
      results: [skill({ name: 'x', status: 'valid', diagnostics: [diagnostic('skills/x/SKILL.md', 1, 'warning', 'clawhub/unknown')] })],
      notes: []
    }
    const log = renderSarif(report, [], '1.0.0')
    expectValidSarif(log)
    expect(log.runs[0]?.tool.driver.rules).toEqual([
      { id: 'clawhub/unknown', shortDescription: { text: 'clawhub/unknown' }, defaultConfiguration: { level: 'warning' } }
    ])
  })

  it('percent-encodes artifact URIs and uses forward slashes', () => {
    const report: RunReport = {
      mode: 'validate',
      results: [skill({ name: 'x', status: 'valid', diagnostics: [diagnostic('./skills\\my skill#1/SKILL.md', 1, 'note', 'a/b')] })],
      notes: []
    }
    const uri = renderSarif(report, [], '1').runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri
    expect(uri).toBe('skills/my%20skill%231/SKILL.md')
  })

  it('fingerprints findings stably: the same across line moves, distinct for repeats', () => {
    const at = (lines: number[]): RunReport => ({
      mode: 'validate',
      results: [
        skill({
          name: 'x',
          status: 'valid',
          diagnostics: lines.map((line) => diagnostic('skills/x/SKILL.md', line, 'warning', 'a/b', 'same message'))
        })
      ],
      notes: []
    })
    const fingerprints = (report: RunReport): string[] =>
      (renderSarif(report, [], '1').runs[0]?.results ?? []).map((r) => r.partialFingerprints[FINGERPRINT_KEY] ?? '')
    const before = fingerprints(at([3, 9]))
    const after = fingerprints(at([5, 12]))
    expect(before).toEqual(after)
    expect(new Set(before).size).toBe(2)
    expect(before[0]).toMatch(/^[0-9a-f]{32}:1$/)
    expect(before[1]).toMatch(/:2$/)
  })
})
