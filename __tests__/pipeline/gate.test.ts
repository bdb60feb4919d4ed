// The merge gate (mode: status) in-process against the loopback Artifactory: it passes only on a
// final, passing verdict for the version SKILL.md names, and publishes nothing.
import { parseConfig, type RawOptions } from '../../src/options.js'
import { runSkillpub } from '../../src/pipeline.js'
import type { Logger } from '../../src/core/types.js'
import { artifactPath, startArtifactoryServer, type ArtifactoryServer } from '../servers/artifactory.js'
import { createExampleRepo } from '../support/repo.js'

const quiet: Logger = { debug() {}, info() {}, warning() {}, error() {} }
let art: ArtifactoryServer

beforeEach(async () => {
  art = await startArtifactoryServer()
  art.state.seed('skills-local', 'csv-summary', '0.3.1', [
    { path: 'SKILL.md', data: Buffer.from('---\nname: csv-summary\ndescription: d\n---\n') }
  ])
})
afterEach(() => art.server.close())

async function gate(extra: RawOptions) {
  const repo = createExampleRepo()
  const raw: RawOptions = {
    mode: 'status',
    paths: 'skills/csv-summary',
    registry: 'artifactory',
    target: `${art.server.url}/artifactory`,
    repository: 'skills-local',
    token: 'art_test_token',
    'poll-interval': '0.01',
    'max-wait': '1',
    ...extra
  }
  return (await runSkillpub(parseConfig(raw, { root: repo.dir, env: {} }), quiet)).results[0]
}

describe('the merge gate', () => {
  it('passes an approved version after waiting out the scan, and uploads nothing', async () => {
    art.state.setXrayScript(artifactPath('csv-summary', '0.3.1'), ['SCAN_IN_PROGRESS', 'SCAN_IN_PROGRESS', 'APPROVED'])
    expect(await gate({})).toMatchObject({ status: 'approved', scan: 'APPROVED' })
    expect(art.server.requests.filter((request) => request.method !== 'GET')).toEqual([])
  })

  it('fails a blocked version with the reason', async () => {
    art.state.setXrayScript(artifactPath('csv-summary', '0.3.1'), ['BLOCKED'])
    expect(await gate({})).toMatchObject({ status: 'blocked', error: expect.stringContaining('csv-summary') })
  })

  it('does not pass a scan still running when told not to wait', async () => {
    art.state.setXrayScript(artifactPath('csv-summary', '0.3.1'), ['SCAN_IN_PROGRESS'])
    expect(await gate({ wait: 'false' })).toMatchObject({
      status: 'timed-out',
      error: expect.stringMatching(/no final verdict yet .*wait is false/)
    })
  })

  it('fails a version that was never published, saying what to do', async () => {
    expect(await gate({ version: '9.9.9' })).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/csv-summary 9\.9\.9 is not in .*Publish it first/)
    })
  })
})
