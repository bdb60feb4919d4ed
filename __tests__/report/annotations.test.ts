import { selectAnnotations } from '../../src/report/annotations.js'
import type { RunReport } from '../../src/core/types.js'
import { diagnostic, publishReport, skill, validateReport } from './fixtures.js'

describe('selectAnnotations', () => {
  it('keeps at most 10 per level, errors first in file/line order, and returns the rest as overflow', () => {
    const { annotations, overflow } = selectAnnotations(validateReport())
    const levels = annotations.map((a) => a.level)
    expect(levels.filter((l) => l === 'error')).toHaveLength(10)
    expect(levels.filter((l) => l === 'warning')).toHaveLength(10)
    expect(levels.filter((l) => l === 'notice')).toHaveLength(3)
    // errors, then warnings, then notices
    expect(levels).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning'), ...Array(3).fill('notice')])
    // 15 errors (14 + alpha's 1) and 12 warnings: 5 and 2 left for the summary
    expect(overflow.filter((d) => d.severity === 'error')).toHaveLength(5)
    expect(overflow.filter((d) => d.severity === 'warning')).toHaveLength(2)
    expect(overflow.filter((d) => d.severity === 'note')).toHaveLength(0)

    const errors = annotations.filter((a) => a.level === 'error')
    expect(errors[0]).toEqual({
      level: 'error',
      message: 'name "Alpha" does not match the folder "alpha"',
      title: 'spec/name-matches-folder (alpha)',
      file: 'skills/alpha/SKILL.md',
      startLine: 2,
      startColumn: 1
    })
    expect(errors.slice(1).map((a) => a.startLine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(errors[1]?.title).toBe('spec/field-format (noisy)')
    expect(overflow.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([10, 11, 12, 13, 14])
  })

  it('gives the same answer whatever order the results and diagnostics come in', () => {
    const report = validateReport()
    const shuffled: RunReport = {
      ...report,
      results: [...report.results].reverse().map((r) => ({ ...r, diagnostics: [...r.diagnostics].reverse() }))
    }
    expect(selectAnnotations(shuffled)).toEqual(selectAnnotations(report))
  })

  it('honours a smaller limit', () => {
    const { annotations, overflow } = selectAnnotations(validateReport(), 2)
    expect(annotations).toHaveLength(6)
    expect(overflow).toHaveLength(15 + 12 + 3 - 6)
  })

  it('annotates a failing skill without diagnostics on line 1 of its SKILL.md with its error and messages', () => {
    const { annotations, overflow } = selectAnnotations(publishReport())
    expect(overflow).toEqual([])
    expect(annotations.map((a) => a.title)).toEqual([
      'skillpub/publish-failed (blocked)',
      'skillpub/publish-failed (rejected)',
      'skillpub/publish-failed (slow)'
    ])
    const rejected = annotations.find((a) => a.title.includes('(rejected)'))
    expect(rejected).toMatchObject({ level: 'error', file: 'skills/rejected/SKILL.md', startLine: 1, startColumn: 1 })
    expect(rejected?.message).toContain('rejected (clawhub): ClawHub rejected the skill: fix the slug and publish again.')
    expect(rejected?.message).toContain('slug "rejected" is reserved')
    expect(annotations.find((a) => a.title.includes('(slow)'))?.message).toContain('timed-out')
  })

  it('puts a root skill at SKILL.md and never sends a line or column of 0', () => {
    const report: RunReport = {
      mode: 'publish',
      results: [
        skill({ name: 'root', path: '.', status: 'failed', error: 'upload failed: HTTP 500', messages: [] }),
        skill({ name: 'zero', status: 'valid', diagnostics: [{ ...diagnostic('skills/zero/SKILL.md', 0, 'warning', 'x/y'), column: 0 }] })
      ],
      notes: []
    }
    const { annotations } = selectAnnotations(report)
    expect(annotations.map((a) => [a.file, a.startLine, a.startColumn])).toEqual([
      ['SKILL.md', 1, 1],
      ['skills/zero/SKILL.md', 1, 1]
    ])
  })

  it('clips a huge message', () => {
    const report: RunReport = {
      mode: 'validate',
      results: [
        skill({ name: 'big', status: 'invalid', diagnostics: [diagnostic('skills/big/SKILL.md', 1, 'error', 'r', 'é'.repeat(10_000))] })
      ],
      notes: []
    }
    const [annotation] = selectAnnotations(report).annotations
    expect(Array.from(annotation?.message ?? '')).toHaveLength(4000)
    expect(annotation?.message.endsWith('…')).toBe(true)
  })
})
