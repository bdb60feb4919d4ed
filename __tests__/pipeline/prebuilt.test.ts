// Publishing pre-built packages (`publish --artifacts`): zips made by an earlier `package` run are
// checked like any skill and published; a zip that is not a skill package fails alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseConfig, type RawOptions } from '../../src/options.js'
import { runSkillpub } from '../../src/pipeline.js'
import type { Logger, SkillResult } from '../../src/core/types.js'
import { createExampleRepo, skillMd } from '../support/repo.js'
import { writeZip } from '../servers/zip.js'

const quiet: Logger = { debug() {}, info() {}, warning() {}, error() {} }

async function run(root: string, raw: RawOptions) {
  return runSkillpub(parseConfig(raw, { root, env: {} }), quiet)
}

const byName = (results: SkillResult[]) => Object.fromEntries(results.map((result) => [result.name, result]))

describe('publishing pre-built packages', () => {
  it('publishes the zips an earlier package run made, byte for byte', async () => {
    const repo = createExampleRepo()
    const packaged = await run(repo.dir, { mode: 'package', 'artifacts-dir': 'built' })
    const published = await run(repo.dir, { mode: 'publish', artifacts: 'built', target: 'registry', 'artifacts-dir': 'rebuilt' })
    expect(published.results.map((result) => result.status)).toEqual(['published', 'published', 'published'])
    const before = byName(packaged.results)
    for (const result of published.results) {
      expect([result.name, result.sha256]).toEqual([result.name, before[result.name].sha256])
      expect(result.path).toMatch(/^built\/.*\.zip$/)
      expect(result.versionSource).toBe('package')
    }
    const stored = readFileSync(path.join(repo.dir, 'registry/csv-summary-0.3.1.zip'))
    expect(stored.equals(readFileSync(path.join(repo.dir, 'built/csv-summary-0.3.1.zip')))).toBe(true)
  })

  it('takes the version the package was built as from its skill-project.toml', async () => {
    const repo = createExampleRepo()
    await run(repo.dir, { mode: 'package', paths: 'skills/csv-summary', version: '3.1.4', 'artifacts-dir': 'built' })
    const report = await run(repo.dir, { mode: 'publish', artifacts: 'built/csv-summary-3.1.4.zip', target: 'registry' })
    expect(report.results[0]).toMatchObject({ name: 'csv-summary', version: '3.1.4', status: 'published' })
  })

  it('fails a corrupt zip, a zip without SKILL.md and a zip-slip entry alone, naming each file', async () => {
    const repo = createExampleRepo()
    await run(repo.dir, { mode: 'package', paths: 'skills/release-notes', 'artifacts-dir': 'built' })
    writeFileSync(path.join(repo.dir, 'built/corrupt.zip'), 'PK\u0003\u0004 this is not a zip')
    writeFileSync(path.join(repo.dir, 'built/no-skill.zip'), writeZip([{ path: 'README.md', data: Buffer.from('# hi\n') }]))
    writeFileSync(
      path.join(repo.dir, 'built/slip.zip'),
      writeZip([
        { path: 'SKILL.md', data: Buffer.from(skillMd('slip', { version: '1.0.0' })) },
        { path: '../outside.txt', data: Buffer.from('escaped') }
      ])
    )
    const report = await run(repo.dir, { mode: 'publish', artifacts: 'built', target: 'registry' })
    const results = byName(report.results)
    expect(results['release-notes'].status).toBe('published')
    expect(results['corrupt.zip']).toMatchObject({ status: 'failed', error: expect.stringContaining('corrupt.zip') })
    expect(results['no-skill.zip']).toMatchObject({ status: 'failed', error: expect.stringMatching(/no SKILL\.md/) })
    expect(results['slip.zip']).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/slip\.zip.*(unsafe name|invalid relative path)/)
    })
  })

  it('accepts a package whose skill sits one folder down, and still checks it', async () => {
    const repo = createExampleRepo()
    mkdirSync(path.join(repo.dir, 'built'))
    const manifest = skillMd('Not-Valid', { metadata: '\n  version: 1.0.0' })
    writeFileSync(path.join(repo.dir, 'built/nested.zip'), writeZip([{ path: 'not-valid/SKILL.md', data: Buffer.from(manifest) }]))
    const report = await run(repo.dir, { mode: 'publish', artifacts: 'built', target: 'registry' })
    expect(report.results[0]).toMatchObject({ status: 'invalid' })
    expect(report.results[0].diagnostics.map((diagnostic) => diagnostic.ruleId)).toContain('spec/name-lowercase')
  })

  it('is refused outside mode publish', () => {
    expect(() => parseConfig({ mode: 'validate', artifacts: 'built' }, { root: '/repo', env: {} })).toThrow(
      "Input 'artifacts' is for mode 'publish'"
    )
  })
})
