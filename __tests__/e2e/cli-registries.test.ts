// The bundled skillpub command against the three loopback registries: the same jobs and outcomes
// as the action's tests, read from `--json` and the exit code, with tokens from flags or the
// environment variables other CI systems use.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../support/runner.js'
import { createExampleRepo } from '../support/repo.js'
import {
  artifactPath,
  startArtifactoryServer,
  startClawHubServer,
  startFastSkillServer,
  type ArtifactoryOptions,
  type ClawHubOptions,
  type FastSkillOptions,
  type TestServer
} from '../servers/index.js'
import { FAST_FLAGS, STACK_TRACE, cliJson, closedPort, createSkillsRepo, filesUnder, resultOf, uploads } from '../support/registry-runs.js'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function fastskill(options: FastSkillOptions = {}) {
  const started = await startFastSkillServer(options)
  servers.push(started.server)
  const token = started.state.token('acme/alice')
  return { ...started, token, flags: ['--registry', 'fastskill', '--target', started.server.url, '--token', token, ...FAST_FLAGS] }
}

async function clawhub(options: ClawHubOptions = {}) {
  const started = await startClawHubServer(options)
  servers.push(started.server)
  return { ...started, flags: ['--registry', 'clawhub', '--target', started.server.url, '--token', 'clh_test_token', ...FAST_FLAGS] }
}

async function artifactory(options: ArtifactoryOptions = {}) {
  const started = await startArtifactoryServer(options)
  servers.push(started.server)
  const where = [
    '--registry',
    'artifactory',
    '--target',
    `${started.server.url}/artifactory`,
    '--repository',
    'skills-local',
    ...FAST_FLAGS
  ]
  return { ...started, where, flags: [...where, '--token', 'art_test_token'] }
}

describe('the pull-request check', () => {
  it('validates only the skills changed since the base, exit 1 with file and line for a broken one', async () => {
    const repo = createExampleRepo()
    const base = repo.git('rev-parse', 'HEAD')
    const skillFile = 'skills/csv-summary/SKILL.md'
    const broken = repo
      .git('show', `HEAD:${skillFile}`)
      .replace('compatibility: Requires Python 3.9 or later.', `compatibility: ${'x'.repeat(600)}`)
    repo.write({ [skillFile]: `${broken}\n` })
    repo.commit('break csv-summary')

    const json = await runCli(['validate', '--since', base, '--json'], { cwd: repo.dir })
    expect(json.code).toBe(1)
    const report = cliJson(json.stdout)
    expect(report.changes?.changed).toEqual(['skills/csv-summary'])
    expect(report.results.map((result) => result.name)).toEqual(['csv-summary'])
    const diagnostic = resultOf(report.results, 'csv-summary').diagnostics.find((d) => d.severity === 'error')
    expect(diagnostic).toMatchObject({ file: skillFile, line: 5 })

    const github = await runCli(['validate', '--since', base, '--format', 'github'], { cwd: repo.dir })
    expect(github.code).toBe(1)
    expect(github.stdout).toMatch(/^::error [^:]*file=skills\/csv-summary\/SKILL\.md,line=5,/m)
  })
})

describe('the tag publish (CI systems pass the tag as --version)', () => {
  it('publishes to FastSkill with the given version, job accepted', async () => {
    const registry = await fastskill()
    const repo = createSkillsRepo({ 'pdf-tools': '1.2.3' })
    const run = await runCli(['publish', '--version', '1.2.3', '--json', ...registry.flags], { cwd: repo.dir })

    expect(run.code).toBe(0)
    expect(resultOf(cliJson(run.stdout).results, 'pdf-tools')).toMatchObject({
      status: 'accepted',
      version: '1.2.3',
      versionSource: 'input',
      jobId: expect.stringMatching(/^job_/)
    })
    expect(registry.state.skills.get('acme/pdf-tools')?.has('1.2.3')).toBe(true)
  })

  it('takes the server and token from FASTSKILL_API_URL and FASTSKILL_API_TOKEN', async () => {
    const registry = await fastskill()
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runCli(['publish', '--registry', 'fastskill', '--json', ...FAST_FLAGS], {
      cwd: repo.dir,
      env: { FASTSKILL_API_URL: registry.server.url, FASTSKILL_API_TOKEN: registry.token }
    })

    expect(run.code).toBe(0)
    expect(resultOf(cliJson(run.stdout).results, 'pdf-tools').status).toBe('accepted')
    expect(uploads(registry.server)[0]!.headers.authorization).toBe(`Bearer ${registry.token}`)
  })
})

describe('FastSkill through the CLI', () => {
  it('uploads nothing when validation fails', async () => {
    const registry = await fastskill()
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    repo.write({ 'skills/pdf-tools/SKILL.md': '---\nname: PDF_Tools\ndescription: Broken.\nmetadata:\n  version: "1.0.0"\n---\n' })
    const run = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })

    expect(run.code).toBe(1)
    expect(cliJson(run.stdout).results[0]!.status).toBe('invalid')
    expect(registry.server.requests).toEqual([])
  })

  it('the same version with other bytes fails before any upload, naming both checksums', async () => {
    const registry = await fastskill()
    registry.state.seed('acme/pdf-tools', '1.0.0', Buffer.from('other bytes'))
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })

    expect(run.code).toBe(1)
    const result = resultOf(cliJson(run.stdout).results, 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(
      /with different content \(registry: sha256 [0-9a-f]{64}; ours: sha256 [0-9a-f]{64}\)\. Versions are immutable: bump the version/
    )
    expect(uploads(registry.server)).toEqual([])
  })

  it('a re-run of the same commit is unchanged: the index shows the same checksum, nothing is uploaded', async () => {
    const registry = await fastskill({ pollsPerStep: 0 })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'csv-tools': '2.0.0' })
    const first = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })
    expect(first.code).toBe(0)
    expect(cliJson(first.stdout).results.map((r) => r.status)).toEqual(['accepted', 'accepted'])
    expect(uploads(registry.server)).toHaveLength(2)

    const again = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })
    expect(again.code).toBe(0)
    expect(cliJson(again.stdout).results.map((r) => r.status)).toEqual(['unchanged', 'unchanged'])
    expect(uploads(registry.server)).toHaveLength(2)
  })

  it('times out a job that never finishes', async () => {
    const registry = await fastskill({ pollsPerStep: 'never' })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runCli(['publish', '--json', ...registry.flags, '--max-wait', '1'], { cwd: repo.dir })

    expect(run.code).toBe(1)
    expect(resultOf(cliJson(run.stdout).results, 'pdf-tools').status).toBe('timed-out')
  })

  it('fails clearly, without a stack trace, when the registry is down', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const target = await closedPort()
    const run = await runCli(['publish', '--registry', 'fastskill', '--target', target, '--token', 'x.y.z', '--json', ...FAST_FLAGS], {
      cwd: repo.dir
    })

    expect(run.code).toBe(1)
    const result = resultOf(cliJson(run.stdout).results, 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/connection refused/)
    expect(run.stderr).not.toMatch(STACK_TRACE)
    expect(run.stdout).not.toMatch(STACK_TRACE)
  })

  it('retries a 429 with Retry-After and a 503, then publishes once', async () => {
    const registry = await fastskill()
    registry.server.fault({ method: 'POST' }, { kind: 'rate-limit', retryAfterSeconds: 1 })
    registry.server.fault({ method: 'GET', path: /\/status\// }, { kind: 'status', status: 503 })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })

    expect(run.code).toBe(0)
    expect(resultOf(cliJson(run.stdout).results, 'pdf-tools').status).toBe('accepted')
    expect(registry.state.jobs.size).toBe(1)
    expect(run.stderr).toMatch(/as the server asked/)
  })

  it('keeps going after one skill fails: exit 1, the other accepted', async () => {
    const registry = await fastskill({ index: false })
    registry.state.seed('acme/pdf-tools', '1.0.0')
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '1.0.0' })
    const run = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })

    expect(run.code).toBe(1)
    const results = cliJson(run.stdout).results
    expect(resultOf(results, 'pdf-tools').status).toBe('rejected')
    expect(resultOf(results, 'zip-tools').status).toBe('accepted')
  })
})

describe('ClawHub through the CLI', () => {
  it('publishes and waits for a clean scan: approved; a re-run is unchanged and uploads nothing', async () => {
    const registry = await clawhub({ pollsUntilPublic: 1, scanScript: ['pending', 'clean'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const first = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })
    expect(first.code).toBe(0)
    expect(resultOf(cliJson(first.stdout).results, 'pdf-tools')).toMatchObject({ status: 'approved', scan: 'clean' })

    const second = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })
    expect(second.code).toBe(0)
    expect(resultOf(cliJson(second.stdout).results, 'pdf-tools').status).toBe('unchanged')
    expect(uploads(registry.server)).toHaveLength(1)
  })

  it('uploads nothing when validation fails', async () => {
    const registry = await clawhub()
    const repo = createSkillsRepo({ api: '1.0.0' })
    const run = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })

    expect(run.code).toBe(1)
    expect(resultOf(cliJson(run.stdout).results, 'api').status).toBe('invalid')
    expect(uploads(registry.server)).toEqual([])
  })

  it('content already held under an older version: unchanged, stored as it, in the results; the status gate follows it', async () => {
    const registry = await clawhub()
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const first = await runCli(['publish', 'skills/pdf-tools', '--json', '--version', '1.2.0', ...registry.flags], { cwd: repo.dir })
    expect(resultOf(cliJson(first.stdout).results, 'pdf-tools').status).toBe('approved')

    const again = await runCli(['publish', 'skills/pdf-tools', '--json', '--version', '1.3.0', ...registry.flags], { cwd: repo.dir })
    expect(again.code).toBe(0)
    const unchanged = resultOf(cliJson(again.stdout).results, 'pdf-tools')
    expect(unchanged).toMatchObject({ status: 'unchanged', version: '1.3.0', storedAs: '1.2.0' })
    expect(unchanged.messages).toEqual([expect.stringMatching(/^Unchanged, stored as 1\.2\.0/)])
    expect(uploads(registry.server)).toHaveLength(1)

    const gate = await runCli(['status', 'skills/pdf-tools', '--json', '--version', '1.3.0', ...registry.flags], { cwd: repo.dir })
    expect(gate.code).toBe(0)
    expect(resultOf(cliJson(gate.stdout).results, 'pdf-tools')).toMatchObject({ status: 'approved', storedAs: '1.2.0' })
    // Content ClawHub does not hold is still "not in" the registry.
    repo.write({ 'skills/pdf-tools/references/guide.md': 'changed\n' })
    const other = await runCli(['status', 'skills/pdf-tools', '--json', '--version', '1.3.0', ...registry.flags], { cwd: repo.dir })
    expect(other.code).toBe(1)
  })

  it('fails on a taken slug with the stripped message', async () => {
    const registry = await clawhub({ convexWrappers: true })
    registry.state.seed({ slug: 'pdf-tools', ownerHandle: 'bob', version: '0.1.0' })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })

    expect(run.code).toBe(1)
    const result = resultOf(cliJson(run.stdout).results, 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toContain('Slug is already taken. Choose a different slug.')
    expect(result.error).not.toMatch(/CONVEX|Request ID|ConvexError/)
  })

  it('blocks a malicious scan and times out a scan that never ends', async () => {
    const registry = await clawhub()
    registry.state.setScanScript('pdf-tools', ['pending', 'malicious'])
    registry.state.setScanScript('zip-tools', ['pending'])
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '1.0.0' })
    const run = await runCli(['publish', '--json', ...registry.flags, '--max-wait', '1'], { cwd: repo.dir })

    expect(run.code).toBe(1)
    const results = cliJson(run.stdout).results
    expect(resultOf(results, 'pdf-tools')).toMatchObject({ status: 'blocked', scan: 'malicious' })
    expect(resultOf(results, 'zip-tools').status).toBe('timed-out')
  })

  it('fails clearly when the registry is down', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runCli(
      ['publish', '--registry', 'clawhub', '--target', await closedPort(), '--token', 'clh_x', '--json', ...FAST_FLAGS],
      { cwd: repo.dir }
    )

    expect(run.code).toBe(1)
    expect(resultOf(cliJson(run.stdout).results, 'pdf-tools').error).toMatch(/connection refused/)
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })
})

describe('Artifactory through the CLI', () => {
  it('runs the merge gate: pre-release approved after a scan in progress, then deleted', async () => {
    const registry = await artifactory({ xrayScript: ['SCAN_IN_PROGRESS', 'APPROVED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runCli(
      ['publish', '--json', ...registry.flags, '--prerelease', 'pr.42.abc1234', '--on-scan-timeout', 'fail', '--cleanup', 'delete'],
      { cwd: repo.dir }
    )

    expect(run.code).toBe(0)
    expect(resultOf(cliJson(run.stdout).results, 'pdf-tools')).toMatchObject({ status: 'approved', version: '1.0.0-pr.42.abc1234' })
    expect(registry.server.requests.filter((req) => req.method === 'DELETE').map((req) => req.path)).toEqual([
      '/artifactory/skills-local/pdf-tools/1.0.0-pr.42.abc1234/'
    ])
  })

  it('fails a blocked scan, and a stuck scan unless on-scan-timeout is pass', async () => {
    const registry = await artifactory()
    registry.state.setXrayScript(artifactPath('pdf-tools', '1.0.0'), ['SCAN_IN_PROGRESS', 'BLOCKED'])
    registry.state.setXrayScript(artifactPath('zip-tools', '1.0.0'), ['SCAN_IN_PROGRESS'])
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '1.0.0' })
    const run = await runCli(['publish', '--json', ...registry.flags, '--max-wait', '1'], { cwd: repo.dir })

    expect(run.code).toBe(1)
    const results = cliJson(run.stdout).results
    expect(resultOf(results, 'pdf-tools')).toMatchObject({ status: 'blocked', scan: 'BLOCKED' })
    expect(resultOf(results, 'pdf-tools').error).toMatch(/against policy/)
    expect(resultOf(results, 'zip-tools').status).toBe('timed-out')

    const gate = await runCli(['status', 'skills/zip-tools', '--json', ...registry.flags, '--max-wait', '1', '--on-scan-timeout', 'pass'], {
      cwd: repo.dir
    })
    expect(gate.code).toBe(0)
    expect(resultOf(cliJson(gate.stdout).results, 'zip-tools').status).toBe('published')
  })

  it('status passes for an approved version and fails for a blocked or missing one', async () => {
    const registry = await artifactory()
    const files = [{ path: 'SKILL.md', data: Buffer.from('---\nname: x\n---\n') }]
    registry.state.seed('skills-local', 'pdf-tools', '1.0.0', files)
    registry.state.seed('skills-local', 'zip-tools', '1.0.0', files)
    registry.state.setXrayScript(artifactPath('pdf-tools', '1.0.0'), ['APPROVED'])
    registry.state.setXrayScript(artifactPath('zip-tools', '1.0.0'), ['BLOCKED'])
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '1.0.0', 'doc-tools': '1.0.0' })

    const approved = await runCli(['status', 'skills/pdf-tools', '--json', ...registry.flags], { cwd: repo.dir })
    expect(approved.code).toBe(0)
    expect(resultOf(cliJson(approved.stdout).results, 'pdf-tools').status).toBe('approved')
    const blocked = await runCli(['status', 'skills/zip-tools', '--json', ...registry.flags], { cwd: repo.dir })
    expect(blocked.code).toBe(1)
    expect(resultOf(cliJson(blocked.stdout).results, 'zip-tools').status).toBe('blocked')
    const missing = await runCli(['status', 'skills/doc-tools', '--json', ...registry.flags], { cwd: repo.dir })
    expect(missing.code).toBe(1)
    expect(resultOf(cliJson(missing.stdout).results, 'doc-tools').error).toMatch(/is not in/)
    expect(uploads(registry.server)).toEqual([])
  })

  it('says no scan ran without Xray, and a re-run with the same fingerprint is unchanged', async () => {
    const registry = await artifactory()
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const first = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })
    expect(first.code).toBe(0)
    const published = resultOf(cliJson(first.stdout).results, 'pdf-tools')
    expect(published.status).toBe('published')
    expect(published.messages.join('\n')).toMatch(/no scan ran/)

    const second = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })
    expect(second.code).toBe(0)
    expect(resultOf(cliJson(second.stdout).results, 'pdf-tools').status).toBe('unchanged')
    expect(uploads(registry.server)).toHaveLength(1)
  })

  it('deploys nothing when validation fails, and retries a 429 and a 503', async () => {
    const registry = await artifactory({ xrayScript: ['APPROVED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'bad-tools': '1.0.0' })
    repo.write({ 'skills/bad-tools/SKILL.md': '---\nname: bad-tools\nmetadata:\n  version: "1.0.0"\n---\n' })
    registry.server.fault({ method: 'PUT' }, { kind: 'rate-limit', retryAfterSeconds: 1 })
    registry.server.fault({ method: 'GET', path: /xrayStatus/ }, { kind: 'status', status: 503 })
    const run = await runCli(['publish', '--json', ...registry.flags], { cwd: repo.dir })

    expect(run.code).toBe(1)
    const results = cliJson(run.stdout).results
    expect(resultOf(results, 'bad-tools').status).toBe('invalid')
    expect(resultOf(results, 'pdf-tools').status).toBe('approved')
    expect(uploads(registry.server).map((req) => req.path)).toEqual([
      `/artifactory/skills-local/${artifactPath('pdf-tools', '1.0.0')}`,
      `/artifactory/skills-local/${artifactPath('pdf-tools', '1.0.0')}`
    ])
  })

  it('fails clearly when the registry is down', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const target = `${await closedPort()}/artifactory`
    const run = await runCli(
      [
        'publish',
        '--registry',
        'artifactory',
        '--target',
        target,
        '--repository',
        'skills-local',
        '--token',
        't0k3n',
        '--json',
        ...FAST_FLAGS
      ],
      { cwd: repo.dir }
    )

    expect(run.code).toBe(1)
    expect(resultOf(cliJson(run.stdout).results, 'pdf-tools').error).toMatch(/connection refused/)
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })
})

describe('tokens never appear in what the CLI writes', () => {
  it('FastSkill, ClawHub and Artifactory (Basic): nothing on stdout, stderr, in --output or the artifacts', async () => {
    const fs = await fastskill()
    const fsToken = fs.state.token('acme/cli-masking')
    const chToken = 'clh_CliM4sk1ng_secret'
    const ch = await clawhub({ tokens: { [chToken]: 'alice' } })
    const artToken = 'art_CliM4sk1ng_secret'
    const art = await artifactory({ tokens: [], users: { 'ci-bot': artToken } })
    const basic = Buffer.from(`ci-bot:${artToken}`).toString('base64')
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    // The registries echo the tokens back in an error, the worst case for a log.
    ch.server.fault({ method: 'POST' }, { kind: 'status', status: 401, body: `token ${chToken} is revoked` })

    const runs = [
      await runCli(
        [
          'publish',
          '--registry',
          'fastskill',
          '--target',
          fs.server.url,
          '--token',
          fsToken,
          ...FAST_FLAGS,
          // kept in the repository (a publish packages into a temporary folder otherwise), so the scan below reads the zips
          '--artifacts-dir',
          'skillpub-artifacts',
          '--json',
          '--output',
          'fs.json'
        ],
        { cwd: repo.dir }
      ),
      await runCli(['publish', '--registry', 'clawhub', '--target', ch.server.url, ...FAST_FLAGS, '--verbose'], {
        cwd: repo.dir,
        env: { CLAWHUB_TOKEN: chToken }
      }),
      await runCli(['publish', ...art.where, '--username', 'ci-bot', '--verbose', '--format', 'github'], {
        cwd: repo.dir,
        env: { ARTIFACTORY_TOKEN: artToken }
      })
    ]
    expect(runs.map((run) => run.code)).toEqual([0, 1, 0])
    expect(runs[1]!.stdout).toMatch(/revoked/)
    expect(uploads(art.server)[0]!.headers.authorization).toBe(`Basic ${basic}`)

    const written = [
      ...runs.flatMap((run) => [run.stdout, run.stderr]),
      readFileSync(path.join(repo.dir, 'fs.json'), 'utf8'),
      ...filesUnder(path.join(repo.dir, 'skillpub-artifacts')).map(({ bytes }) => bytes.toString('latin1'))
    ]
    for (const secret of [fsToken, chToken, artToken, basic]) {
      for (const text of written) expect(text.includes(secret)).toBe(false)
    }
  })
})
