import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  test('deploys the zip by PUT with the checksum headers jf sends; no Xray entitlement -> published, saying no scan ran', async () => {
    await start()
    const { registry: target } = registry()
    const pkg = makePackage({ flavour: 'artifactory' })
    expect(await target.find(pkg)).toBeUndefined()
    const publication = await target.publish(pkg)
    const put = puts()[0]!
    expect(put.path).toBe(`/artifactory/${REPO}/${artifactPath}`)
    // jfrog-client-go AddChecksumHeaders: X-Checksum-Sha1, X-Checksum-Md5 and X-Checksum (SHA-256).
    expect(put.headers['x-checksum']).toBe(pkg.sha256)
    expect(put.headers['x-checksum-sha1']).toBe(pkg.sha1)
    expect(put.headers['x-checksum-md5']).toBe(createHash('md5').update(readFileSync(pkg.zipPath)).digest('hex'))
    expect(put.headers['x-checksum-deploy']).toBeUndefined()
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

  test('BLOCKED names the reason; a scan that never ends stays pending; an unknown status fails closed, saying what came back', async () => {
    await start({ xrayScript: ['BLOCKED'] })
    const { registry: target } = registry()
    const publication = await target.publish(makePackage({ flavour: 'artifactory' }))
    expect((await target.status(publication)).messages[0]).toMatch(/Xray found the skill malicious or against policy \(BLOCKED\)/)
    art.state.setXrayScript(artifactPath, ['SCAN_IN_PROGRESS'])
    for (let i = 0; i < 3; i++) expect((await target.status(publication)).verdict).toBe('pending')
    art.state.setXrayScript(artifactPath, ['QUARANTINED' as XrayStatus])
    const error = await failure(target.status(publication))
    expect(error.message).toContain(
      `Artifactory answered the unknown scan status "QUARANTINED" ("{"status":"QUARANTINED","repoKey":"skills-local","path":"${artifactPath}"}"). The gate fails closed`
    )
    expect(error.message).toMatch(/set on-scan-error: pass/)
  })

  test('on-scan-error: pass passes an unknown status and a gate error as jf does, each saying what came back', async () => {
    await start({ xrayScript: ['QUARANTINED' as XrayStatus] })
    const { registry: target, logger } = registry({ onScanError: 'pass' })
    const publication = await target.publish(makePackage({ flavour: 'artifactory' }))
    expect(await target.status(publication)).toMatchObject({
      verdict: 'published',
      scan: 'QUARANTINED',
      messages: [expect.stringMatching(/unknown scan status "QUARANTINED" .*; passed because on-scan-error is pass\.$/)]
    })
    art.server.fault(
      { path: /xrayStatus/ },
      { kind: 'status', status: 400, body: '{"errors":[{"status":400,"message":"Xray is unreachable"}]}' }
    )
    const state = await target.status(publication)
    expect(state.verdict).toBe('published')
    expect(state.messages[0]).toMatch(/GET .*\/xrayStatus answered 400: Xray is unreachable.*; passed because on-scan-error is pass\.$/)
    expect(logger.lines.join('\n')).toMatch(/warning: .*Xray is unreachable/)
  })

  test("a gate error fails closed by default, with the server's answer", async () => {
    await start()
    const { registry: target } = registry()
    const publication = await target.publish(makePackage({ flavour: 'artifactory' }))
    art.server.fault(
      { path: /xrayStatus/ },
      { kind: 'status', status: 400, body: '{"errors":[{"status":400,"message":"Xray is unreachable"}]}' }
    )
    const error = await failure(target.status(publication))
    expect(error.message).toMatch(/answered 400: Xray is unreachable.*The gate fails closed/)
  })

  test('skip-scan: the Xray gate is not asked', async () => {
    await start({ xrayScript: ['BLOCKED'] })
    const { registry: target } = registry({ skipScan: true })
    const publication = await target.publish(makePackage({ flavour: 'artifactory' }))
    expect(await target.status(publication)).toMatchObject({ verdict: 'published', messages: ['Xray scan check skipped (skip-scan).'] })
    expect(art.server.requests.filter((r) => r.path.endsWith('/xrayStatus'))).toHaveLength(0)
  })

  test.each(['versions', 'items'] as const)('the versions list in the %s shape: find, lookup and latestVersion read it', async (shape) => {
    await start({ versionsShape: shape })
    const { registry: target } = registry()
    const pkg = makePackage({ flavour: 'artifactory' })
    await target.publish(pkg)
    art.state.seed(REPO, 'pdf-tools', '1.10.0', [{ path: 'SKILL.md', data: Buffer.from('x') }])
    art.state.seed(REPO, 'pdf-tools', '1.9.0', [{ path: 'SKILL.md', data: Buffer.from('y') }])
    expect(await target.find(pkg)).toMatchObject({ sameContent: true })
    expect(await target.lookup({ name: 'pdf-tools', version: '1.0.0' })).toMatchObject({ verdict: 'published' })
    expect(await target.latestVersion!('pdf-tools')).toBe('1.10.0')
    expect(await target.latestVersion!('unknown')).toBeUndefined()
  })

  test('a zip of 10 KiB or more: a checksum deploy first; bytes Artifactory holds are not sent again', async () => {
    await start()
    const { registry: target } = registry()
    const big = { 'SKILL.md': '---\nname: pdf-tools\ndescription: Tools.\n---\n', 'data.txt': randomBytes(12 * 1024).toString('base64') }
    const first = makePackage({ flavour: 'artifactory', files: big })
    await target.publish(first)
    expect(puts().map((r) => [r.headers['x-checksum-deploy'], r.body.length > 0])).toEqual([
      ['true', false],
      [undefined, true]
    ])
    expect(art.state.checksumDeploys).toBe(0)
    // The same bytes under another name (a copy of what is held): stored without a body.
    const copy = { ...first, version: '1.0.1', fileName: 'pdf-tools-1.0.1.zip' }
    art.server.requests.length = 0
    await target.publish(copy)
    expect(puts()).toHaveLength(1)
    expect(puts()[0]!.body.length).toBe(0)
    expect(art.state.checksumDeploys).toBe(1)
    expect(art.state.item(REPO, 'pdf-tools', '1.0.1')!.checksums.sha256).toBe(first.sha256)
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

/** A key pair made in the test, PEM-encoded: the private key signs, Artifactory trusts the public one. */
function keyPair(type: 'ed25519' | 'ec-p256' | 'ec-p384' | 'rsa'): { privatePem: string; publicPem: string } {
  const pair =
    type === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ec', { namedCurve: type === 'ec-p256' ? 'P-256' : 'P-384' })
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string
  }
}

describe('Artifactory evidence (jf --signing-key --key-alias)', () => {
  const ALIAS = 'my-evd-key'
  const evidencePosts = () => art.server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/evidence/'))

  test.each(['ed25519', 'ec-p256', 'ec-p384', 'rsa'] as const)(
    '%s: a signed in-toto statement naming the zip by SHA-256, verified by the server with the public key',
    async (type) => {
      const keys = keyPair(type)
      await start({ evidenceKeys: { [ALIAS]: keys.publicPem } })
      const { registry: target } = registry({ signingKey: keys.privatePem, keyAlias: ALIAS, username: 'admin' })
      const pkg = makePackage({ flavour: 'artifactory' })
      const publication = await target.publish(pkg)

      const post = evidencePosts()[0]!
      expect(post.path).toBe(`/evidence/api/v1/subject/${REPO}/${artifactPath}`)
      expect(post.headers['content-type']).toBe('application/json')
      expect(post.headers.authorization).toMatch(/^Basic /)
      expect(art.state.evidence).toEqual([
        { subject: `${REPO}/${artifactPath}`, keyId: ALIAS, verified: true, statement: expect.any(Object) }
      ])
      const statement = art.state.evidence[0]!.statement
      expect(statement).toMatchObject({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ digest: { sha256: pkg.sha256 } }],
        predicateType: 'https://jfrog.com/evidence/publish-attestation/v1',
        predicate: { skill: 'pdf-tools', version: '1.0.0', publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) },
        createdBy: 'admin',
        markdown: expect.stringContaining('| Skill | pdf-tools |')
      })
      expect(publication.notes).toEqual([
        `Evidence attached to ${REPO}/${artifactPath} (sha256 ${pkg.sha256}, ${type.startsWith('ec') ? 'ecdsa' : type} signature, verified by Artifactory with the public key of "${ALIAS}").`
      ])
    }
  )

  test('a key given as a path; a public key Artifactory does not hold -> attached, said to be not verified', async () => {
    const signer = keyPair('ed25519')
    await start({ evidenceKeys: { [ALIAS]: keyPair('ed25519').publicPem } })
    const file = join(tmpdir(), `skillpub-key-${process.pid}.pem`)
    writeFileSync(file, signer.privatePem)
    const { registry: target } = registry({ signingKey: file, keyAlias: ALIAS })
    const publication = await target.publish(makePackage({ flavour: 'artifactory' }))
    expect(art.state.evidence[0]).toMatchObject({ verified: false, statement: { createdBy: 'skillpub' } })
    expect(publication.notes![0]).toMatch(/not verified: Artifactory holds no matching public key under the alias "my-evd-key"/)
  })

  test("a failure to attach fails the skill with the server's answer, and the deployed version is removed for a re-run", async () => {
    const keys = keyPair('ed25519')
    await start({ evidenceKeys: { [ALIAS]: keys.publicPem }, evidenceFault: 403 })
    const { registry: target } = registry({ signingKey: keys.privatePem, keyAlias: ALIAS })
    const error = await failure(target.publish(makePackage({ flavour: 'artifactory' })))
    expect(error.message).toMatch(
      /attaching signed evidence to skills-local\/pdf-tools\/1\.0\.0\/pdf-tools-1\.0\.0\.zip failed: POST .*\/evidence\/api\/v1\/subject\/.* answered 403: Evidence service: forbidden \(requires an Enterprise\+ subscription\)\. Evidence needs a JFrog Enterprise\+ subscription/
    )
    expect(error.message).toMatch(/pdf-tools 1\.0\.0 was removed again, so that a re-run deploys and signs it\.$/)
    expect(art.state.item(REPO, 'pdf-tools', '1.0.0')).toBeUndefined()
  })

  test('a stored zip that is not ours is never signed', async () => {
    const keys = keyPair('ed25519')
    await start({ evidenceKeys: { [ALIAS]: keys.publicPem } })
    const { registry: target } = registry({ signingKey: keys.privatePem, keyAlias: ALIAS })
    art.server.fault(
      { path: /\/api\/storage\// },
      { kind: 'status', status: 200, body: JSON.stringify({ checksums: { sha256: 'f'.repeat(64) } }) }
    )
    const error = await failure(target.publish(makePackage({ flavour: 'artifactory' })))
    expect(error.message).toMatch(/Artifactory reports sha256 f{64} for the stored zip, not ours .*nothing was signed/)
    expect(evidencePosts()).toHaveLength(0)
  })

  test.each([
    ['a public key', () => keyPair('ed25519').publicPem, /not a PEM private key/],
    [
      'an encrypted key',
      () =>
        generateKeyPairSync('ed25519', {
          privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' },
          publicKeyEncoding: { type: 'spki', format: 'pem' }
        }).privateKey,
      /encrypted private keys are not supported/
    ],
    [
      'an X25519 key',
      () =>
        generateKeyPairSync('x25519', {
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
          publicKeyEncoding: { type: 'spki', format: 'pem' }
        }).privateKey,
      /a x25519 key cannot sign JFrog evidence/
    ],
    ['a missing file', () => '/nonexistent/key.pem', /cannot read the key file "\/nonexistent\/key\.pem" \(ENOENT\)/]
  ])('%s is refused before anything is deployed', async (_what, key, message) => {
    await start()
    expect(() => registry({ signingKey: key(), keyAlias: ALIAS })).toThrow(message)
    expect(art.server.requests).toHaveLength(0)
  })

  test('a key given as text is masked line by line', () => {
    const { privatePem } = keyPair('rsa')
    const masked = secretsToMask(
      registryConfig({ kind: 'artifactory', target: 'https://h/artifactory', repository: REPO, token: TOKEN, signingKey: privatePem })
    )
    const body = privatePem.split('\n').filter((line) => line && !line.startsWith('-----'))
    expect(masked).toEqual(expect.arrayContaining([TOKEN, privatePem, ...body]))
  })
})
