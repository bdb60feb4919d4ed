// Issue 16 through the bundled faces: safe defaults, flags that do what the help says, messages in
// the face's language, versions from the tag at HEAD, progress while a run runs.
import { OPTIONS } from '../../src/options.js'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { runAction, runCli } from '../support/runner.js'
import { createExampleRepo, createRepo, skillMd } from '../support/repo.js'
import { FAST_FLAGS, cliJson } from '../support/registry-runs.js'
import { startFastSkillServer } from '../servers/index.js'

const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version as string

describe('no registry, no publish', () => {
  it('the CLI refuses a publish with neither --registry nor --target, naming both, and writes nothing', async () => {
    const repo = createExampleRepo()
    const run = await runCli(['publish'], { cwd: repo.dir, env: { FASTSKILL_API_URL: 'http://127.0.0.1:9' } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--registry or --target is required to publish')
    expect(readdirSync(repo.dir).sort()).toEqual(['.git', 'skills'])
    // an explicit folder target still works
    expect((await runCli(['publish', '--target', './registry'], { cwd: repo.dir })).code).toBe(0)
    expect(existsSync(path.join(repo.dir, 'registry'))).toBe(true)
  })

  it('the action in publish mode with no target and no registry fails, even with FASTSKILL_API_URL set', async () => {
    const repo = createExampleRepo()
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'publish' }, env: { FASTSKILL_API_URL: 'http://127.0.0.1:9' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("::error::Input 'registry' or input 'target' is required to publish")
    expect(readdirSync(repo.dir).sort()).toEqual(['.git', 'skills'])
  })
})

describe('an explicit base that does not exist', () => {
  it('is a usage error on the CLI (exit 2) and nothing is written', async () => {
    const repo = createExampleRepo()
    const run = await runCli(['publish', '--since', 'nosuchref', '--target', 'registry'], { cwd: repo.dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--since nosuchref: not a commit in this repository')
    expect(existsSync(path.join(repo.dir, 'registry'))).toBe(false)
  })

  it("fails the action's base input by its name", async () => {
    const repo = createExampleRepo()
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'publish', target: 'registry', base: 'nosuchref' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("::error::Input 'base' nosuchref: not a commit")
    expect(existsSync(path.join(repo.dir, 'registry'))).toBe(false)
  })

  it('missing history for an event range keeps the fallback, and the summary says so', async () => {
    const repo = createExampleRepo()
    const head = repo.git('rev-parse', 'HEAD')
    const payload = { ref: 'refs/heads/main', before: 'f'.repeat(40), after: head }
    const run = await runAction({ cwd: repo.dir, eventName: 'push', payload, inputs: { mode: 'validate' } })
    expect(run.code).toBe(0)
    expect(run.summary).toMatch(/every skill is handled/)
    expect(run.summary).toContain('History unavailable')
  })
})

describe('paths anywhere', () => {
  it('validates an absolute path outside the working folder, in the repository that holds it', async () => {
    const repo = createExampleRepo()
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'skillpub-cwd-'))
    const run = await runCli(['validate', path.join(repo.dir, 'skills/csv-summary'), '--json'], { cwd: elsewhere })
    expect(run.stderr).not.toContain('outside the repository root')
    expect(run.code).toBe(0)
    expect(cliJson(run.stdout).results.map((result) => result.path)).toEqual(['skills/csv-summary'])
  })

  it('takes a relative path that leaves the working folder, and a folder outside any repository', async () => {
    const repo = createExampleRepo()
    const sub = path.join(repo.dir, 'skills/csv-summary')
    const relative = await runCli(['validate', '../release-notes', '--json'], { cwd: sub })
    expect(relative.code).toBe(0)
    expect(cliJson(relative.stdout).results.map((result) => result.path)).toEqual(['skills/release-notes'])

    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'skillpub-plain-')), 'my-skills')
    mkdirSync(path.join(folder, 'greet'), { recursive: true })
    writeFileSync(path.join(folder, 'greet/SKILL.md'), skillMd('greet'))
    const run = await runCli(['validate', folder, '--json'], { cwd: repo.dir })
    expect(run.code).toBe(0)
    expect(cliJson(run.stdout).results.map((result) => result.path)).toEqual(['my-skills/greet'])
  })

  it('splits list inputs on commas outside braces only, so brace globs work', async () => {
    const repo = createExampleRepo()
    const run = await runCli(['validate', 'skills/{csv-summary,release-notes}', '--json'], { cwd: repo.dir })
    expect(run.code).toBe(0)
    expect(cliJson(run.stdout).results.map((result) => result.name)).toEqual(['csv-summary', 'release-notes'])
    const action = await runAction({ cwd: repo.dir, inputs: { mode: 'validate', paths: 'skills/{csv-summary,release-notes}' } })
    expect(action.code).toBe(0)
    expect(JSON.parse(action.outputs.changed ?? '[]')).toEqual(['skills/csv-summary', 'skills/release-notes'])
  })
})

describe('flags', () => {
  it('reads booleans as --x, --no-x, --x=false and --x false, never as a path', async () => {
    const repo = createExampleRepo()
    for (const args of [['--dry-run', 'true'], ['--dry-run'], ['--dry-run=true'], ['--dry-run=yes']]) {
      const run = await runCli(['publish', '--target', 'reg', ...args, '--wait', 'false', '--json'], { cwd: repo.dir })
      expect([args, run.code, run.stderr]).toEqual([args, 0, expect.not.stringContaining('No skill')])
      expect(cliJson(run.stdout).results.every((result) => result.status === 'skipped')).toBe(true)
    }
    expect(existsSync(path.join(repo.dir, 'reg'))).toBe(false)
    const off = await runCli(['publish', '--target', 'reg', '--dry-run=false', '--no-wait', '--json'], { cwd: repo.dir })
    expect(off.code).toBe(0)
    expect(cliJson(off.stdout).results.every((result) => result.status === 'published')).toBe(true)
    const bad = await runCli(['publish', '--target', 'reg', '--dry-run=maybe'], { cwd: repo.dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("--dry-run must be true or false; got 'maybe'")
  })

  it('takes every action input as a flag of the same name, and action.yml matches the one table', async () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> }
    const repo = createExampleRepo()
    // The inputs the CLI spells otherwise: `mode` is the command, `skill` the argument of `skillpub delete <name>`.
    const spelledOtherwise = new Set(OPTIONS.filter((option) => option.actionOnly).map((option) => option.name))
    expect([...spelledOtherwise].sort()).toEqual(['mode', 'skill'])
    const flags = Object.entries(action.inputs)
      .filter(([name]) => !spelledOtherwise.has(name))
      .map(([name, input]) => `--${name}=${name === 'github-token' ? 'ghs_x' : name === 'profile' ? 'spec' : (input.default ?? '')}`)
    const run = await runCli(['validate', ...flags], { cwd: repo.dir })
    expect([run.code, run.stderr]).toEqual([0, expect.not.stringContaining('Unknown option')])
    // and each one is in some command's help
    const helps = (
      await Promise.all(['validate', 'changed', 'package', 'publish', 'status'].map((c) => runCli(['help', c], { cwd: repo.dir })))
    )
      .map((help) => help.stdout)
      .join('\n')
    const main = (await runCli(['--help'], { cwd: repo.dir })).stdout
    for (const name of Object.keys(action.inputs).filter((n) => !spelledOtherwise.has(n)))
      expect([name, `${helps}${main}`.includes(`--${name}`)]).toEqual([name, true])
  })

  it('writes SARIF with --sarif-file beside the text report', async () => {
    const repo = createExampleRepo()
    const run = await runCli(['validate', '--sarif-file', 'out/skills.sarif'], { cwd: repo.dir })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('3 skills: 3 valid')
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'out/skills.sarif'), 'utf8')).version).toBe('2.1.0')
  })

  it('has -V on every command, help <command>, and --version only where it is the version to publish', async () => {
    const repo = createExampleRepo()
    const short = await runCli(['validate', '-V'], { cwd: repo.dir })
    expect([short.code, short.stdout]).toEqual([0, `${VERSION}\n`])
    const changed = await runCli(['changed', '--version'], { cwd: repo.dir })
    expect([changed.code, changed.stdout]).toEqual([0, `${VERSION}\n`])
    const help = await runCli(['help', 'publish'], { cwd: repo.dir })
    expect(help.stdout).toMatch(/^Usage: skillpub publish/)
    expect(help.stdout).toMatch(/--version STRING +Publish every skill with this version/)
    expect(help.stdout).toMatch(/-V +Print skillpub's version \(--version is the version to publish\)/)
    const published = await runCli(['publish', '--target', 'reg', '--version', '9.9.9', '--json'], { cwd: repo.dir })
    expect(cliJson(published.stdout).results.map((result) => result.version)).toEqual(['9.9.9', '9.9.9', '9.9.9'])
  })
})

describe('messages in the face language', () => {
  it('the CLI names flags, and says nothing about events unless --verbose', async () => {
    const repo = createExampleRepo()
    repo.write({ 'skills/unversioned/SKILL.md': skillMd('unversioned') })
    const run = await runCli(['package', '--out', 'out'], { cwd: repo.dir })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('set --version.')
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/Input '|the \w+ input/)
    expect(run.stderr).not.toContain('No event and no base ref')
    const verbose = await runCli(['validate', '--verbose'], { cwd: repo.dir })
    expect(verbose.stderr).toContain('No event and no base ref')
    const unmatched = await runCli(['validate', 'nope'], { cwd: repo.dir })
    expect(unmatched.stderr).toContain("No skill (a folder with a SKILL.md) found for 'nope'. Check the paths:")
    expect(unmatched.stderr).not.toContain('paths input')
  })
})

describe('the version of a tagged commit outside GitHub', () => {
  const unversioned = () => {
    const repo = createRepo({ 'skills/greet/SKILL.md': skillMd('greet') })
    repo.commit('greet')
    return repo
  }

  it('reads the tag at HEAD, and CI_COMMIT_TAG', async () => {
    const repo = unversioned()
    repo.git('tag', '-a', 'v1.4.0', '-m', 'release')
    const run = await runCli(['publish', '--target', 'reg', '--json'], { cwd: repo.dir })
    expect(run.code).toBe(0)
    expect(cliJson(run.stdout).results.map((result) => [result.version, result.status])).toEqual([['1.4.0', 'published']])

    const gitlab = unversioned()
    const ci = await runCli(['publish', '--target', 'reg', '--json'], { cwd: gitlab.dir, env: { CI_COMMIT_TAG: 'greet@2.0.1' } })
    expect(cliJson(ci.stdout).results.map((result) => result.version)).toEqual(['2.0.1'])
  })

  it('validate warns under a registry profile about a skill publish would refuse for lack of a version', async () => {
    const repo = unversioned()
    const spec = await runCli(['validate'], { cwd: repo.dir })
    expect(spec.stdout).not.toContain('No version')
    const run = await runCli(['validate', '--profile', 'clawhub'], { cwd: repo.dir })
    expect(run.stdout).toMatch(/warning +No version: publish to clawhub would refuse this skill/)
  })
})

describe('progress', () => {
  it("prints each skill's verdict with a count as it lands, and no live line off a terminal", async () => {
    const repo = createExampleRepo()
    const run = await runCli(['publish', '--target', 'reg'], { cwd: repo.dir })
    expect(run.code).toBe(0)
    // skills land in whatever order the uploads finish: the count runs 1..3 over the three of them
    const landed = [...run.stderr.matchAll(/^(\d)\/3 published: (\S+) \S+$/gm)]
    expect(landed.map((match) => match[1])).toEqual(['1', '2', '3'])
    expect(landed.map((match) => match[2]).sort()).toEqual(['commit-message-writer', 'csv-summary', 'release-notes'])
    expect(run.stderr).not.toContain('\r')
  })

  it('says what is pending, and for how long, during a long wait', async () => {
    const fastskill = await startFastSkillServer({ pollsPerStep: 'never' })
    try {
      const repo = createExampleRepo()
      const token = fastskill.state.token('acme/alice')
      const args = ['publish', 'skills/csv-summary', '--registry', 'fastskill', '--target', fastskill.server.url, '--token', token]
      const run = await runCli([...args, ...FAST_FLAGS, '--max-wait', '2.5'], { cwd: repo.dir })
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/Still waiting on 1 of 1 skills: csv-summary \(\d+ s\)\./)
      expect(run.stderr).toContain('1/1 timed-out: csv-summary 0.3.1')
    } finally {
      fastskill.server.close()
    }
  })
})

describe('smaller things', () => {
  it('dry-run text says would publish', async () => {
    const repo = createExampleRepo()
    const run = await runCli(['publish', '--target', 'reg', '--dry-run'], { cwd: repo.dir })
    expect(run.stdout).toContain('csv-summary 0.3.1 would publish (local)')
    expect(run.stdout).toContain('3 skills: 3 would publish')
  })

  it('package --out naming a file is a clear usage error', async () => {
    const repo = createExampleRepo()
    repo.write({ 'README.md': '# skills\n' })
    const run = await runCli(['package', '--out', 'README.md'], { cwd: repo.dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`--out ${path.join(repo.dir, 'README.md')} is a file, not a folder`)
    expect(run.stderr).not.toContain('EEXIST')
  })

  it('a publish leaves no skillpub-artifacts in the repository unless artifacts-dir is set', async () => {
    const repo = createExampleRepo()
    expect((await runCli(['publish', '--target', 'reg'], { cwd: repo.dir })).code).toBe(0)
    expect(existsSync(path.join(repo.dir, 'skillpub-artifacts'))).toBe(false)
    const action = await runAction({ cwd: repo.dir, inputs: { mode: 'publish', target: 'reg2' } })
    expect(action.code).toBe(0)
    expect(existsSync(path.join(repo.dir, 'skillpub-artifacts'))).toBe(false)
    await runCli(['publish', '--target', 'reg3', '--artifacts-dir', 'kept'], { cwd: repo.dir })
    expect(readdirSync(path.join(repo.dir, 'kept')).sort()).toEqual([
      'commit-message-writer-1.2.0.zip',
      'csv-summary-0.3.1.zip',
      'release-notes-2.0.0.zip'
    ])
  })
})
