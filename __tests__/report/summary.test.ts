import type { Diagnostic, RunReport } from '../../src/core/types.js'
import { selectAnnotations } from '../../src/report/annotations.js'
import { DEFAULT_SUMMARY_MAX_BYTES, renderSummary, SUMMARY_BYTE_LIMIT } from '../../src/report/summary.js'
import { diagnostic, hostileReport, publishReport, skill, validateReport } from './fixtures.js'

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

/** Rows of the results table (skipping the header and its separator). */
function tableRows(summary: string): string[] {
  return summary.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Skill ') && !line.startsWith('| --- '))
}

/** Cells of a row, split the way GFM does (on unescaped pipes). */
function cells(row: string): string[] {
  return row.slice(2, -2).split(' | ')
}

function expectBalancedTags(summary: string): void {
  for (const tag of ['details', 'summary', 'code', 'sub']) {
    const opened = summary.split(`<${tag}>`).length - 1
    const closed = summary.split(`</${tag}>`).length - 1
    expect({ tag, opened }).toEqual({ tag, opened: closed })
  }
}

function manyDiagnostics(count: number, message: (i: number) => string): Diagnostic[] {
  return Array.from({ length: count }, (_, i) => diagnostic(`skills/huge/SKILL.md`, i + 1, 'warning', 'spec/long', message(i)))
}

describe('renderSummary', () => {
  it('summarises a validate run: only the columns validate fills, and each invalid skill folded with its findings', () => {
    const report = validateReport()
    const { overflow } = selectAnnotations(report)
    const summary = renderSummary(report, { overflow })
    expect(summary.startsWith('## skillpub: validate\n')).toBe(true)
    expect(summary).toContain('**3 skills: 2 valid, 1 invalid** · 15 errors, 12 warnings, 3 notes')
    expect(summary).toContain('| Skill | Version | Result | Diagnostics |\n| --- | --- | --- | --- |\n')
    const rows = tableRows(summary)
    expect(rows.map((row) => cells(row)[0]?.split('<br>')[0])).toEqual(['alpha', 'beta', 'noisy'])
    for (const row of rows) expect(cells(row)).toHaveLength(4)
    expect(cells(rows[2] ?? '')).toEqual([
      'noisy<br><sub><code>skills/noisy</code></sub>',
      '0.1.0 <sub>from frontmatter</sub>',
      '**invalid**',
      '14 errors, 12 warnings, 3 notes'
    ])
    // the invalid skill's fold holds every one of its findings, in file order
    const fold = summary.slice(summary.indexOf('<details><summary>noisy 0.1.0: invalid</summary>'))
    const folded = fold.slice(0, fold.indexOf('</details>'))
    for (const d of report.results[0]?.diagnostics ?? [])
      expect(folded).toContain(`<code>${d.file}:${d.line}:${d.column}</code> **${d.severity}** <code>${d.ruleId}</code>`)
    // findings of skills that passed and did not fit the annotations are listed once, apart
    const apart = overflow.filter((d) => !d.file.startsWith('skills/noisy/'))
    if (apart.length > 0) expect(summary).toContain(`<summary>${apart.length} diagnostic`)
    else expect(summary).not.toContain('not shown as annotations')
    expect(summary).not.toMatch(/Left out/)
    expectBalancedTags(summary)
  })

  it('sorts rows as a person counts: Bad1, Bad2, Bad10', () => {
    const results = ['Bad10', 'Bad2', 'Bad1'].map((name) => skill({ name, status: 'valid' }))
    const summary = renderSummary({ mode: 'validate', results, notes: [] }, { overflow: [] })
    expect(tableRows(summary).map((row) => cells(row)[0]?.split('<br>')[0])).toEqual(['Bad1', 'Bad2', 'Bad10'])
  })

  it('summarises a publish run: registry, change reason, notes, links, removed skills and registry messages', () => {
    const summary = renderSummary(publishReport(), { overflow: [] })
    expect(summary.startsWith('## skillpub: publish (clawhub <code>https://clawhub.example/api</code>)\n')).toBe(true)
    expect(summary).not.toContain('s3cr3t')
    expect(summary).toContain(
      '**6 skills: 1 published, 1 accepted, 1 unchanged, 1 rejected, 1 blocked, 1 timed-out, 1 removed (not published)**'
    )
    expect(summary).toContain('**Changes:** Compared abc1234 with def5678 (push to main).')
    expect(summary).toContain('- Shallow clone: fetched 50 more commits to find the base.')
    expect(summary).toContain('- Dry run: nothing was uploaded.')

    const rows = tableRows(summary)
    expect(rows).toHaveLength(7)
    const byName = (name: string): string[] => cells(rows.find((row) => row.startsWith(`| ${name}<br>`)) ?? '')
    const published = byName('published')
    expect(published[1]).toBe('1.2.0 <sub>from tag</sub>')
    expect(published[2]).toBe('published')
    expect(published[4]).toBe('[clawhub](https://clawhub.example/skills/published)')
    expect(published[5]).toBe('<code>job-1</code>')
    expect(published[6]).toBe('<code>aaaaaaaa</code>')
    expect(published[7]).toBe('clean')
    expect(byName('rejected')[2]).toBe('**rejected**')
    expect(byName('blocked')[7]).toBe('BLOCKED')
    expect(byName('slow')[2]).toBe('**timed-out**')
    expect(cells(rows[6] ?? '')).toEqual(['<code>skills/old-skill</code>', '–', 'removed, not published', '–', '–', '–', '–', '–'])

    // failing skills' registry messages first, then other skills the registry spoke about
    const titles = [...summary.matchAll(/<summary>(.*?)<\/summary>/g)].map((m) => m[1])
    expect(titles).toEqual([
      'blocked 3.0.0: blocked at clawhub',
      'rejected 0.1.0: rejected at clawhub',
      'slow 1.0.0: timed-out at clawhub',
      'accepted 0.9.0: accepted at clawhub'
    ])
    expect(summary).toContain(
      '- **error:** ClawHub rejected the skill: fix the slug and publish again.\n- slug &#34;rejected&#34; is reserved\n'
    )
    expectBalancedTags(summary)
  })

  it('escapes everything from SKILL.md and the registry: no table break, no HTML, no link', () => {
    // As a publish run, so that every column (the registry's URL too) is rendered.
    const report: RunReport = { ...hostileReport(), mode: 'publish' }
    const summary = renderSummary(report, { overflow: report.results[0]?.diagnostics ?? [] })
    const rows = tableRows(summary)
    expect(rows).toHaveLength(1)
    expect(cells(rows[0] ?? '')).toHaveLength(8)
    expect(summary).not.toContain('<script>')
    expect(summary).not.toContain('<img')
    expect(summary).not.toContain('<b>')
    expect(summary).not.toContain('`rm')
    expect(summary).not.toContain('[a link]')
    expect(summary).not.toContain('](javascript')
    expect(summary).not.toContain('| injected |')
    expect(summary).toContain(
      'evil&#124;name&#60;script&#62;alert(1)&#60;/script&#62;&#96;rm -rf&#96;<br>&#124; injected &#124; row &#124;'
    )
    // an `&amp;` in the source stays visible text, not an entity
    expect(summary).toContain('&#38;amp;')
    // a javascript: URL is shown, never linked
    expect(cells(rows[0] ?? '')[4]).toBe('<code>javascript:alert(1)</code>')
    // the only raw HTML is ours
    const tags = new Set([...summary.matchAll(/<\/?([a-z]+)[^>]*>/g)].map((m) => m[1]))
    expect([...tags].sort()).toEqual(['br', 'code', 'details', 'sub', 'summary'])
    expectBalancedTags(summary)
  })

  it('stays under the byte cap by leaving out whole details, and says how many', () => {
    const overflow = manyDiagnostics(5000, (i) => `finding ${i}: ${'ü'.repeat(50)}`)
    const report: RunReport = { mode: 'validate', results: [skill({ name: 'huge', status: 'invalid', diagnostics: overflow })], notes: [] }
    const maxBytes = 20_000
    const summary = renderSummary(report, { overflow, maxBytes })
    expect(bytes(summary)).toBeLessThanOrEqual(maxBytes)
    expect(Buffer.from(summary, 'utf8').toString('utf8')).toBe(summary)
    expect(summary).not.toContain('\uFFFD')
    const shown = summary.split('\n').filter((line) => line.startsWith('- <code>skills/huge/SKILL.md:')).length
    expect(shown).toBeGreaterThan(10)
    expect(shown).toBeLessThan(5000)
    expect(summary).toContain(`**Left out to keep this summary under 20 KiB:** ${5000 - shown} messages.`)
    // the table survived, the details block is closed properly
    expect(tableRows(summary)).toHaveLength(1)
    expectBalancedTags(summary)
    expect(summary).toMatch(/<\/details>\n\n\n\*\*Left out/)
  })

  it('keeps the default under 1 MiB with a flood of multi-byte diagnostics and registry messages', () => {
    const flood = manyDiagnostics(20_000, (i) => `行 ${i} ${'😀'.repeat(40)} <tag> | pipe`)
    const results = Array.from({ length: 300 }, (_, i) =>
      skill({
        name: `skill-${i}`,
        status: 'rejected',
        error: 'x'.repeat(5000),
        messages: Array.from({ length: 20 }, () => '🚫'.repeat(3000))
      })
    )
    const report: RunReport = {
      mode: 'publish',
      results: [...results, skill({ name: 'huge', status: 'invalid', diagnostics: flood })],
      notes: []
    }
    const summary = renderSummary(report, { overflow: flood })
    expect(bytes(summary)).toBeLessThanOrEqual(DEFAULT_SUMMARY_MAX_BYTES)
    expect(DEFAULT_SUMMARY_MAX_BYTES).toBeLessThan(SUMMARY_BYTE_LIMIT)
    expect(summary).not.toContain('\uFFFD')
    expect(tableRows(summary)).toHaveLength(301)
    expect(summary).toMatch(/\*\*Left out to keep this summary under \d+ KiB:\*\* \d+ messages\./)
    expectBalancedTags(summary)
  })

  it('leaves out table rows too when even the table does not fit', () => {
    const results = Array.from({ length: 500 }, (_, i) => skill({ name: `skill-${i}`, status: 'valid' }))
    const summary = renderSummary({ mode: 'validate', results, notes: [] }, { overflow: [], maxBytes: 8_000 })
    expect(bytes(summary)).toBeLessThanOrEqual(8_000)
    const shown = tableRows(summary).length
    expect(shown).toBeGreaterThan(0)
    expect(summary).toContain(`${500 - shown} table rows.`)
  })

  it('shows the pushed tag that selected the run', () => {
    const report = publishReport()
    if (report.changes) report.changes.tag = { name: 'published@1.2.0', skill: 'published', version: '1.2.0' }
    expect(renderSummary(report, { overflow: [] })).toContain(
      '**Tag:** <code>published@1.2.0</code> for published, version <code>1.2.0</code>'
    )
  })

  it('says when no skill was found', () => {
    const summary = renderSummary({ mode: 'changed', results: [], notes: [] }, { overflow: [] })
    expect(summary).toContain('## skillpub: changed skills')
    expect(summary).toContain('**0 skills**')
    expect(summary).toContain('No skills were found.')
    expect(summary).not.toContain('| Skill |')
  })
})
