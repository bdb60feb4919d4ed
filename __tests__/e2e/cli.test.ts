// The bundled skillpub command, run as a process the way a person or another CI system runs it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../support/runner.js'
import { createExampleRepo, createRepo, skillMd } from '../support/repo.js'

const ANSI = /\u001b\[/

describe('skillpub (bundled CLI)', () => {
  it('prints help and its version, and exits 0', async () => {
    const repo = createRepo()
    const help = await runCli(['--help'], { cwd: repo.dir })
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: skillpub <command>/)
    for (const command of ['validate', 'changed', 'package', 'publish', 'status']) {
      const commandHelp = await runCli([command, '--help'], { cwd: repo.dir })
      expect([command, commandHelp.code]).toEqual([command, 0])
      expect(commandHelp.stdout).toContain(`Usage: skillpub ${command}`)
    }
    const version = await runCli(['--version'], { cwd: repo.dir })
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
  })

  it.each([
    [['deploy'], /unknown command 'deploy'/],
    [['validate', '--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['validate', '--profile', 'npm'], /--profile must be one of spec, clawhub, artifactory, fastskill; got 'npm'/],
    [['validate', '--format', 'xml'], /--format must be one of text, json, sarif, github/],
    [['validate', 'no-such-folder'], /No skill \(a folder with a SKILL\.md\) found for 'no-such-folder'/]
  ])('exits 2 on the usage error %j with a message that says what is wrong', async (args, message) => {
    const run = await runCli(args, { cwd: createRepo().dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it('validates clean skills with exit 0 and no colour when not on a terminal', async () => {
    const repo = createExampleRepo()
    const run = await runCli(['validate'], { cwd: repo.dir })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('csv-summary')
    expect(run.stdout).not.toMatch(ANSI)
  })

  it('exits 1 on an invalid skill and points at file, line and column', async () => {
    const repo = createExampleRepo()
    repo.write({ 'skills/bad/SKILL.md': skillMd('Bad') })
    const run = await runCli(['validate', 'skills'], { cwd: repo.dir })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/skills\/bad\/SKILL\.md:2:\d+/)
  })

  it('renders json, sarif and github formats', async () => {
    const repo = createExampleRepo()
    repo.write({ 'skills/bad/SKILL.md': skillMd('Bad') })
    const json = await runCli(['validate', '--json'], { cwd: repo.dir })
    expect(JSON.parse(json.stdout).results.find((result: { path: string }) => result.path === 'skills/bad').status).toBe('invalid')
    const sarif = await runCli(['validate', '--format', 'sarif'], { cwd: repo.dir })
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0')
    const written = await runCli(['validate', '--format', 'sarif', '--output', 'out/skills.sarif'], { cwd: repo.dir })
    expect(written.stdout).toBe('')
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'out/skills.sarif'), 'utf8')).version).toBe('2.1.0')
    const github = await runCli(['validate', '--format', 'github'], { cwd: repo.dir })
    expect(github.stdout).toMatch(/^::error file=skills\/bad\/SKILL\.md,line=2,/m)
  })

  it('fails on warnings only with --strict', async () => {
    const repo = createExampleRepo()
    const longBody = Array.from({ length: 520 }, (_, i) => `line ${i}`).join('\n')
    repo.write({ 'skills/long/SKILL.md': skillMd('long', {}, longBody) })
    expect((await runCli(['validate'], { cwd: repo.dir })).code).toBe(0)
    expect((await runCli(['validate', '--strict'], { cwd: repo.dir })).code).toBe(1)
  })

  it('publishes to a folder, then reports every skill unchanged', async () => {
    const repo = createExampleRepo()
    const first = await runCli(['publish', 'skills', '--target', 'registry', '--json'], { cwd: repo.dir })
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout).results.map((result: { status: string }) => result.status)).toEqual([
      'published',
      'published',
      'published'
    ])
    const second = await runCli(['publish', 'skills', '--target', 'registry', '--json'], { cwd: repo.dir })
    expect(JSON.parse(second.stdout).results.map((result: { status: string }) => result.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged'
    ])
    // No GITHUB_REPOSITORY outside CI: the index takes FastSkill's own default scope.
    expect(readFileSync(path.join(repo.dir, 'registry/index/anonymous/release-notes'), 'utf8')).toContain(
      '"name":"anonymous/release-notes"'
    )
  })

  it('lists the skills changed since a ref', async () => {
    const repo = createExampleRepo()
    const base = repo.git('rev-parse', 'HEAD')
    repo.write({ 'skills/csv-summary/scripts/summarise.py': '# rewritten\n' })
    repo.commit('edit')
    const run = await runCli(['changed', '--since', base, '--json'], { cwd: repo.dir })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).changes.changed).toEqual(['skills/csv-summary'])
  })
})

describe('skillpub package across threads (bundled CLI)', () => {
  it('packages 200 skills in worker threads with the bytes one thread gives', async () => {
    const { buildPackage } = await import('../../src/core/package/build.js')
    const { DEFAULT_LIMITS } = await import('../../src/config.js')
    const names = Array.from({ length: 200 }, (_, k) => `skill-${String(k).padStart(3, '0')}`)
    const files: Record<string, string> = {}
    for (const name of names) {
      files[`skills/${name}/SKILL.md`] = skillMd(name, { metadata: '\n  version: 1.0.0' })
      files[`skills/${name}/references/guide.md`] = `# ${name}\n\n${'Steps to follow. '.repeat(200)}\n`
    }
    const repo = createRepo(files)
    repo.commit('skills')
    const run = await runCli(['package', 'skills', '--out', 'out', '--json'], { cwd: repo.dir })
    expect(run.code).toBe(0)
    const results: Array<{ name: string; status: string; sha256: string }> = JSON.parse(run.stdout).results
    expect(results.filter((result) => result.status === 'packaged')).toHaveLength(200)
    for (const name of [names[0], names[99], names[199]]) {
      const inThisThread = await buildPackage(
        { dir: path.join(repo.dir, 'skills', name), path: `skills/${name}`, name, version: '1.0.0' },
        { flavour: 'fastskill', outDir: path.join(repo.dir, 'compare'), limits: DEFAULT_LIMITS, allowSecrets: [] }
      )
      expect(results.find((result) => result.name === name)?.sha256).toBe(inThisThread.sha256)
    }
  })
})
