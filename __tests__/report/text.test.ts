import type { RunReport } from '../../src/core/types.js'
import { renderText } from '../../src/report/text.js'
import { hostileReport, publishReport, validateReport } from './fixtures.js'

const ANSI = /\u001b\[/

describe('renderText', () => {
  it('writes one line per skill, the registry link, failures with their reasons, and a count line', () => {
    const text = renderText(publishReport(), { color: false })
    expect(text).not.toMatch(ANSI)
    const lines = text.split('\n')
    expect(lines).toContain('✔ published 1.2.0 published (clawhub) -> https://clawhub.example/skills/published')
    expect(lines).toContain('- unchanged 0.3.0 unchanged (clawhub)')
    expect(lines).toContain('✖ rejected 0.1.0 rejected (clawhub)')
    expect(lines).toContain('  error: ClawHub rejected the skill: fix the slug and publish again.')
    expect(lines).toContain('  registry: slug "rejected" is reserved')
    expect(lines).toContain('  scan: BLOCKED')
    expect(lines).toContain('✖ slow 1.0.0 timed-out (clawhub)')
    expect(lines).toContain('- skills/old-skill removed, not published')
    expect(lines).toContain('note: Shallow clone: fetched 50 more commits to find the base.')
    expect(lines).toContain('note: Dry run: nothing was uploaded.')
    // a passing skill's registry messages only in verbose mode
    expect(text).not.toContain('Scan pending')
    expect(lines.at(-2)).toBe(
      '6 skills: 1 published, 1 accepted, 1 unchanged, 1 rejected, 1 blocked, 1 timed-out, 1 removed (not published)'
    )
    expect(text.endsWith('\n')).toBe(true)
  })

  it('lists diagnostics as path:line:col  severity  message  [rule], sorted, errors first', () => {
    const text = renderText(validateReport(), { color: false })
    const lines = text.split('\n')
    expect(lines).toContain('✖ noisy 0.1.0 invalid')
    expect(lines).toContain('  skills/noisy/SKILL.md:1:1    error    spec/field-format at line 1  [spec/field-format]')
    expect(lines).toContain('  skills/noisy/SKILL.md:101:1  warning  spec/description-length at line 101  [spec/description-length]')
    expect(lines).toContain('  skills/noisy/SKILL.md:203:1  note     spec/optional-field at line 203  [spec/optional-field]')
    expect(lines).toContain('✔ alpha 1.0.0 valid')
    expect(lines).toContain(
      '  skills/alpha/SKILL.md:2:1  error    name "Alpha" does not match the folder "alpha"  [spec/name-matches-folder]'
    )
    const noisy = lines.filter((l) => l.startsWith('  skills/noisy/'))
    expect(noisy.slice(0, 14).every((l) => l.includes(' error '))).toBe(true)
    expect(lines.at(-2)).toBe('3 skills: 2 valid, 1 invalid (15 errors, 12 warnings, 3 notes)')
  })

  it('colours only when asked', () => {
    const plain = renderText(validateReport(), { color: false, verbose: true })
    const coloured = renderText(validateReport(), { color: true, verbose: true })
    expect(plain).not.toMatch(ANSI)
    expect(coloured).toMatch(ANSI)
    expect(coloured).toContain('\u001b[31m✖\u001b[39m')
    // the same words once the colour is taken away
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain)
  })

  it('shows versions sources, jobs, hashes and every message when verbose', () => {
    const text = renderText(publishReport(), { color: false, verbose: true })
    expect(text).toContain('✔ published 1.2.0 (version from tag) published (clawhub) -> https://clawhub.example/skills/published')
    expect(text).toContain('  job: job-1')
    expect(text).toContain(`  sha256: ${'a'.repeat(64)}`)
    expect(text).toContain('  artifact: dist/skills/published-1.2.0.zip')
    expect(text).toContain('  registry: Scan pending; visible once approved.')
    expect(text).toContain('changes: Compared abc1234 with def5678 (push to main).')
  })

  it('keeps a hostile name on its line and neutralises terminal escape sequences', () => {
    const report = hostileReport()
    const first = report.results[0]
    if (first) first.messages = ['\u001b[2J\u001b]0;pwned\u0007cleared the screen']
    const text = renderText(report, { color: false })
    expect(text).not.toMatch(/\u001b/)
    expect(text).not.toMatch(/\u0007/)
    expect(text).toContain('\\u001b[2J\\u001b]0;pwned\\u0007cleared the screen')
    const head = text.split('\n').find((l) => l.startsWith('✖ '))
    expect(head).toBe(
      '✖ evil|name<script>alert(1)</script>`rm -rf`\\n| injected | row | 1.0.0|<b>x</b> rejected (clawhub) -> javascript:alert(1)'
    )
    // a multi-line message continues indented under its diagnostic
    expect(text).toContain('pipes\n    and a second line')
  })

  it('never prints credentials in a URL', () => {
    const report: RunReport = { ...publishReport(), results: [{ ...publishReport().results[0]!, url: 'https://u:tok@host.example/x' }] }
    expect(renderText(report, { color: false })).toContain('-> https://host.example/x')
  })
})
