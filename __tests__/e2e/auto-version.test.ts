// `version: auto` through the bundled faces, as `jf agent skills publish` picks a version in CI
// when SKILL.md has none: the registry's latest when the content is the same (`unchanged`), the
// next minor after it when it differs, 0.1.0 for a skill the registry has never seen. SKILL.md is
// never rewritten. Against the Artifactory and ClawHub test servers and a local folder.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { runAction, runCli } from '../support/runner.js'
import { createRepo, skillMd, type TestRepo } from '../support/repo.js'
import { startArtifactoryServer, startClawHubServer, type ArtifactoryServer } from '../servers/index.js'
import { FAST, FAST_FLAGS, actionResults, cliJson, resultOf, uploads } from '../support/registry-runs.js'

const REPO = 'skills-local'
const TOKEN = 'art_test_token'
const SKILL_FILE = 'skills/pdf-tools/SKILL.md'

/** A skill without any version: no tag, no frontmatter version, no metadata.version. */
function unversionedRepo(): TestRepo {
  const repo = createRepo({ [SKILL_FILE]: skillMd('pdf-tools'), 'skills/pdf-tools/references/guide.md': '# Guide\n' })
  repo.commit('skills')
  return repo
}

function edit(repo: TestRepo): void {
  repo.write({ 'skills/pdf-tools/references/guide.md': '# Guide\n\nMore.\n' })
  repo.commit('edit')
}

describe('version: auto with the action (Artifactory)', () => {
  let art: ArtifactoryServer
  beforeEach(async () => {
    art = await startArtifactoryServer()
  })
  afterEach(() => art.server.close())
  const inputs = () => ({
    mode: 'publish',
    version: 'auto',
    registry: 'artifactory',
    target: `${art.server.url}/artifactory`,
    repository: REPO,
    token: TOKEN,
    ...FAST
  })

  it('0.1.0 for a new skill; the same content again is unchanged at the latest; changed content is the next minor', async () => {
    const repo = unversionedRepo()
    const before = readFileSync(path.join(repo.dir, SKILL_FILE), 'utf8')

    const first = await runAction({ cwd: repo.dir, inputs: inputs() })
    expect(first.code).toBe(0)
    expect(resultOf(actionResults(first), 'pdf-tools')).toMatchObject({ status: 'published', version: '0.1.0', versionSource: 'registry' })
    expect(art.state.item(REPO, 'pdf-tools', '0.1.0')).toBeDefined()

    const again = await runAction({ cwd: repo.dir, inputs: inputs() })
    expect(again.code).toBe(0)
    const unchanged = resultOf(actionResults(again), 'pdf-tools')
    expect(unchanged).toMatchObject({ status: 'unchanged', version: '0.1.0' })
    expect(unchanged.messages.join('\n')).toMatch(/version: auto: the content is that of the latest version, 0\.1\.0/)
    expect(uploads(art.server)).toHaveLength(1)

    edit(repo)
    const next = await runAction({ cwd: repo.dir, inputs: inputs() })
    expect(next.code).toBe(0)
    expect(resultOf(actionResults(next), 'pdf-tools')).toMatchObject({ status: 'published', version: '0.2.0' })
    expect(readFileSync(path.join(repo.dir, SKILL_FILE), 'utf8')).toBe(before)
    expect(repo.git('status', '--porcelain', '--', 'skills')).toBe('')
  })

  it('the next minor after the greatest semver the repository holds (1.10.0 beats 1.9.0)', async () => {
    for (const version of ['1.9.0', '1.10.0'])
      art.state.seed(REPO, 'pdf-tools', version, [{ path: 'SKILL.md', data: Buffer.from(version) }])
    const run = await runAction({ cwd: unversionedRepo().dir, inputs: inputs() })
    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools')).toMatchObject({ status: 'published', version: '1.11.0' })
  })

  it('a skill that has its own version keeps it', async () => {
    const repo = createRepo({ [SKILL_FILE]: skillMd('pdf-tools', { metadata: '\n  version: "3.0.0"' }) })
    repo.commit('skills')
    const run = await runAction({ cwd: repo.dir, inputs: inputs() })
    expect(resultOf(actionResults(run), 'pdf-tools')).toMatchObject({ status: 'published', version: '3.0.0', versionSource: 'metadata' })
  })
})

describe('version: auto with the CLI', () => {
  it('a local folder: 0.1.0, then unchanged, then 0.2.0', async () => {
    const repo = unversionedRepo()
    const target = path.join(repo.dir, 'registry')
    const publish = async () =>
      cliJson((await runCli(['publish', '--version', 'auto', '--target', target, '--json'], { cwd: repo.dir })).stdout)
    expect(resultOf((await publish()).results, 'pdf-tools')).toMatchObject({ status: 'published', version: '0.1.0' })
    expect(resultOf((await publish()).results, 'pdf-tools')).toMatchObject({ status: 'unchanged', version: '0.1.0' })
    edit(repo)
    expect(resultOf((await publish()).results, 'pdf-tools')).toMatchObject({ status: 'published', version: '0.2.0' })
  })

  it('ClawHub: the latest version from the skill page, then unchanged', async () => {
    const { server } = await startClawHubServer()
    try {
      const repo = unversionedRepo()
      const flags = [
        '--registry',
        'clawhub',
        '--target',
        server.url,
        '--token',
        'clh_test_token',
        '--version',
        'auto',
        '--json',
        ...FAST_FLAGS
      ]
      const first = await runCli(['publish', ...flags], { cwd: repo.dir })
      expect(resultOf(cliJson(first.stdout).results, 'pdf-tools')).toMatchObject({ version: '0.1.0' })
      expect(first.code).toBe(0)
      const again = await runCli(['publish', ...flags], { cwd: repo.dir })
      expect(resultOf(cliJson(again.stdout).results, 'pdf-tools')).toMatchObject({ status: 'unchanged', version: '0.1.0' })
    } finally {
      await server.close()
    }
  })

  it('is for publishing only: another mode is a usage error naming it', async () => {
    const run = await runCli(['status', '--version', 'auto', '--target', 'registry'], { cwd: unversionedRepo().dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/Input 'version: auto' asks the registry for the version when publishing; mode is status/)
    const prebuilt = await runCli(['publish', '--version', 'auto', '--artifacts', 'dist', '--target', 'registry'], {
      cwd: unversionedRepo().dir
    })
    expect(prebuilt.code).toBe(2)
    expect(prebuilt.stderr).toMatch(/pre-built 'artifacts' carry their own version/)
  })
})
