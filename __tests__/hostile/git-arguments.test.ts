// Hostile revisions through the bundled faces, run as a runner and a shell run them: every value
// would make git run a command (`--upload-pack=touch <marker>`) if git read it as an option. The
// marker file must never appear, and the run must fail naming the value's source.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runAction, runCli } from '../support/runner.js'
import { createSkillsRepo } from '../support/registry-runs.js'
import type { TestRepo } from '../support/repo.js'
import { ensureCommit, findMergeBase } from '../../src/git/history.js'
import { diffCommits } from '../../src/git/git.js'

let marker: string
let repo: TestRepo
let sha: string

beforeEach(() => {
  marker = path.join(mkdtempSync(path.join(tmpdir(), 'skillpub-hostile-')), 'pwned')
  repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
  // An `origin` remote, so that a revision missing locally is fetched: the path the attack takes.
  const origin = mkdtempSync(path.join(tmpdir(), 'skillpub-origin-'))
  repo.git('clone', '--quiet', '--bare', repo.dir, origin)
  repo.git('remote', 'add', 'origin', origin)
  sha = repo.git('rev-parse', 'HEAD')
})

const attack = () => `--upload-pack=touch ${marker}`

describe('event revisions reach git as revisions only (action)', () => {
  it.each([
    ['pull_request.base.sha', 'pull_request', () => ({ pull_request: { number: 1, base: { sha: attack() }, head: { sha } } })],
    ['pull_request.head.sha', 'pull_request', () => ({ pull_request: { number: 1, base: { sha }, head: { sha: attack() } } })],
    ['before', 'push', () => ({ ref: 'refs/heads/main', before: attack(), after: sha })],
    ['after', 'push', () => ({ ref: 'refs/heads/main', before: sha, after: attack() })]
  ])('a hostile %s runs nothing and fails the run', async (field, eventName, payload) => {
    const run = await runAction({ cwd: repo.dir, eventName, payload: payload(), inputs: { mode: 'validate' } })
    expect(existsSync(marker)).toBe(false)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`${field} is "--upload-pack=touch`)
    expect(run.stdout).toMatch(/not a commit id/)
  })

  it('a hostile base input runs nothing and fails the run', async () => {
    const run = await runAction({
      cwd: repo.dir,
      eventName: 'workflow_dispatch',
      payload: {},
      env: { GITHUB_SHA: sha },
      inputs: { mode: 'validate', base: attack() }
    })
    expect(existsSync(marker)).toBe(false)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/base input \(CLI: --since\) is "--upload-pack=touch [^"]*", which is not a git revision/)
  })
})

describe('--since reaches git as a revision only (CLI)', () => {
  it('a hostile --since runs nothing and fails with a message naming the flag', async () => {
    const result = await runCli(['validate', `--since=${attack()}`], { cwd: repo.dir })
    expect(existsSync(marker)).toBe(false)
    expect(result.code).not.toBe(0)
    expect(result.stderr + result.stdout).toMatch(/--since\) is "--upload-pack=touch [^"]*", which is not a git revision/)
  })
})

describe('the git layer reads revisions as revisions, whatever checks came before', () => {
  const logger = { debug: () => undefined, info: () => undefined, warning: () => undefined, error: () => undefined }
  it('fetch, merge-base and diff put revisions after --end-of-options', async () => {
    await expect(ensureCommit(repo.dir, attack(), logger)).resolves.toBeUndefined()
    await expect(findMergeBase(repo.dir, attack(), sha, logger)).resolves.toHaveProperty('unavailable')
    await expect(diffCommits(repo.dir, `--output=${marker}`, sha)).rejects.toThrow(/failed/)
    expect(existsSync(marker)).toBe(false)
  })
})
