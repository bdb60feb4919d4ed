// `skillpub delete <name> --version V` and the action's `mode: delete`, bundled, against the
// loopback Artifactory and a local folder: as `jf agent skills delete`, one version goes, no
// prompt, `--dry-run` says what would go, and a version that is not there is exit 1.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runAction, runCli } from '../support/runner.js'
import { startArtifactoryServer, type ArtifactoryServer } from '../servers/index.js'
import { FAST, FAST_FLAGS, actionResults, cliJson, createSkillsRepo, resultOf } from '../support/registry-runs.js'

const REPO = 'skills-local'
const TOKEN = 'art_test_token'
let art: ArtifactoryServer

beforeEach(async () => {
  art = await startArtifactoryServer({ xrayScript: ['BLOCKED'] })
  for (const version of ['1.0.0', '1.1.0']) {
    art.state.seed(REPO, 'pdf-tools', version, [{ path: 'SKILL.md', data: Buffer.from(`---\nname: pdf-tools\n---\n${version}\n`) }])
  }
})
afterEach(() => art.server.close())

const where = () => ['--registry', 'artifactory', '--target', `${art.server.url}/artifactory`, '--repository', REPO, ...FAST_FLAGS]
const deletes = () => art.server.requests.filter((req) => req.method === 'DELETE')
const emptyDir = () => mkdtempSync(path.join(tmpdir(), 'skillpub-delete-'))

describe('skillpub delete (Artifactory)', () => {
  it('--dry-run says what would go and deletes nothing', async () => {
    const run = await runCli(['delete', 'pdf-tools', '--version', '1.0.0', ...where(), '--dry-run', '--json'], {
      cwd: emptyDir(),
      env: { ARTIFACTORY_TOKEN: TOKEN }
    })
    expect(run.code).toBe(0)
    const report = cliJson(run.stdout) as ReturnType<typeof cliJson> & { mode: string; notes: string[] }
    expect(report.mode).toBe('delete')
    expect(resultOf(report.results, 'pdf-tools')).toMatchObject({ status: 'skipped', version: '1.0.0' })
    expect(report.notes[0]).toBe(
      `Dry run: would delete pdf-tools 1.0.0 from ${art.server.url}/artifactory/${REPO} (${art.server.url}/artifactory/${REPO}/pdf-tools/1.0.0/pdf-tools-1.0.0.zip).`
    )
    expect(deletes()).toEqual([])
    expect(art.state.item(REPO, 'pdf-tools', '1.0.0')).toBeDefined()
  })

  it('deletes the version folder as jf does, keeps the other versions, never asks the scan gate, and needs no git repository', async () => {
    const run = await runCli(['delete', 'pdf-tools', '--version', '1.0.0', ...where(), '--token', TOKEN, '--json'], { cwd: emptyDir() })
    expect(run.code).toBe(0)
    expect(resultOf(cliJson(run.stdout).results, 'pdf-tools')).toMatchObject({
      status: 'deleted',
      messages: [expect.stringMatching(/^Deleted pdf-tools 1\.0\.0 from /)]
    })
    expect(deletes().map((req) => req.path)).toEqual([`/artifactory/${REPO}/pdf-tools/1.0.0/`])
    expect(art.state.item(REPO, 'pdf-tools', '1.0.0')).toBeUndefined()
    expect(art.state.item(REPO, 'pdf-tools', '1.1.0')).toBeDefined()
    expect(art.server.requests.filter((req) => req.path.endsWith('/xrayStatus'))).toEqual([])
  })

  it('exit 1 when nothing was there, with or without --dry-run, deleting nothing', async () => {
    for (const extra of [[], ['--dry-run']]) {
      const run = await runCli(['delete', 'pdf-tools', '--version', '9.9.9', ...where(), '--token', TOKEN, '--json', ...extra], {
        cwd: emptyDir()
      })
      expect(run.code).toBe(1)
      expect(resultOf(cliJson(run.stdout).results, 'pdf-tools')).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/^pdf-tools 9\.9\.9 is not in .*: nothing to delete\./)
      })
    }
    expect(deletes()).toEqual([])
  })

  it("a refused delete fails with the server's answer", async () => {
    art.server.fault(
      { method: 'DELETE' },
      { kind: 'status', status: 403, body: '{"errors":[{"status":403,"message":"Not enough permissions to delete"}]}' }
    )
    const run = await runCli(['delete', 'pdf-tools', '--version', '1.0.0', ...where(), '--token', TOKEN, '--json'], { cwd: emptyDir() })
    expect(run.code).toBe(1)
    expect(resultOf(cliJson(run.stdout).results, 'pdf-tools').error).toMatch(/answered 403: Not enough permissions to delete/)
  })

  it.each([
    [['delete', '--version', '1.0.0'], /give one skill name: skillpub delete <name> --version V/],
    [['delete', 'pdf-tools'], /Mode 'delete' needs the exact version to delete \(input 'version', --version\), e\.g\. 1\.0\.0; got ''/],
    [['delete', 'pdf-tools', '--version', '../1.0.0'], /needs the exact version to delete/],
    [['delete', '../etc', '--version', '1.0.0'], /needs the skill's name .*got '\.\.\/etc'/]
  ])('%j is a usage error (exit 2) that names what is missing', async (args, message) => {
    const run = await runCli([...args, ...where(), '--token', TOKEN], { cwd: emptyDir() })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(art.server.requests).toEqual([])
  })
})

describe('skillpub delete (local folder)', () => {
  it('deletes one version from the folder; exit 1 once it is gone', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const target = path.join(repo.dir, 'registry')
    expect((await runCli(['publish', '--target', target], { cwd: repo.dir })).code).toBe(0)
    const first = await runCli(['delete', 'pdf-tools', '--version', '1.0.0', '--target', target, '--json'], { cwd: repo.dir })
    expect(first.code).toBe(0)
    expect(resultOf(cliJson(first.stdout).results, 'pdf-tools').status).toBe('deleted')
    const again = await runCli(['delete', 'pdf-tools', '--version', '1.0.0', '--target', target, '--json'], { cwd: repo.dir })
    expect(again.code).toBe(1)
  })
})

describe('the action, mode: delete', () => {
  const inputs = () => ({
    mode: 'delete',
    skill: 'pdf-tools',
    version: '1.1.0',
    registry: 'artifactory',
    target: `${art.server.url}/artifactory`,
    repository: REPO,
    token: TOKEN,
    ...FAST
  })

  it('deletes the version, without a prompt, with the same rules as the CLI', async () => {
    const run = await runAction({ cwd: emptyDir(), inputs: inputs() })
    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools')).toMatchObject({ status: 'deleted', version: '1.1.0' })
    expect(art.state.item(REPO, 'pdf-tools', '1.1.0')).toBeUndefined()
    expect(run.summary).toContain('delete')

    const again = await runAction({ cwd: emptyDir(), inputs: inputs() })
    expect(again.code).toBe(1)
    expect(resultOf(actionResults(again), 'pdf-tools').error).toMatch(/is not in .*nothing to delete/)
  })

  it('dry-run: true says what would go and deletes nothing', async () => {
    const run = await runAction({ cwd: emptyDir(), inputs: { ...inputs(), 'dry-run': 'true' } })
    expect(run.code).toBe(0)
    expect(run.summary).toContain('Dry run: would delete pdf-tools 1.1.0')
    expect(deletes()).toEqual([])
  })

  it('without the skill input, fails naming it', async () => {
    const run = await runAction({ cwd: emptyDir(), inputs: { ...inputs(), skill: '' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::Mode 'delete' needs the skill's name \(input 'skill'/)
  })
})
