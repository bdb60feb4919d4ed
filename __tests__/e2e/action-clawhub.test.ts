// The bundled action against the loopback ClawHub registry: publish and wait for the version to
// be public and scanned, refusals in ClawHub's words, scans that block or never end, faults,
// a registry that is down, and a re-run that uploads nothing.
import { runAction } from '../support/runner.js'
import { startClawHubServer, type ClawHubOptions, type ClawHubServer } from '../servers/index.js'
import { FAST, STACK_TRACE, actionResults, closedPort, createSkillsRepo, listOutput, resultOf, uploads } from '../support/registry-runs.js'

const TOKEN = 'clh_test_token'

let clawhub: ClawHubServer

async function restart(options: ClawHubOptions): Promise<void> {
  await clawhub.server.close()
  clawhub = await startClawHubServer(options)
}

beforeEach(async () => {
  clawhub = await startClawHubServer()
})
afterEach(() => clawhub.server.close())

const publishInputs = () => ({ mode: 'publish', registry: 'clawhub', target: clawhub.server.url, token: TOKEN, ...FAST })

describe('ClawHub publish', () => {
  it('publishes, waits for the version to be public and its scan clean: approved', async () => {
    await restart({ pollsUntilPublic: 1, scanScript: ['pending', 'clean'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result).toMatchObject({ status: 'approved', registry: 'clawhub', version: '1.0.0', scan: 'clean' })
    expect(result.url).toBe(`${clawhub.server.url}/skills/pdf-tools`)
    expect(listOutput(run, 'published')).toEqual(['pdf-tools'])
    expect(listOutput(run, 'failed')).toEqual([])
    expect(uploads(clawhub.server)).toHaveLength(1)
    const stored = clawhub.state.skills.get('pdf-tools')?.versions.get('1.0.0')
    expect(stored?.files.map((file) => file.path).sort()).toEqual(['SKILL.md', 'references/guide.md'])
    expect(run.summary).toContain('approved')
    expect(run.summary).toContain('clean')
  })

  it('uploads nothing when validation fails', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    repo.write({
      'skills/pdf-tools/SKILL.md': '---\nname: pdf-tools\ndescription: Reads PDFs.\nmetadata:\n  version: "not-a-version"\n---\n\n# PDF\n'
    })
    repo.commit('bad version')
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    expect(run.outputs.valid).toBe('false')
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('invalid')
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(uploads(clawhub.server)).toEqual([])
    expect(clawhub.state.skills.size).toBe(0)
  })

  it('fails on "slug is already taken" with the message stripped of Convex wrappers', async () => {
    await restart({ convexWrappers: true })
    clawhub.state.seed({ slug: 'pdf-tools', ownerHandle: 'bob', version: '0.1.0' })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toContain('Slug is already taken. Choose a different slug. Existing skill: /bob/pdf-tools')
    expect(result.error).not.toMatch(/CONVEX|Request ID|Uncaught|ConvexError|Server Error/)
    expect(run.summary).toContain('Slug is already taken')
    expect(run.summary).not.toMatch(/CONVEX|Request ID/)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(uploads(clawhub.server)).toHaveLength(1)
    expect(clawhub.state.skills.get('pdf-tools')?.versions.has('1.0.0')).toBe(false)
  })

  it('fails on "version already exists" (a version published meanwhile) with the stripped message', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    // The version lands between skillpub's lookup and its upload: only the 400 can say so.
    const wrapped =
      '[CONVEX M(skills:publishVersion)] [Request ID: 0123abcd] Server Error Uncaught ConvexError: Version 1.0.0 already exists. Increment the version number and try again.'
    clawhub.server.fault(
      { method: 'POST', path: '/api/v1/skills' },
      { kind: 'status', status: 400, body: wrapped, headers: { 'content-type': 'text/plain; charset=utf-8' } }
    )
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toContain('Version 1.0.0 already exists. Increment the version number and try again')
    expect(result.error).not.toMatch(/CONVEX|Request ID|Uncaught|ConvexError|Server Error/)
    expect(run.summary).toContain('Version 1.0.0 already exists')
    // A 400 is final: not sent again.
    expect(uploads(clawhub.server)).toHaveLength(1)
  })

  it('refuses a version that holds other content without uploading, and says to bump it', async () => {
    clawhub.state.seed({ slug: 'pdf-tools', ownerHandle: 'alice', version: '1.0.0' })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/already in .* with different content/)
    expect(result.error).toMatch(/bump the version/)
    expect(uploads(clawhub.server)).toEqual([])
  })

  it('blocks a skill the scan finds malicious', async () => {
    await restart({ scanScript: ['pending', 'malicious'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result).toMatchObject({ status: 'blocked', scan: 'malicious' })
    expect(result.error).toMatch(/malicious/)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(listOutput(run, 'published')).toEqual([])
    expect(run.summary).toContain('blocked')
  })

  it('blocks a suspicious scan unless allow-suspicious', async () => {
    await restart({ scanScript: ['suspicious'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '1.0.0' })
    const blocked = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), paths: 'skills/pdf-tools' } })
    expect(blocked.code).toBe(1)
    expect(resultOf(actionResults(blocked), 'pdf-tools').status).toBe('blocked')

    const allowed = await runAction({
      cwd: repo.dir,
      inputs: { ...publishInputs(), paths: 'skills/zip-tools', 'allow-suspicious': 'true' }
    })
    expect(allowed.code).toBe(0)
    expect(resultOf(actionResults(allowed), 'zip-tools')).toMatchObject({ status: 'approved', scan: 'suspicious' })
  })

  it('times out a scan that never ends (exit 1), and passes it with on-scan-timeout: pass', async () => {
    await restart({ scanScript: ['pending'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '1.0.0' })
    const failing = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), paths: 'skills/pdf-tools', 'max-wait': '1' } })
    expect(failing.code).toBe(1)
    const timedOut = resultOf(actionResults(failing), 'pdf-tools')
    expect(timedOut.status).toBe('timed-out')
    expect(timedOut.error).toMatch(/No verdict after 1 s \(last state: pending\)/)
    expect(listOutput(failing, 'failed')).toEqual(['pdf-tools'])

    const passing = await runAction({
      cwd: repo.dir,
      inputs: { ...publishInputs(), paths: 'skills/zip-tools', 'max-wait': '1', 'on-scan-timeout': 'pass' }
    })
    expect(passing.code).toBe(0)
    const passed = resultOf(actionResults(passing), 'zip-tools')
    expect(passed.status).toBe('published')
    expect(passed.messages.join('\n')).toMatch(/on-scan-timeout is pass/)
  })

  it('reports unchanged and uploads nothing on a re-run with the same content', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const first = await runAction({ cwd: repo.dir, inputs: publishInputs() })
    expect(first.code).toBe(0)
    expect(uploads(clawhub.server)).toHaveLength(1)

    const second = await runAction({ cwd: repo.dir, inputs: publishInputs() })
    expect(second.code).toBe(0)
    expect(resultOf(actionResults(second), 'pdf-tools').status).toBe('unchanged')
    expect(listOutput(second, 'published')).toEqual([])
    expect(listOutput(second, 'failed')).toEqual([])
    expect(uploads(clawhub.server)).toHaveLength(1)
  })

  it('fails with a clear message and no stack trace when the registry is down', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), target: await closedPort() } })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/connection refused/)
    expect(run.summary).toContain('connection refused')
    expect(run.stdout).not.toMatch(STACK_TRACE)
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })

  it('waits out a 429 with Retry-After on the upload, then publishes once', async () => {
    clawhub.server.fault({ method: 'POST', path: '/api/v1/skills' }, { kind: 'rate-limit', retryAfterSeconds: 1 })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('approved')
    expect(uploads(clawhub.server)).toHaveLength(2)
    expect(clawhub.state.skills.get('pdf-tools')?.versions.size).toBe(1)
    expect(run.stdout).toMatch(/as the server asked/)
  })

  it('retries a 503 on the scan poll and still reaches the verdict', async () => {
    clawhub.server.fault(
      { method: 'GET', path: '/api/v1/skills/pdf-tools/scan' },
      { kind: 'status', status: 503, body: 'Service Unavailable' }
    )
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('approved')
    expect(clawhub.server.requests.filter((req) => req.path.endsWith('/scan')).length).toBeGreaterThanOrEqual(2)
    expect(uploads(clawhub.server)).toHaveLength(1)
  })

  it('retries a 503 on the upload (not processed), then publishes once', async () => {
    clawhub.server.fault({ method: 'POST', path: '/api/v1/skills' }, { kind: 'status', status: 503, body: 'Service Unavailable' })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('approved')
    expect(uploads(clawhub.server)).toHaveLength(2)
    expect(clawhub.state.skills.get('pdf-tools')?.versions.size).toBe(1)
  })
})
