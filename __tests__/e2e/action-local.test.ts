// The bundled action run as the runner runs it, on real git repositories, with the local
// folder registry: validation, packaging, publishing and a re-run that publishes nothing.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { runAction } from '../support/runner.js'
import { createExampleRepo, skillMd } from '../support/repo.js'

const BROKEN = '---\nname: Broken_Skill\ndescription: A skill whose name breaks the rules.\n---\n\n# Broken\n'

describe('the bundled action, mode validate', () => {
  it('passes the example skills with a summary table and JSON outputs', async () => {
    const repo = createExampleRepo()
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'validate' } })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs.valid).toBe('true')
    const skills = JSON.parse(run.outputs.skills)
    expect(skills.map((skill: { name: string }) => skill.name).sort()).toEqual(['commit-message-writer', 'csv-summary', 'release-notes'])
    expect(skills.find((skill: { name: string }) => skill.name === 'csv-summary')).toMatchObject({
      path: 'skills/csv-summary',
      version: '0.3.1',
      valid: true
    })
    expect(run.summary).toContain('csv-summary')
    expect(run.annotations.filter((annotation) => annotation.level === 'error')).toEqual([])
  })

  it('fails on a broken skill with an annotation on its SKILL.md line', async () => {
    const repo = createExampleRepo()
    repo.write({ 'skills/broken-skill/SKILL.md': BROKEN })
    repo.commit('broken')
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'validate' } })
    expect(run.code).toBe(1)
    expect(run.outputs.valid).toBe('false')
    const errors = run.annotations.filter((annotation) => annotation.level === 'error' && annotation.properties.file)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors[0].properties).toMatchObject({ file: 'skills/broken-skill/SKILL.md', line: '2' })
    const broken = JSON.parse(run.outputs.skills).find((skill: { path: string }) => skill.path === 'skills/broken-skill')
    expect(broken.valid).toBe(false)
    expect(run.stdout).toMatch(/::error::.*broken/i)
  })

  it('caps annotations at 10 per level and lists the rest in the summary', async () => {
    const repo = createExampleRepo()
    for (let i = 0; i < 12; i++) repo.write({ [`skills/bad-${i}/SKILL.md`]: skillMd(`Bad-${i}`) })
    repo.commit('many broken')
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'validate', paths: 'skills' } })
    expect(run.code).toBe(1)
    const fileErrors = run.annotations.filter((annotation) => annotation.level === 'error' && annotation.properties.file)
    expect(fileErrors).toHaveLength(10)
    // 12 skills with 2 errors each: 10 annotated; the summary folds each invalid skill with all of its errors.
    const listed = run.summary.match(/<code>skills\/bad-\d+\/SKILL\.md:\d+:\d+<\/code>/g) ?? []
    expect(listed).toHaveLength(24)
    const folds = [...run.summary.matchAll(/<summary>(Bad-\d+): invalid<\/summary>/g)].map((match) => match[1])
    expect(folds).toEqual(Array.from({ length: 12 }, (_, i) => `Bad-${i}`))
    // validate fills four columns; the rows in natural order (Bad-2 before Bad-10)
    expect(run.summary).toContain('| Skill | Version | Result | Diagnostics |\n')
    const rows = run.summary.split('\n').filter((line) => line.startsWith('| Bad-'))
    expect(rows.map((row) => row.slice(2, row.indexOf('<br>')))).toEqual(Array.from({ length: 12 }, (_, i) => `Bad-${i}`))
  })

  it('names the input and the allowed values for a bad input', async () => {
    const repo = createExampleRepo()
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'deploy' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("::error::Input 'mode' must be one of validate, changed, package, publish, status, delete; got 'deploy'.")
  })

  it('writes SARIF when asked, creating its folder', async () => {
    const repo = createExampleRepo()
    repo.write({ 'skills/broken-skill/SKILL.md': BROKEN })
    const sarifFile = path.join(repo.dir, 'reports/code-scanning/skills.sarif')
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'validate', 'sarif-file': sarifFile } })
    expect(run.outputs['sarif-file']).toBe(sarifFile)
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'))
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('skills/broken-skill/SKILL.md')
  })
})

describe('the bundled action, local folder registry', () => {
  it('packages every skill with digests in the artifacts output', async () => {
    const repo = createExampleRepo()
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'package', 'artifacts-dir': 'out' } })
    expect(run.code).toBe(0)
    const artifacts = JSON.parse(run.outputs.artifacts)
    expect(artifacts).toHaveLength(3)
    for (const artifact of artifacts) {
      expect(artifact).toMatchObject({
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/)
      })
      expect(existsSync(artifact.path)).toBe(true)
    }
    expect(readdirSync(path.join(repo.dir, 'out')).sort()).toEqual([
      'commit-message-writer-1.2.0.zip',
      'csv-summary-0.3.1.zip',
      'release-notes-2.0.0.zip'
    ])
  })

  it('publishes, then reports unchanged and writes nothing on a re-run', async () => {
    const repo = createExampleRepo()
    const target = path.join(repo.dir, '..', path.basename(repo.dir) + '-registry')
    const first = await runAction({ cwd: repo.dir, inputs: { mode: 'publish', target } })
    expect(first.code).toBe(0)
    expect(JSON.parse(first.outputs.published).sort()).toEqual(['commit-message-writer', 'csv-summary', 'release-notes'])
    expect(JSON.parse(first.outputs.failed)).toEqual([])
    // GITHUB_REPOSITORY is acme/skills: the owner is the index's scope.
    const line = JSON.parse(readFileSync(path.join(target, 'index/acme/csv-summary'), 'utf8'))
    expect(line).toMatchObject({
      name: 'acme/csv-summary',
      vers: '0.3.1',
      download_url: expect.stringMatching(/^file:\/\/.*csv-summary-0\.3\.1\.zip$/)
    })
    const index = readFileSync(path.join(target, 'index/acme/csv-summary'), 'utf8')
    const stored = readFileSync(path.join(target, 'csv-summary-0.3.1.zip'))

    const second = await runAction({ cwd: repo.dir, inputs: { mode: 'publish', target } })
    expect(second.code).toBe(0)
    expect(JSON.parse(second.outputs.published)).toEqual([])
    const statuses = JSON.parse(second.outputs.results).map((result: { status: string }) => result.status)
    expect(statuses).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect(readFileSync(path.join(target, 'csv-summary-0.3.1.zip')).equals(stored)).toBe(true)
    expect(readFileSync(path.join(target, 'index/acme/csv-summary'), 'utf8')).toBe(index)
  })

  it('refuses different bytes for a published version, naming both checksums', async () => {
    const repo = createExampleRepo()
    const target = path.join(repo.dir, '..', path.basename(repo.dir) + '-registry')
    await runAction({ cwd: repo.dir, inputs: { mode: 'publish', target } })
    repo.write({ 'skills/csv-summary/references/extra.md': 'more\n' })
    repo.commit('change without a version bump')
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'publish', target } })
    expect(run.code).toBe(1)
    const failed = JSON.parse(run.outputs.results).find((result: { name: string }) => result.name === 'csv-summary')
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/[0-9a-f]{64}[\s\S]*[0-9a-f]{64}/)
    expect(JSON.parse(run.outputs.failed)).toEqual(['csv-summary'])
  })

  it('publishes only the skill a pull request changed', async () => {
    const repo = createExampleRepo()
    const base = repo.git('rev-parse', 'HEAD')
    repo.write({ 'skills/release-notes/references/template.md': '# {{version}}\n\n## Notes\n' })
    const head = repo.commit('edit release-notes')
    const payload = { pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } } }
    const run = await runAction({ cwd: repo.dir, eventName: 'pull_request', payload, inputs: { mode: 'validate' } })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.changed)).toEqual(['skills/release-notes'])
    expect(run.outputs['changed-count']).toBe('1')
    expect(JSON.parse(run.outputs.matrix)).toEqual({ include: [{ skill: 'release-notes', path: 'skills/release-notes' }] })
  })
})
