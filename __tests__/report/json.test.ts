import type { RunReport, SkillResult } from '../../src/core/types.js'
import { renderJson } from '../../src/report/json.js'
import { publishReport, validateReport } from './fixtures.js'

/** The same object with its keys inserted in reverse order, recursively. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)])
  ) as T
}

describe('renderJson', () => {
  it('prints the report as JSON that parses back to the same data', () => {
    const report = validateReport()
    const json = renderJson(report)
    expect(json.endsWith('}')).toBe(true)
    expect(JSON.parse(json)).toEqual(report)
  })

  it('prints the same bytes whatever order the keys were built in', () => {
    const report = publishReport()
    expect(renderJson(reversedKeys(report))).toBe(renderJson(report))
  })

  it('orders keys the documented way: run first, then skills field by field', () => {
    const parsed = JSON.parse(renderJson(reversedKeys(publishReport())))
    expect(Object.keys(parsed)).toEqual(['mode', 'registry', 'changes', 'results', 'notes'])
    expect(Object.keys(parsed.changes)).toEqual(['all', 'changed', 'removed', 'reason', 'notes'])
    expect(Object.keys(parsed.results[0])).toEqual([
      'name',
      'path',
      'version',
      'versionSource',
      'registry',
      'status',
      'diagnostics',
      'jobId',
      'url',
      'sha256',
      'scan',
      'messages',
      'artifact'
    ])
    expect(Object.keys(parsed.results[0].artifact)).toEqual(['path', 'size', 'files', 'sha256', 'sha1', 'fingerprint'])
    const withDiagnostics = JSON.parse(renderJson(reversedKeys(validateReport())))
    expect(Object.keys(withDiagnostics.results[0].diagnostics[0])).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column'])
  })

  it('keeps fields the type does not know, sorted after the known ones', () => {
    const result = {
      zeta: 1,
      name: 'x',
      alpha: { b: 1, a: 2 },
      path: 'x',
      status: 'valid',
      diagnostics: [],
      messages: []
    } as unknown as SkillResult
    const parsed = JSON.parse(renderJson({ mode: 'validate', results: [result], notes: [] }))
    expect(Object.keys(parsed.results[0])).toEqual(['name', 'path', 'status', 'diagnostics', 'messages', 'alpha', 'zeta'])
    expect(Object.keys(parsed.results[0].alpha)).toEqual(['a', 'b'])
  })

  it('never prints credentials held in a URL', () => {
    const report: RunReport = publishReport()
    const json = renderJson(report)
    expect(json).not.toContain('s3cr3t')
    expect(JSON.parse(json).registry).toEqual({ kind: 'clawhub', target: 'https://clawhub.example/api' })
  })
})
