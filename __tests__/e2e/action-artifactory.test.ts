// The bundled action against the loopback Artifactory with Xray: the merge gate (pre-releases
// published to a scratch repository, judged by Xray, then deleted), `mode: status`, the no-scan
// answers, faults, a registry that is down, and a re-run that deploys nothing.
import { generateKeyPairSync } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { runAction } from '../support/runner.js'
import { artifactPath, startArtifactoryServer, type ArtifactoryOptions, type ArtifactoryServer } from '../servers/index.js'
import { FAST, STACK_TRACE, actionResults, closedPort, createSkillsRepo, listOutput, resultOf, uploads } from '../support/registry-runs.js'

const TOKEN = 'art_test_token'
const REPO = 'skills-local'

let artifactory: ArtifactoryServer

async function restart(options: ArtifactoryOptions): Promise<void> {
  await artifactory.server.close()
  artifactory = await startArtifactoryServer(options)
}

beforeEach(async () => {
  artifactory = await startArtifactoryServer()
})
afterEach(() => artifactory.server.close())

const artifactoryInputs = () => ({
  registry: 'artifactory',
  target: `${artifactory.server.url}/artifactory`,
  repository: REPO,
  token: TOKEN,
  ...FAST
})
const publishInputs = () => ({ mode: 'publish', ...artifactoryInputs() })

/** The pull request the merge gate runs for, with its range in the temp repository. */
function pullRequest(
  repo: { git(...args: string[]): string; write(files: Record<string, string>): void; commit(message: string): string },
  skill: string
) {
  const base = repo.git('rev-parse', 'HEAD')
  repo.write({ [`skills/${skill}/references/more.md`]: '# More\n' })
  const head = repo.commit(`edit ${skill}`)
  return { eventName: 'pull_request', payload: { number: 42, pull_request: { number: 42, base: { sha: base }, head: { sha: head } } } }
}

const PRERELEASE = 'pr.42.abc1234'
const GATE = { prerelease: PRERELEASE, 'on-scan-timeout': 'fail', cleanup: 'delete' }

describe('merge gate: pre-release to Artifactory, judged by Xray', () => {
  it('passes when Xray approves after a scan in progress, then deletes the pre-release', async () => {
    await restart({ xrayScript: ['SCAN_IN_PROGRESS', 'SCAN_IN_PROGRESS', 'APPROVED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '2.0.0' })
    const event = pullRequest(repo, 'pdf-tools')
    const run = await runAction({ cwd: repo.dir, ...event, inputs: { ...publishInputs(), ...GATE } })

    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(listOutput(run, 'changed')).toEqual(['skills/pdf-tools'])
    const version = `1.0.0-${PRERELEASE}`
    expect(actionResults(run)).toEqual([expect.objectContaining({ name: 'pdf-tools', status: 'approved', version, scan: 'APPROVED' })])
    expect(listOutput(run, 'published')).toEqual(['pdf-tools'])
    const deploys = uploads(artifactory.server)
    expect(deploys.map((req) => req.path)).toEqual([`/artifactory/${REPO}/${artifactPath('pdf-tools', version)}`])
    const deletes = artifactory.server.requests.filter((req) => req.method === 'DELETE')
    expect(deletes.map((req) => req.path)).toEqual([`/artifactory/${REPO}/pdf-tools/${version}/`])
    expect(artifactory.state.item(REPO, 'pdf-tools', version)).toBeUndefined()
    expect(resultOf(actionResults(run), 'pdf-tools').messages.join('\n')).toMatch(/Removed/)
  })

  it('fails when Xray blocks, with the reason in results and summary', async () => {
    await restart({ xrayScript: ['SCAN_IN_PROGRESS', 'BLOCKED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const event = pullRequest(repo, 'pdf-tools')
    const run = await runAction({ cwd: repo.dir, ...event, inputs: { ...publishInputs(), ...GATE } })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result).toMatchObject({ status: 'blocked', scan: 'BLOCKED' })
    expect(result.error).toMatch(/BLOCKED/)
    expect(result.error).toMatch(/against policy/)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(listOutput(run, 'published')).toEqual([])
    expect(run.summary).toContain('blocked')
    expect(run.summary).toContain('against policy')
    expect(run.stdout).toMatch(/^::error::.*pdf-tools: blocked/m)
    // Judged, so the pre-release goes too.
    expect(artifactory.server.requests.filter((req) => req.method === 'DELETE')).toHaveLength(1)
    expect(artifactory.state.item(REPO, 'pdf-tools', `1.0.0-${PRERELEASE}`)).toBeUndefined()
  })

  it('times out a scan stuck in progress with on-scan-timeout: fail (exit 1), and keeps the unjudged pre-release', async () => {
    await restart({ xrayScript: ['SCAN_IN_PROGRESS'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const event = pullRequest(repo, 'pdf-tools')
    const run = await runAction({ cwd: repo.dir, ...event, inputs: { ...publishInputs(), ...GATE, 'max-wait': '1' } })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('timed-out')
    expect(result.error).toMatch(/No verdict after 1 s \(last state: SCAN_IN_PROGRESS\)/)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(artifactory.server.requests.filter((req) => req.method === 'DELETE')).toEqual([])
  })

  it('passes a scan stuck in progress with on-scan-timeout: pass', async () => {
    await restart({ xrayScript: ['SCAN_IN_PROGRESS'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const event = pullRequest(repo, 'pdf-tools')
    const run = await runAction({
      cwd: repo.dir,
      ...event,
      inputs: { ...publishInputs(), ...GATE, 'max-wait': '1', 'on-scan-timeout': 'pass' }
    })

    expect(run.code).toBe(0)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('published')
    expect(result.messages.join('\n')).toMatch(/on-scan-timeout is pass/)
    expect(listOutput(run, 'failed')).toEqual([])
  })
})

describe('merge gate without publishing (mode: status)', () => {
  const seed = (version: string) =>
    artifactory.state.seed(REPO, 'pdf-tools', version, [{ path: 'SKILL.md', data: Buffer.from('---\nname: pdf-tools\n---\n') }])

  it('passes for a version Xray approved, and publishes nothing', async () => {
    seed('1.0.0')
    artifactory.state.setXrayScript(artifactPath('pdf-tools', '1.0.0'), ['APPROVED'])
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'status', ...artifactoryInputs() } })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools')).toMatchObject({ status: 'approved', scan: 'APPROVED', version: '1.0.0' })
    expect(uploads(artifactory.server)).toEqual([])
    expect(artifactory.server.requests.filter((req) => req.method !== 'GET')).toEqual([])
  })

  it('fails for a version Xray blocked', async () => {
    seed('1.0.0')
    artifactory.state.setXrayScript(artifactPath('pdf-tools', '1.0.0'), ['BLOCKED'])
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'status', ...artifactoryInputs() } })

    expect(run.code).toBe(1)
    expect(resultOf(actionResults(run), 'pdf-tools')).toMatchObject({ status: 'blocked', scan: 'BLOCKED' })
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
  })

  it('fails for a version that is not in the repository, saying so', async () => {
    seed('0.9.0')
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'status', ...artifactoryInputs() } })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/pdf-tools 1\.0\.0 is not in/)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
  })

  it('fails for a skill the repository has never seen', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { mode: 'status', ...artifactoryInputs() } })

    expect(run.code).toBe(1)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('failed')
  })
})

describe('Artifactory publish', () => {
  it('deploys and reports that no scan ran when Xray is not entitled', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(0)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result).toMatchObject({ status: 'published', scan: 'NOT_IN_ENTITLEMENT' })
    expect(result.messages.join('\n')).toMatch(/no scan ran/)
    expect(run.summary).toContain('no scan ran')
    expect(listOutput(run, 'published')).toEqual(['pdf-tools'])
    const item = artifactory.state.item(REPO, 'pdf-tools', '1.0.0')
    expect(item?.files.map((file) => file.path).sort()).toEqual(['SKILL.md', 'references/guide.md'])
    expect(item?.checksums.sha256).toBe(result.sha256)
  })

  it('publishes with Basic auth (username + token)', async () => {
    await restart({ users: { 'ci-bot': TOKEN }, xrayScript: ['APPROVED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), username: 'ci-bot' } })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('approved')
    expect(uploads(artifactory.server)[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`ci-bot:${TOKEN}`).toString('base64')}`)
  })

  it('deploys nothing when validation fails', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    repo.write({ 'skills/pdf-tools/SKILL.md': '---\nname: pdf-tools\nmetadata:\n  version: "1.0.0"\n---\n\n# No description\n' })
    repo.commit('drop the description')
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('invalid')
    expect(uploads(artifactory.server)).toEqual([])
    expect(artifactory.state.repos.get(REPO)?.size).toBe(0)
  })

  it('fails a blocked version and deletes it with delete-on-blocked', async () => {
    await restart({ xrayScript: ['BLOCKED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), 'delete-on-blocked': 'true' } })

    expect(run.code).toBe(1)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('blocked')
    expect(artifactory.server.requests.filter((req) => req.method === 'DELETE')).toHaveLength(1)
    expect(artifactory.state.item(REPO, 'pdf-tools', '1.0.0')).toBeUndefined()
  })

  it('reports unchanged and deploys nothing on a re-run with the same content', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const first = await runAction({ cwd: repo.dir, inputs: publishInputs() })
    expect(first.code).toBe(0)
    expect(uploads(artifactory.server)).toHaveLength(1)

    const second = await runAction({ cwd: repo.dir, inputs: publishInputs() })
    expect(second.code).toBe(0)
    expect(resultOf(actionResults(second), 'pdf-tools').status).toBe('unchanged')
    expect(listOutput(second, 'published')).toEqual([])
    expect(uploads(artifactory.server)).toHaveLength(1)
  })

  it('reports unchanged on a re-run through the REST API when the server fingerprints files', async () => {
    await restart({ fingerprint: 'files' })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const inputs = { ...publishInputs(), 'upload-method': 'rest' }
    const first = await runAction({ cwd: repo.dir, inputs })
    expect(first.code).toBe(0)
    expect(resultOf(actionResults(first), 'pdf-tools').status).toBe('published')

    const second = await runAction({ cwd: repo.dir, inputs })
    expect(second.code).toBe(0)
    expect(resultOf(actionResults(second), 'pdf-tools').status).toBe('unchanged')
    expect(uploads(artifactory.server)).toHaveLength(1)
  })

  it('refuses to overwrite a version holding other content, deploying nothing', async () => {
    artifactory.state.seed(REPO, 'pdf-tools', '1.0.0', [{ path: 'SKILL.md', data: Buffer.from('---\nname: pdf-tools\n---\nold\n') }])
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/different content/)
    expect(uploads(artifactory.server)).toEqual([])
  })

  it('fails with a clear message and no stack trace when the registry is down', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), target: `${await closedPort()}/artifactory` } })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/connection refused/)
    expect(run.summary).toContain('connection refused')
    expect(run.stdout).not.toMatch(STACK_TRACE)
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })

  it('waits out a 429 with Retry-After on the deploy, then deploys once', async () => {
    await restart({ xrayScript: ['APPROVED'] })
    artifactory.server.fault({ method: 'PUT' }, { kind: 'rate-limit', retryAfterSeconds: 1 })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('approved')
    expect(uploads(artifactory.server)).toHaveLength(2)
    expect(run.stdout).toMatch(/as the server asked/)
  })

  it('retries a 503 on the Xray poll and still reaches the verdict', async () => {
    await restart({ xrayScript: ['SCAN_IN_PROGRESS', 'APPROVED'] })
    artifactory.server.fault(
      { method: 'GET', path: `/artifactory/api/skills/${REPO}/xrayStatus` },
      { kind: 'status', status: 503, body: 'Service Unavailable' }
    )
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('approved')
    expect(uploads(artifactory.server)).toHaveLength(1)
  })
})

describe('Artifactory on par with jf agent skills publish', () => {
  const ALIAS = 'my-evd-key'
  const keys = () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    return {
      privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string
    }
  }

  it('signs evidence with a key passed in from a secret: masked line by line, attached and verified, said in the result', async () => {
    const { privatePem, publicPem } = keys()
    await restart({ evidenceKeys: { [ALIAS]: publicPem }, xrayScript: ['APPROVED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), 'signing-key': privatePem, 'key-alias': ALIAS } })

    expect(run.code).toBe(0)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('approved')
    expect(result.messages.join('\n')).toMatch(
      new RegExp(
        `Evidence attached to ${REPO}/pdf-tools/1\\.0\\.0/pdf-tools-1\\.0\\.0\\.zip \\(sha256 ${result.sha256}, ecdsa signature, verified by Artifactory`
      )
    )
    expect(artifactory.state.evidence).toEqual([expect.objectContaining({ verified: true, keyId: ALIAS })])
    for (const line of privatePem.split('\n').filter((l) => l && !l.startsWith('-----'))) {
      expect(run.stdout).toContain(`::add-mask::${line}`)
    }
  })

  it('reads the key path and alias from EVD_SIGNING_KEY_PATH and EVD_KEY_ALIAS, as jf does', async () => {
    const { privatePem, publicPem } = keys()
    await restart({ evidenceKeys: { [ALIAS]: publicPem } })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    writeFileSync(path.join(repo.dir, 'evd.pem'), privatePem)
    const run = await runAction({
      cwd: repo.dir,
      inputs: publishInputs(),
      env: { EVD_SIGNING_KEY_PATH: 'evd.pem', EVD_KEY_ALIAS: ALIAS }
    })

    expect(run.code).toBe(0)
    expect(artifactory.state.evidence).toEqual([
      expect.objectContaining({ verified: true, subject: `${REPO}/${artifactPath('pdf-tools', '1.0.0')}` })
    ])
  })

  it("fails the skill with the server's answer when evidence cannot be attached", async () => {
    const { privatePem, publicPem } = keys()
    await restart({ evidenceKeys: { [ALIAS]: publicPem }, evidenceFault: 403 })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), 'signing-key': privatePem, 'key-alias': ALIAS } })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/answered 403: Evidence service: forbidden \(requires an Enterprise\+ subscription\)/)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(artifactory.state.item(REPO, 'pdf-tools', '1.0.0')).toBeUndefined()
  })

  it('skips the Xray gate with JFROG_CLI_SKIP_SKILLS_SCAN=true (and skip-scan), failing closed by default', async () => {
    await restart({ xrayScript: ['BLOCKED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '2.0.0' })
    const skipped = await runAction({
      cwd: repo.dir,
      inputs: { ...publishInputs(), paths: 'skills/pdf-tools' },
      env: { JFROG_CLI_SKIP_SKILLS_SCAN: 'true' }
    })
    expect(skipped.code).toBe(0)
    expect(resultOf(actionResults(skipped), 'pdf-tools')).toMatchObject({
      status: 'published',
      messages: expect.arrayContaining(['Xray scan check skipped (skip-scan).'])
    })
    expect(artifactory.server.requests.filter((req) => req.path.endsWith('/xrayStatus'))).toEqual([])

    const gated = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), paths: 'skills/zip-tools' } })
    expect(gated.code).toBe(1)
    expect(resultOf(actionResults(gated), 'zip-tools').status).toBe('blocked')
  })

  it('deletes a version Xray blocks with auto-delete-on-failure', async () => {
    await restart({ xrayScript: ['BLOCKED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), 'auto-delete-on-failure': 'true' } })

    expect(run.code).toBe(1)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('blocked')
    expect(artifactory.server.requests.filter((req) => req.method === 'DELETE').map((req) => req.path)).toEqual([
      `/artifactory/${REPO}/pdf-tools/1.0.0/`
    ])
    expect(artifactory.state.item(REPO, 'pdf-tools', '1.0.0')).toBeUndefined()
  })

  it('fails closed on an Xray status it does not know, saying what came back; on-scan-error: pass passes it', async () => {
    await restart({ xrayScript: ['QUARANTINED' as 'BLOCKED'] })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '2.0.0' })
    const closed = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), paths: 'skills/pdf-tools' } })
    expect(closed.code).toBe(1)
    const failed = resultOf(actionResults(closed), 'pdf-tools')
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/answered the unknown scan status "QUARANTINED" \("\{"status":"QUARANTINED".*The gate fails closed/)

    const open = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), paths: 'skills/zip-tools', 'on-scan-error': 'pass' } })
    expect(open.code).toBe(0)
    expect(resultOf(actionResults(open), 'zip-tools').messages.join('\n')).toMatch(/"QUARANTINED".*passed because on-scan-error is pass/)
  })
})
