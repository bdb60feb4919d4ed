// A re-run of the same job must not turn a blocked, malicious or never-judged version into a pass:
// the content is already stored, so nothing is uploaded again, but the run reports the registry's
// current verdict and fails as the first run did. Only a passing verdict reads as `unchanged`.
import { runAction } from '../support/runner.js'
import { startArtifactoryServer, startClawHubServer, type ArtifactoryServer, type ClawHubServer } from '../servers/index.js'
import { FAST, actionResults, createSkillsRepo, resultOf, uploads } from '../support/registry-runs.js'
import type { TestRepo } from '../support/repo.js'

let artifactory: ArtifactoryServer | undefined
let clawhub: ClawHubServer | undefined
afterEach(async () => {
  await artifactory?.server.close()
  await clawhub?.server.close()
  artifactory = clawhub = undefined
})

const twice = async (repo: TestRepo, inputs: Record<string, string>) => [
  await runAction({ cwd: repo.dir, inputs }),
  await runAction({ cwd: repo.dir, inputs })
]

describe('Artifactory (Xray)', () => {
  const inputs = (server: ArtifactoryServer, more: Record<string, string> = {}) => ({
    mode: 'publish',
    registry: 'artifactory',
    target: `${server.server.url}/artifactory`,
    repository: 'skills-local',
    token: 'art_test_token',
    ...FAST,
    ...more
  })

  it('a version Xray BLOCKED stays blocked on a re-run, which uploads nothing and fails', async () => {
    artifactory = await startArtifactoryServer({ xrayScript: ['BLOCKED'] })
    const [first, second] = await twice(createSkillsRepo({ 'pdf-tools': '1.0.0' }), inputs(artifactory))
    expect(first!.code).toBe(1)
    expect(resultOf(actionResults(first!), 'pdf-tools').status).toBe('blocked')
    expect(second!.code).toBe(1)
    expect(resultOf(actionResults(second!), 'pdf-tools')).toMatchObject({ status: 'blocked', scan: 'BLOCKED' })
    expect(JSON.parse(second!.outputs.failed!)).toEqual(['pdf-tools'])
    expect(uploads(artifactory.server)).toHaveLength(1)
  })

  it('a scan that timed out is still timed out on a re-run', async () => {
    artifactory = await startArtifactoryServer({ xrayScript: ['SCAN_IN_PROGRESS'] })
    const [first, second] = await twice(
      createSkillsRepo({ 'pdf-tools': '1.0.0' }),
      inputs(artifactory, { 'max-wait': '0.3', 'on-scan-timeout': 'fail' })
    )
    expect(resultOf(actionResults(first!), 'pdf-tools').status).toBe('timed-out')
    expect(second!.code).toBe(1)
    expect(resultOf(actionResults(second!), 'pdf-tools').status).toBe('timed-out')
    expect(uploads(artifactory.server)).toHaveLength(1)
  })

  it('an approved version is unchanged on a re-run, which passes', async () => {
    artifactory = await startArtifactoryServer({ xrayScript: ['APPROVED'] })
    const [first, second] = await twice(createSkillsRepo({ 'pdf-tools': '1.0.0' }), inputs(artifactory))
    expect(first!.code).toBe(0)
    expect(second!.code).toBe(0)
    expect(resultOf(actionResults(second!), 'pdf-tools')).toMatchObject({ status: 'unchanged', scan: 'APPROVED' })
    expect(uploads(artifactory.server)).toHaveLength(1)
  })
})

describe('ClawHub', () => {
  it('a version ClawHub found malicious stays blocked on a re-run, which uploads nothing and fails', async () => {
    clawhub = await startClawHubServer({ scanScript: ['malicious'] })
    const inputs = { mode: 'publish', registry: 'clawhub', target: clawhub.server.url, token: 'clh_test_token', ...FAST }
    const [first, second] = await twice(createSkillsRepo({ 'pdf-tools': '1.0.0' }), inputs)
    expect(first!.code).toBe(1)
    expect(resultOf(actionResults(first!), 'pdf-tools').status).toBe('blocked')
    expect(second!.code).toBe(1)
    expect(resultOf(actionResults(second!), 'pdf-tools')).toMatchObject({ status: 'blocked', scan: 'malicious' })
    expect(uploads(clawhub.server)).toHaveLength(1)
  })
})
