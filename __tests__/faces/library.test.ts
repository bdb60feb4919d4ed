// The package's library entry (package.json `exports`, dist/lib/index.js built from src/lib.ts):
// importing it does nothing by itself, and it runs the same pipeline the faces run.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..')
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string>
  dependencies: Record<string, string>
}
const LIBRARY = path.join(ROOT, manifest.exports['.']!)

function node(script: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd, env: { PATH: process.env.PATH, GITHUB_ACTIONS: 'true' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('the library entry', () => {
  it('is the bundle built from src/lib.ts, not the action', () => {
    expect(path.relative(ROOT, LIBRARY)).toBe(path.join('dist', 'lib', 'index.js'))
  })

  it('has no side effects: importing it prints nothing, writes nothing and fails nothing', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'skillpub-library-'))
    const run = await node(
      `const lib = await import(${JSON.stringify(LIBRARY)}); console.log(JSON.stringify(Object.keys(lib).sort())); console.log(process.exitCode ?? 0)`,
      cwd
    )
    expect(run.stderr).toBe('')
    const [names, exitCode] = run.stdout.trim().split('\n')
    expect(JSON.parse(names!)).toEqual(expect.arrayContaining(['runSkillpub', 'parseConfig', 'OPTIONS', 'ConfigError', 'runFailed']))
    expect(exitCode).toBe('0')
    expect(readdirSync(cwd)).toEqual([])
  })

  it('runs the pipeline: options in, a report out', async () => {
    const script = `
      const { parseConfig, runSkillpub, runFailed } = await import(${JSON.stringify(LIBRARY)})
      const config = parseConfig({ mode: 'validate', paths: 'examples/skills' }, { root: process.cwd(), env: {} })
      const quiet = { debug() {}, info() {}, warning() {}, error() {} }
      const report = await runSkillpub(config, quiet)
      console.log(JSON.stringify({ failed: runFailed(report, 'error'), statuses: report.results.map((r) => r.name + ':' + r.status) }))`
    const run = await node(script, ROOT)
    expect(JSON.parse(run.stdout)).toEqual({
      failed: false,
      statuses: ['commit-message-writer:valid', 'csv-summary:valid', 'release-notes:valid']
    })
  })
})

describe('layering', () => {
  const sources = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => path.join(dir, file))
  const imports = (file: string) =>
    [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]!)

  it('core/ imports neither registries/ nor http/: it takes plain values', () => {
    const offending = sources('src/core').flatMap((file) =>
      imports(file)
        .filter((spec) => /\/(registries|http)\//.test(spec))
        .map((spec) => `${file}: ${spec}`)
    )
    expect(offending).toEqual([])
  })

  it('only the action face and the compare fallback import the GitHub toolkit', () => {
    const users = sources('src').filter((file) => imports(file).some((spec) => spec.startsWith('@actions/')))
    expect(users.sort()).toEqual(['src/action/context.ts', 'src/action/runner.ts', 'src/git/github-compare.ts'])
  })
})

describe('dist/licenses.txt', () => {
  const text = readFileSync(path.join(ROOT, 'dist/licenses.txt'), 'utf8')
  const listed = new Map(
    [...text.matchAll(/^(@?[^@\s]+)@(\d[^\s]*)\n([^\n]+)\n\n(.+)$/gm)].map((m) => [m[1]!, { licence: m[3]!, first: m[4]! }])
  )

  it('lists every runtime dependency that is bundled, with its licence text', () => {
    for (const name of Object.keys(manifest.dependencies)) {
      expect([name, listed.has(name)]).toEqual([name, true])
      expect(listed.get(name)!.first.length).toBeGreaterThan(0)
    }
  })

  it('names the packages bundled from the toolkit, down to the ones they pull in', () => {
    for (const name of ['@actions/core', '@actions/github', '@octokit/core', 'pend']) expect([name, listed.has(name)]).toEqual([name, true])
  })
})
