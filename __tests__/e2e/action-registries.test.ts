// What holds for every registry the bundled action publishes to: the token is masked the moment
// it is read (and its derived forms), never appears in anything the run writes, and one skill's
// failure never stops the others.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { runAction, type ActionRun } from '../support/runner.js'
import { artifactPath, startArtifactoryServer, startClawHubServer, startFastSkillServer, type TestServer } from '../servers/index.js'
import {
  FAST,
  actionResults,
  createSkillsRepo,
  filesUnder,
  listOutput,
  maskedValues,
  resultOf,
  writtenWithoutMaskCommands
} from '../support/registry-runs.js'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

function track<T extends { server: TestServer }>(started: T): T {
  servers.push(started.server)
  return started
}

/** Everything the run left behind: runner files, stdout, stderr, the SARIF file and the artifacts folder. */
function everythingWritten(run: ActionRun, repoDir: string, sarifFile: string): string[] {
  return [
    writtenWithoutMaskCommands(run),
    ...filesUnder(path.join(repoDir, 'skillpub-artifacts')).map(({ bytes }) => bytes.toString('latin1')),
    readFileSync(sarifFile, 'utf8')
  ]
}

function expectMaskedFirst(run: ActionRun, secret: string): void {
  const lines = run.stdout.split('\n')
  const maskAt = lines.indexOf(`::add-mask::${secret}`)
  expect(maskAt).toBeGreaterThanOrEqual(0)
  // Nothing but other mask commands comes before it: the secret is masked before anything is logged.
  expect(lines.slice(0, maskAt).every((line) => line.startsWith('::add-mask::'))).toBe(true)
}

function expectNowhere(texts: string[], secret: string): void {
  for (const text of texts) expect(text.includes(secret)).toBe(false)
}

describe('token masking', () => {
  it('FastSkill: masks the JWT at once and writes it nowhere', async () => {
    const { server, state } = track(await startFastSkillServer())
    const token = state.token('acme/masking-check')
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const sarifFile = path.join(repo.dir, 'skills.sarif')
    const run = await runAction({
      cwd: repo.dir,
      // artifacts-dir keeps the zips in the repository (else a temporary folder), so that they are scanned too
      inputs: {
        mode: 'publish',
        registry: 'fastskill',
        target: server.url,
        token,
        'sarif-file': sarifFile,
        'artifacts-dir': 'skillpub-artifacts',
        ...FAST
      }
    })

    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([])
    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('accepted')
    expect(filesUnder(path.join(repo.dir, 'skillpub-artifacts')).length).toBeGreaterThan(0)
    expectMaskedFirst(run, token)
    expectNowhere(everythingWritten(run, repo.dir, sarifFile), token)
  })

  it('ClawHub: masks the token, also when the registry echoes it back in an error', async () => {
    const token = 'clh_Zq8mN3vX7pL2kR9w_masking'
    const { server } = track(await startClawHubServer({ tokens: { [token]: 'alice' } }))
    server.fault(
      { method: 'POST', path: '/api/v1/skills' },
      { kind: 'status', status: 401, body: `Unauthorized: token ${token} was revoked` }
    )
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const sarifFile = path.join(repo.dir, 'skills.sarif')
    const run = await runAction({
      cwd: repo.dir,
      inputs: { mode: 'publish', registry: 'clawhub', target: server.url, token, 'sarif-file': sarifFile, ...FAST }
    })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/revoked/)
    expectMaskedFirst(run, token)
    expectNowhere(everythingWritten(run, repo.dir, sarifFile), token)
  })

  it('ClawHub: masks a token taken from CLAWHUB_TOKEN', async () => {
    const token = 'clh_Envr0nment_T0ken_masking'
    const { server } = track(await startClawHubServer({ tokens: { [token]: 'alice' } }))
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({
      cwd: repo.dir,
      env: { CLAWHUB_TOKEN: token },
      inputs: { mode: 'publish', registry: 'clawhub', target: server.url, ...FAST }
    })

    expect(run.code).toBe(0)
    expect(maskedValues(run)).toContain(token)
    expectNowhere([writtenWithoutMaskCommands(run)], token)
  })

  it('Artifactory Basic auth: masks the token and the derived Basic string, and writes neither', async () => {
    const token = 'art_Pw4sQ9zX1cV8bN_masking'
    const username = 'ci-bot'
    const basic = Buffer.from(`${username}:${token}`).toString('base64')
    const { server } = track(
      await startArtifactoryServer({ tokens: [], users: { [username]: token }, xrayScript: ['SCAN_IN_PROGRESS', 'APPROVED'] })
    )
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const sarifFile = path.join(repo.dir, 'skills.sarif')
    const run = await runAction({
      cwd: repo.dir,
      inputs: {
        mode: 'publish',
        registry: 'artifactory',
        target: `${server.url}/artifactory`,
        repository: 'skills-local',
        username,
        token,
        'sarif-file': sarifFile,
        ...FAST
      }
    })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('approved')
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${basic}`)
    expectMaskedFirst(run, token)
    expect(maskedValues(run)).toContain(basic)
    for (const secret of [token, basic]) expectNowhere(everythingWritten(run, repo.dir, sarifFile), secret)
  })

  it('Artifactory: keeps the token out of a 401 answer that echoes the credentials', async () => {
    const token = 'art_Echo3dBack_masking'
    const { server } = track(await startArtifactoryServer({ tokens: [token] }))
    server.fault(
      {},
      {
        kind: 'status',
        status: 401,
        body: JSON.stringify({ errors: [{ status: 401, message: `Bad credentials: Bearer ${token}` }] }),
        times: Infinity
      }
    )
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({
      cwd: repo.dir,
      inputs: { mode: 'publish', registry: 'artifactory', target: `${server.url}/artifactory`, repository: 'skills-local', token, ...FAST }
    })

    expect(run.code).toBe(1)
    expect(resultOf(actionResults(run), 'pdf-tools').error).toMatch(/Bad credentials/)
    expectNowhere([writtenWithoutMaskCommands(run)], token)
  })
})

describe('one skill failing never stops the others', () => {
  it('ClawHub: publishes the clean skill and fails only the blocked one', async () => {
    const { server, state } = track(await startClawHubServer())
    state.setScanScript('pdf-tools', ['pending', 'malicious'])
    state.setScanScript('zip-tools', ['pending', 'clean'])
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '1.0.0' })
    const run = await runAction({
      cwd: repo.dir,
      inputs: { mode: 'publish', registry: 'clawhub', target: server.url, token: 'clh_test_token', ...FAST }
    })

    expect(run.code).toBe(1)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(listOutput(run, 'published')).toEqual(['zip-tools'])
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('blocked')
    expect(resultOf(actionResults(run), 'zip-tools').status).toBe('approved')
  })

  it('Artifactory: a skill whose deploy is refused does not stop the next one', async () => {
    const { server, state } = track(await startArtifactoryServer({ xrayScript: ['APPROVED'] }))
    server.fault(
      { method: 'PUT', path: `/artifactory/skills-local/${artifactPath('pdf-tools', '1.0.0')}` },
      {
        kind: 'status',
        status: 403,
        body: JSON.stringify({ errors: [{ status: 403, message: 'Not enough permissions to deploy pdf-tools' }] })
      }
    )
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '1.0.0' })
    const run = await runAction({
      cwd: repo.dir,
      inputs: {
        mode: 'publish',
        registry: 'artifactory',
        target: `${server.url}/artifactory`,
        repository: 'skills-local',
        token: 'art_test_token',
        concurrency: '1',
        ...FAST
      }
    })

    expect(run.code).toBe(1)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(listOutput(run, 'published')).toEqual(['zip-tools'])
    expect(resultOf(actionResults(run), 'pdf-tools').error).toMatch(/Not enough permissions/)
    expect(state.item('skills-local', 'zip-tools', '1.0.0')).toBeDefined()
  })
})
