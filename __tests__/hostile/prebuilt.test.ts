// Pre-built packages that lie: a zip whose skill-project.toml names another skill than its
// SKILL.md, and `.zip` names in the artifacts folder that are a symbolic link or a FIFO. Each is
// refused with a message naming it; nothing is skipped without a word.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseConfig, type RawOptions } from '../../src/options.js'
import { runSkillpub } from '../../src/pipeline.js'
import type { Logger } from '../../src/core/types.js'
import { createRepo, skillMd } from '../support/repo.js'
import { writeZip } from '../servers/zip.js'

const quiet: Logger = { debug() {}, info() {}, warning() {}, error() {} }
const run = (root: string, raw: RawOptions) => runSkillpub(parseConfig(raw, { root, env: {} }), quiet)

function packageZip(name: string, project?: string): Buffer {
  const files = [{ path: 'SKILL.md', data: Buffer.from(skillMd(name, { metadata: '\n  version: "1.0.0"' })) }]
  if (project !== undefined) files.push({ path: 'skill-project.toml', data: Buffer.from(project) })
  return writeZip(files)
}

describe('pre-built packages with a wrong identity', () => {
  it('a skill-project.toml id that differs from the SKILL.md name is an error naming both', async () => {
    const repo = createRepo()
    mkdirSync(path.join(repo.dir, 'built'))
    writeFileSync(path.join(repo.dir, 'built/two.zip'), packageZip('pdf-tools', '[metadata]\nid = "acme/evil-tools"\nversion = "1.0.0"\n'))
    writeFileSync(path.join(repo.dir, 'built/ok.zip'), packageZip('csv-tools', '[metadata]\nid = "csv-tools"\nversion = "1.0.0"\n'))
    const report = await run(repo.dir, { mode: 'publish', artifacts: 'built', target: 'registry' })
    const byName = Object.fromEntries(report.results.map((result) => [result.name, result]))
    expect(byName['two.zip']).toMatchObject({ status: 'failed' })
    expect(byName['two.zip']!.error).toMatch(
      /two\.zip names two different skills: .*id "acme\/evil-tools" but its SKILL\.md has name "pdf-tools"/
    )
    expect(byName['csv-tools']?.error).toBe(undefined)
    expect(byName['csv-tools']).toMatchObject({ status: 'published' })
    expect(report.results.map((result) => result.name)).not.toContain('pdf-tools')
  })
})

describe('artifacts that are not regular files', () => {
  it('a .zip that is a symbolic link, or a FIFO, is refused by name, not skipped', async () => {
    const repo = createRepo()
    mkdirSync(path.join(repo.dir, 'built'))
    const outside = path.join(mkdtempSync(path.join(tmpdir(), 'skillpub-outside-')), 'elsewhere.zip')
    writeFileSync(outside, packageZip('elsewhere'))
    symlinkSync(outside, path.join(repo.dir, 'built/link.zip'))
    execFileSync('mkfifo', [path.join(repo.dir, 'built/pipe.zip')])
    writeFileSync(path.join(repo.dir, 'built/real.zip'), packageZip('real-tools'))
    const report = await run(repo.dir, { mode: 'publish', artifacts: 'built', target: 'registry' })
    const byName = Object.fromEntries(report.results.map((result) => [result.name, result]))
    expect(byName['link.zip']).toMatchObject({ status: 'failed', error: expect.stringMatching(/built\/link\.zip is a symbolic link/) })
    expect(byName['pipe.zip']).toMatchObject({ status: 'failed', error: expect.stringMatching(/built\/pipe\.zip is a FIFO/) })
    expect(byName['real-tools']).toMatchObject({ status: 'published' })
    expect(byName.elsewhere).toBeUndefined()
  })

  it('an artifacts input naming a symbolic link to a zip is refused too', async () => {
    const repo = createRepo()
    const outside = path.join(mkdtempSync(path.join(tmpdir(), 'skillpub-outside-')), 'elsewhere.zip')
    writeFileSync(outside, packageZip('elsewhere'))
    symlinkSync(outside, path.join(repo.dir, 'link.zip'))
    const report = await run(repo.dir, { mode: 'publish', artifacts: 'link.zip', target: 'registry' })
    expect(report.results).toEqual([
      expect.objectContaining({ name: 'link.zip', status: 'failed', error: expect.stringMatching(/is a symbolic link/) })
    ])
  })
})
