import type { RunReport } from '../../src/core/types.js'
import { actionOutputs } from '../../src/report/outputs.js'
import { publishReport, skill, validateReport } from './fixtures.js'

const OUTPUT_NAMES = ['results', 'skills', 'valid', 'published', 'failed', 'changed', 'removed', 'changed-count', 'matrix', 'artifacts']

describe('actionOutputs', () => {
  it('gives every output as a string, structured ones as JSON', () => {
    const outputs = actionOutputs(publishReport())
    expect(Object.keys(outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
    for (const name of OUTPUT_NAMES) {
      expect(typeof outputs[name]).toBe('string')
      expect(() => JSON.parse(outputs[name] ?? '')).not.toThrow()
    }
  })

  it('reports a publish run', () => {
    const report = publishReport()
    const outputs = actionOutputs(report)
    expect(JSON.parse(outputs.published ?? '')).toEqual(['published', 'accepted'])
    expect(JSON.parse(outputs.failed ?? '')).toEqual(['rejected', 'blocked', 'slow'])
    expect(outputs.valid).toBe('true')
    expect(JSON.parse(outputs.changed ?? '')).toEqual(report.changes?.changed)
    expect(outputs['changed-count']).toBe('6')
    expect(JSON.parse(outputs.removed ?? '')).toEqual(['skills/old-skill'])
    expect(JSON.parse(outputs.matrix ?? '')).toEqual({
      include: [
        { skill: 'published', path: 'skills/published' },
        { skill: 'unchanged', path: 'skills/unchanged' },
        { skill: 'rejected', path: 'skills/rejected' },
        { skill: 'blocked', path: 'skills/blocked' },
        { skill: 'slow', path: 'skills/slow' },
        { skill: 'accepted', path: 'skills/accepted' }
      ]
    })
    expect(JSON.parse(outputs.artifacts ?? '')).toEqual([
      {
        path: 'dist/skills/published-1.2.0.zip',
        sha256: 'a'.repeat(64),
        sha1: 'b'.repeat(40),
        fingerprint: 'c'.repeat(64),
        size: 2048,
        files: 3
      }
    ])
    const results = JSON.parse(outputs.results ?? '')
    expect(results).toHaveLength(6)
    expect(results[0]).toMatchObject({
      name: 'published',
      status: 'published',
      url: 'https://clawhub.example/skills/published',
      jobId: 'job-1'
    })
    expect(Object.values(outputs).join('')).not.toContain('s3cr3t')
  })

  it('reports a validate run without a change range: every handled skill counts as changed', () => {
    const outputs = actionOutputs(validateReport())
    expect(outputs.valid).toBe('false')
    expect(JSON.parse(outputs.failed ?? '')).toEqual(['noisy'])
    expect(JSON.parse(outputs.published ?? '')).toEqual([])
    expect(JSON.parse(outputs.changed ?? '')).toEqual(['skills/noisy', 'skills/alpha', 'skills/beta'])
    expect(outputs['changed-count']).toBe('3')
    expect(JSON.parse(outputs.removed ?? '')).toEqual([])
    expect(JSON.parse(outputs.artifacts ?? '')).toEqual([])
    const skills = JSON.parse(outputs.skills ?? '')
    expect(skills.map((s: { name: string; valid: boolean }) => [s.name, s.valid])).toEqual([
      ['noisy', false],
      ['alpha', false],
      ['beta', true]
    ])
    expect(skills[1]).toEqual({
      name: 'alpha',
      path: 'skills/alpha',
      version: '1.0.0',
      valid: false,
      diagnostics: [
        {
          ruleId: 'spec/name-matches-folder',
          severity: 'error',
          message: 'name "Alpha" does not match the folder "alpha"',
          file: 'skills/alpha/SKILL.md',
          line: 2,
          column: 1
        }
      ]
    })
    expect(skills[0].diagnostics).toHaveLength(29)
  })

  it('builds an empty matrix (and count 0) when nothing changed, and names unknown folders by their last segment', () => {
    const empty = actionOutputs({
      mode: 'changed',
      results: [],
      changes: { all: false, changed: [], removed: [], reason: 'no changes', notes: [] },
      notes: []
    })
    expect(empty.matrix).toBe('{"include":[]}')
    expect(empty['changed-count']).toBe('0')
    expect(empty.valid).toBe('true')

    const report: RunReport = {
      mode: 'changed',
      results: [skill({ name: 'renamed-in-frontmatter', path: 'skills/a', status: 'valid' })],
      changes: { all: false, changed: ['skills/a', 'skills/b/'], removed: [], reason: 'r', notes: [] },
      notes: []
    }
    expect(JSON.parse(actionOutputs(report).matrix ?? '')).toEqual({
      include: [
        { skill: 'renamed-in-frontmatter', path: 'skills/a' },
        { skill: 'b', path: 'skills/b/' }
      ]
    })
  })

  it('writes a missing version as null so every entry has the same keys', () => {
    const outputs = actionOutputs({ mode: 'validate', results: [skill({ name: 'x', status: 'valid' })], notes: [] })
    expect(JSON.parse(outputs.skills ?? '')).toEqual([{ name: 'x', path: 'skills/x', version: null, valid: true, diagnostics: [] }])
  })
})
