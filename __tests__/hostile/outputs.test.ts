// Outputs over GitHub's limits and text that lies to a reader, through the bundled faces: a
// megabyte-long name and thousands of frontmatter keys stay under 1 MB of outputs (saying what
// was cut, the whole report in report-file), and NUL bytes and bidi overrides in names and
// descriptions show escaped in the text output, the summary and the annotations.
import { readFileSync } from 'node:fs'
import { runAction, runCli } from '../support/runner.js'
import { createRepo, skillMd } from '../support/repo.js'
import { utf8Bytes } from '../../src/report/byte-budget.js'

const MB = 1024 * 1024

describe('outputs over the limits', () => {
  it('a 1 MB name and 5,000 frontmatter keys give outputs under 1 MB that say what was cut', async () => {
    const hugeName = 'a'.repeat(MB)
    const keys = Array.from({ length: 5_000 }, (_, i) => `key${i}: v`).join('\n')
    const repo = createRepo({
      'skills/huge/SKILL.md': skillMd(hugeName),
      'skills/keys/SKILL.md': `---\nname: keys\ndescription: Many keys.\n${keys}\n---\n\n# keys\n`
    })
    repo.commit('hostile skills')
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'validate' } })

    expect(run.code).toBe(1)
    const total = Object.values(run.outputs).reduce((sum, value) => sum + utf8Bytes(value), 0)
    expect(total).toBeLessThan(MB)
    expect(utf8Bytes(run.summary)).toBeLessThan(MB)
    for (const [name, value] of Object.entries(run.outputs))
      if (!['valid', 'changed-count', 'report-file'].includes(name)) JSON.parse(value)
    expect(run.outputs.results).not.toContain(hugeName)
    const cuts = JSON.parse(run.outputs.truncated!) as string[]
    expect(cuts.join('\n')).toMatch(/texts longer than 2000 characters cut/)
    // The whole report, untouched, for a later step.
    const full = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as { results: { name: string }[] }
    expect(full.results.map((result) => result.name)).toContain(hugeName)
    // The failure message is capped too.
    const failure = run.stdout.split('\n').find((line) => line.startsWith('::error::'))!
    expect(utf8Bytes(failure)).toBeLessThan(64 * 1024)
  })
})

describe('text that lies to a reader', () => {
  const description = '"Reads gpj\\u202E.exe files\\0 and more."'
  const repoWithTricks = () => {
    const repo = createRepo({ 'skills/tricky/SKILL.md': skillMd('tricky\u202Egpj', { description }) })
    repo.commit('tricky skill')
    return repo
  }

  it('NUL and bidi overrides show escaped in the summary, the annotations and the outputs stay data', async () => {
    const run = await runAction({ cwd: repoWithTricks().dir, inputs: { mode: 'validate' } })
    expect(run.summary).toContain('tricky')
    // Log lines at large are the toolkit's (runner-command neutralisation); these are the renderers'.
    const annotated = run.annotations.map((annotation) => `${annotation.properties.title ?? ''} ${annotation.message}`).join('\n')
    for (const text of [run.summary, annotated]) {
      expect(text).not.toContain('\u202E')
      expect(text).not.toContain('\u0000')
    }
    expect(run.summary).toMatch(/u202e/)
    expect(annotated).toMatch(/\\u202e/)
    // Outputs are JSON for fromJSON(): the data itself, escaped by JSON where it must be.
    expect(JSON.parse(run.outputs.results!)[0].name).toBe('tricky\u202Egpj')
  })

  it('the CLI text output shows them escaped', async () => {
    const result = await runCli(['validate'], { cwd: repoWithTricks().dir })
    const shown = result.stdout + result.stderr
    expect(shown).toContain('tricky')
    expect(shown).not.toContain('\u202E')
    expect(shown).toContain('tricky\\u202egpj')
  })
})
