import { readFileSync } from 'node:fs'
import { createRegistry, secretsToMask, type CreateRegistryOptions } from '../../src/registries/create.js'
import type { RegistryConfig } from '../../src/config.js'
import { startArtifactoryServer, type ArtifactoryOptions, type ArtifactoryServer, type XrayStatus } from '../servers/artifactory.js'
import { parseMultipart } from '../servers/harness.js'
import { cleanupPackages, errorOf, makePackage, memoryLogger, recordingSleep, registryConfig } from './package-fixture.js'

const TOKEN = 'art_test_token'
const REPO = 'skills-local'
let art: ArtifactoryServer
const errors: string[] = []

async function start(options: ArtifactoryOptions = {}): Promise<ArtifactoryServer> {
  art = await startArtifactoryServer(options)
  return art
}

function registry(config: Partial<RegistryConfig> = {}, extra: Partial<CreateRegistryOptions> = {}) {
  const logger = memoryLogger()
  const sleeper = recordingSleep()
  const instance = createRegistry(
    registryConfig({ kind: 'artifactory', target: `${art.server.url}/artifactory`, repository: REPO, token: TOKEN, ...config }),
    {
      logger,
      force: false,
      http: { sleep: sleeper.sleep, retryBaseMs: 10 },
      ...extra
    }
  )
  return { registry: instance, logger, waits: sleeper.waits }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await errorOf(promise)
  errors.push(error.message)
  return error
}

const puts = () => art.server.requests.filter((r) => r.method === 'PUT')
const artifactPath = 'pdf-tools/1.0.0/pdf-tools-1.0.0.zip'

afterEach(async () => {
  await art?.server.close()
  cleanupPackages()
})

afterAll(() => {
  for (const message of errors) expect(message).not.toContain(TOKEN)
})

describe('Artifactory', () => {
  test('deploys the zip by PUT with checksum headers; no Xray entitlement -> published, saying no scan ran', async () => {
    await start()
    const { registry: target } = registry()
    const pkg = makePackage({ flavour: 'artifactory' })
    expect(await target.find(pkg)).toBeUndefined()
    const publication = await target.publish(pkg)
    const put = puts()[0]!
    expect(put.path).toBe(`/artifactory/${REPO}/${artifactPath}`)
    expect(put.headers['x-checksum-sha256']).toBe(pkg.sha256)
    expect(put.headers['x-checksum-sha1']).toBe(pkg.sha1)
    expect(put.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(put.body.equals(readFileSync(pkg.zipPath))).toBe(true)
    expect(publication.url).toBe(`${art.server.url}/artifactory/${REPO}/${artifactPath}`)

    const state = await target.status(publication)
    expect(state).toMatchObject({ verdict: 'published', scan: 'NOT_IN_ENTITLEMENT', messages: [expect.stringMatching(/^no scan ran/)] })
    const gate = art.server.requests.at(-1)!
    expect(gate.path).toBe(`/artifactory/api/skills/${REPO}/xrayStatus`)
    expect(gate.url.search).toBe(`?path=${encodeURIComponent(artifactPath)}`)
  })

  test.each<[XrayStatus[], string[]]>([
    [['XRAY_DISABLED_FOR_REPO'], ['published']],
    [
      ['SCAN_IN_PROGRESS', 'SCAN_IN_PROGRESS', 'APPROVED'],
      ['pending', 'pending', 'approved']
    ],
    [
      ['SCAN_IN_PROGRESS', 'BLOCKED'],
      ['pending', 'blocked']
    ]
  ])('Xray gate %j -> %j', async (script, verdicts) => {
    await start({ xrayScript: script })
    const { registry: target } = registry()
    const publication = await target.publish(makePackage({ flavour: 'artifactory' }))
    const seen: string[] = []
    for (let i = 0; i < verdicts.length; i++) seen.push((await target.status(publication)).verdict)
    expect(seen).toEqual(verdicts)
  })

  test('BLOCKED names the reason; a scan that never ends stays pending; an unknown status is pending with a message', async () => {
    await start({ xrayScript: ['BLOCKED'] })
    const { registry: target } = registry()
    const publication = await target.publish(makePackage({ flavour: 'artifactory' }))
    expect((await target.status(publication)).messages[0]).toMatch(/Xray found the skill malicious or against policy \(BLOCKED\)/)
    art.state.setXrayScript(artifactPath, ['SCAN_IN_PROGRESS'])
    for (let i = 0; i < 3; i++) expect((await target.status(publication)).verdict).toBe('pending')
    art.state.setXrayScript(artifactPath, ['QUARANTINED' as XrayStatus])
    expect(await target.status(publication)).toMatchObject({
      verdict: 'pending',
      scan: 'QUARANTINED',
      messages: ['Artifactory reports an unknown scan status "QUARANTINED"; still waiting']
    })
  })

  test('a re-run uploads nothing: the versions API shows our fingerprint', async () => {
    await start()
    const { registry: target } = registry()
    const pkg = makePackage({ flavour: 'artifactory' })
    await target.publish(pkg)
    expect(await target.find(pkg)).toMatchObject({ sameContent: true, remoteDigest: pkg.sha256 })
    expect(puts()).toHaveLength(1)
  })

  test('a server fingerprinting files (ClawHub style) is matched too', async () => {
    await start({ fingerprint: 'files' })
    const { registry: target } = registry()
    const pkg = makePackage({ flavour: 'artifactory' })
    await target.publish(pkg)
    expect(await target.find(pkg)).toMatchObject({ sameContent: true, remoteDigest: pkg.fingerprint })
  })

  test('the same version with other content: sameContent false with the remote digest', async () => {
    await start()
    const stored = art.state.seed(REPO, 'pdf-tools', '1.0.0', [{ path: 'SKILL.md', data: Buffer.from('other') }])
    const { registry: target } = registry()
    expect(await target.find(makePackage({ flavour: 'artifactory' }))).toEqual({
      sameContent: false,
      remoteDigest: stored.fingerprint,
      url: expect.stringContaining(artifactPath)
    })
  })

  test('REST upload: payload plus files[] parts', async () => {
    await start()
    const { registry: target } = registry({ uploadMethod: 'rest', changelog: 'Initial', tags: ['x'] })
    const pkg = makePackage({ flavour: 'artifactory' })
    await target.publish(pkg)
    const post = art.server.requests.find((r) => r.method === 'POST')!
    expect(post.path).toBe(`/artifactory/api/skills/${REPO}/api/v1/skills`)
    const form = await parseMultipart(post)
    expect(JSON.parse(form.get('payload') as string)).toEqual({ slug: 'pdf-tools', version: '1.0.0', changelog: 'Initial', tags: ['x'] })
    expect(form.getAll('files[]').map((f) => (f as File).name)).toEqual(pkg.files.map((f) => f.path))
    expect(art.state.item(REPO, 'pdf-tools', '1.0.0')).toBeDefined()
  })

  test('Basic auth with username and token; the derived strings are listed for masking', async () => {
    await start()
    const { registry: target } = registry({ username: 'admin' })
    await target.publish(makePackage({ flavour: 'artifactory' }))
    const basic = Buffer.from(`admin:${TOKEN}`).toString('base64')
    expect(puts()[0]!.headers.authorization).toBe(`Basic ${basic}`)
    expect(
      secretsToMask(
        registryConfig({ kind: 'artifactory', target: 'https://h/artifactory', repository: REPO, username: 'admin', token: TOKEN })
      )
    ).toEqual([TOKEN, `admin:${TOKEN}`, basic])
  })

  test('credentials and the skills API path in the target URL are understood and never shown', async () => {
    await start()
    const target = createRegistry(
      registryConfig({
        kind: 'artifactory',
        target: `${art.server.url.replace('//', `//admin:${TOKEN}@`)}/artifactory/api/skills/${REPO}`
      }),
      { logger: memoryLogger(), force: false }
    )
    expect(target.target).toBe(`${art.server.url}/artifactory/${REPO}`)
    await target.publish(makePackage({ flavour: 'artifactory' }))
    expect(puts()[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`)
  })

  test('bad credentials: 401 with what to check', async () => {
    await start()
    const { registry: target } = registry({ token: 'art_wrong_token' })
    const error = await failure(target.publish(makePackage({ flavour: 'artifactory' })))
    expect(error.message).toMatch(
      /publishing pdf-tools 1\.0\.0 to .*\/skills-local failed: PUT .*\/pdf-tools-1\.0\.0\.zip answered 401: Bad credentials\. Check the credentials/
    )
    expect(error.message).not.toContain('art_wrong_token')
  })

  test('an unknown repository: 404 with what to check', async () => {
    await start()
    const { registry: target } = registry({ repository: 'nope' })
    const error = await failure(target.find(makePackage({ flavour: 'artifactory' })))
    expect(error.message).toMatch(
      /answered 404: Repository 'nope' not found\. Check the Artifactory URL \(it ends in \/artifactory\) and that the repository nope exists/
    )
  })

  test('an overwrite refused by permissions is explained', async () => {
    await start({ allowRedeploy: false })
    art.state.seed(REPO, 'pdf-tools', '1.0.0', [{ path: 'SKILL.md', data: Buffer.from('other') }])
    const { registry: target } = registry()
    const error = await failure(target.publish(makePackage({ flavour: 'artifactory' })))
    expect(error.message).toMatch(
      /PUT .* answered 403: Not enough permissions to overwrite artifact .* The credentials lack permission on the repository skills-local for pdf-tools/
    )
  })

  test('an ambiguous deploy failure is resent only after the versions API shows it did not land', async () => {
    await start()
    art.server.fault({ method: 'PUT' }, { kind: 'status', status: 500, body: '{"errors":[{"status":500,"message":"boom"}]}' })
    const { registry: target } = registry()
    await target.publish(makePackage({ flavour: 'artifactory' }))
    expect(puts()).toHaveLength(2)
    const between = art.server.requests.slice(art.server.requests.indexOf(puts()[0]!) + 1, art.server.requests.indexOf(puts()[1]!))
    expect(between.map((r) => r.path)).toEqual([`/artifactory/api/skills/${REPO}/api/v1/skills/pdf-tools/versions`])
  })

  test('429 and 502 on the gate are retried, Retry-After honoured', async () => {
    await start({ xrayScript: ['APPROVED'] })
    const { registry: target, waits } = registry()
    const publication = await target.publish(makePackage({ flavour: 'artifactory' }))
    art.server.fault({ path: /xrayStatus/ }, { kind: 'rate-limit', retryAfterSeconds: 3 })
    art.server.fault({ path: /xrayStatus/ }, { kind: 'status', status: 502 })
    expect((await target.status(publication)).verdict).toBe('approved')
    expect(waits[0]).toBe(3000)
    expect(waits).toHaveLength(2)
  })

  test('lookup(): versions API then the gate; undefined when the version is unknown', async () => {
    await start({ xrayScript: ['BLOCKED'] })
    art.state.seed(REPO, 'pdf-tools', '1.0.0', [{ path: 'SKILL.md', data: Buffer.from('x') }])
    const { registry: target } = registry()
    expect(await target.lookup({ name: 'pdf-tools', version: '1.0.0' })).toMatchObject({ verdict: 'blocked', scan: 'BLOCKED' })
    expect(await target.lookup({ name: 'pdf-tools', version: '2.0.0' })).toBeUndefined()
    expect(await target.lookup({ name: 'unknown', version: '1.0.0' })).toBeUndefined()
  })

  test('remove(): DELETE of the version folder; already gone is fine', async () => {
    await start()
    art.state.seed(REPO, 'pdf-tools', '1.0.0', [{ path: 'SKILL.md', data: Buffer.from('x') }])
    const { registry: target } = registry()
    await target.remove({ name: 'pdf-tools', version: '1.0.0' })
    const del = art.server.requests.at(-1)!
    expect([del.method, del.path]).toEqual(['DELETE', `/artifactory/${REPO}/pdf-tools/1.0.0/`])
    expect(art.state.item(REPO, 'pdf-tools', '1.0.0')).toBeUndefined()
    await target.remove({ name: 'pdf-tools', version: '1.0.0' })
  })

  test('a missing repository key is a clear configuration error', () => {
    expect(() =>
      createRegistry(registryConfig({ kind: 'artifactory', target: 'https://h/artifactory' }), { logger: memoryLogger(), force: false })
    ).toThrow(/the Artifactory repository key is missing: set the repository input/)
  })
})
