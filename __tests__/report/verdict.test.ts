import type { RunReport } from '../../src/core/types.js'
import { countByStatus, describeCounts, failedResults, publishedResults, runFailed } from '../../src/report/verdict.js'
import { diagnostic, publishReport, skill, validateReport } from './fixtures.js'

const withWarningsOnly: RunReport = {
  mode: 'validate',
  results: [skill({ name: 'w', status: 'valid', diagnostics: [diagnostic('skills/w/SKILL.md', 1, 'warning', 'a/b')] })],
  notes: []
}

describe('verdict', () => {
  it('fails on failing statuses whatever failOn says', () => {
    expect(runFailed(publishReport(), 'error')).toBe(true)
    expect(failedResults(publishReport()).map((r) => r.status)).toEqual(['rejected', 'blocked', 'timed-out'])
    expect(publishedResults(publishReport()).map((r) => r.name)).toEqual(['published', 'accepted'])
  })

  it('never fails a changed run, which only lists skills', () => {
    const listing: RunReport = { ...validateReport(), mode: 'changed' }
    expect(runFailed(validateReport(), 'error')).toBe(true)
    expect(runFailed(listing, 'warning')).toBe(false)
  })

  it('fails on an error diagnostic even when the status passed', () => {
    const report: RunReport = {
      mode: 'validate',
      results: [skill({ name: 'e', status: 'valid', diagnostics: [diagnostic('skills/e/SKILL.md', 1, 'error', 'a/b')] })],
      notes: []
    }
    expect(runFailed(report, 'error')).toBe(true)
  })

  it('counts warnings only when failOn is warning, and never notes', () => {
    expect(runFailed(withWarningsOnly, 'error')).toBe(false)
    expect(runFailed(withWarningsOnly, 'warning')).toBe(true)
    const notesOnly: RunReport = {
      mode: 'validate',
      results: [skill({ name: 'n', status: 'valid', diagnostics: [diagnostic('skills/n/SKILL.md', 1, 'note', 'a/b')] })],
      notes: []
    }
    expect(runFailed(notesOnly, 'warning')).toBe(false)
    expect(runFailed({ mode: 'validate', results: [], notes: [] }, 'warning')).toBe(false)
  })

  it('counts by status in a fixed order', () => {
    expect(countByStatus(validateReport().results)).toEqual([
      ['valid', 2],
      ['invalid', 1]
    ])
    expect(describeCounts([skill({ name: 'a', status: 'skipped' })])).toBe('1 skill: 1 skipped')
    expect(describeCounts([], 2)).toBe('0 skills: 2 removed (not published)')
  })
})
