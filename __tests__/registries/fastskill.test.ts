import { readFileSync } from 'node:fs'
import { decodeJwt, expiredAt, scopeOf } from '../../src/registries/jwt.js'
import { createRegistry, type CreateRegistryOptions } from '../../src/registries/create.js'
import type { Registry, RemoteState } from '../../src/registries/registry.js'
import { startFastSkillServer, type FastSkillOptions, type FastSkillServer } from '../servers/fastskill.js'
import { cleanupPackages, errorOf, makePackage, memoryLogger, recordingSleep, registryConfig } from './package-fixture.js'

let fs: FastSkillServer
const errors: string[] = []
const tokens: string[] = []

async function start(options: FastSkillOptions = {}): Promise<FastSkillServer> {
  fs = await startFastSkillServer(options)
  return fs
}

function registry(token: string | undefined, extra: Partial<CreateRegistryOptions> = {}) {
  if (token) tokens.push(token)
  const logger = memoryLogger()
  const sleeper = recordingSleep()
  const instance = createRegistry(registryConfig({ kind: 'fastskill', target: fs.server.url, token }), {
    logger,
    force: false,
    http: { sleep: sleeper.sleep, retryBaseMs: 10 },
    ...extra
  })
  return { registry: instance, logger, waits: sleeper.waits }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await errorOf(promise)
  errors.push(error.message)
  return error
}

async function pollUntilFinal(target: Registry, publication: Parameters<Registry['status']>[0], limit = 10): Promise<RemoteState[]> {
  const states: RemoteState[] = []
  for (let i = 0; i < limit; i++) {
    const state = await target.status(publication)
    states.push(state)
    if (state.verdict !== 'pending') break
  }
  return states
}

afterEach(async () => {
  await fs?.server.close()
  cleanupPackages()
})

afterAll(() => {
  // No error message of the whole suite may carry a token.
  for (const message of errors) for (const token of tokens) expect(message).not.toContain(token)
})

describe('FastSkill', () => {
  test('publishes a zip as one "file" part and follows the job to accepted', async () => {
    await start()
    const token = fs.state.token('acme/alice')
    const { registry: target, logger } = registry(token)
    const pkg = makePackage()
    expect(await target.find(pkg)).toBeUndefined()

    const publication = await target.publish(pkg)
    expect(publication.jobId).toMatch(/^job_[0-9a-f]+$/)
    expect(publication.state.verdict).toBe('pending')
    const upload = fs.server.requests.find((r) => r.method === 'POST')!
    expect(upload.path).toBe('/api/registry/publish')
    expect(upload.headers.authorization).toBe(`Bearer ${token}`)
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(upload.body.toString('latin1')).toContain(`name="file"; filename="pdf-tools-1.0.0.zip"`)
    expect(logger.lines).toContain(`info: Publishing: pdf-tools-1.0.0.zip as acme/pdf-tools v1.0.0 (scope acme from the token)`)
    expect(logger.lines).toContain(`info: Package queued: pdf-tools v1.0.0 (job: ${publication.jobId})`)

    const states = await pollUntilFinal(target, publication)
    expect(states.map((s) => s.verdict)).toEqual(['pending', 'pending', 'accepted'])
    expect(states[1]!.messages).toEqual(['Package is being validated'])
    expect(states[2]!.url).toMatch(/\/blobs\/acme\/pdf-tools\/pdf-tools-1\.0\.0\.zip$/)
    expect(fs.state.skills.get('acme/pdf-tools')?.has('1.0.0')).toBe(true)
  })

  test('newer servers: 308 to /api/v1/... is followed with the body re-sent, status polled there', async () => {
    await start({ versioned: true, pollsPerStep: 0 })
    const { registry: target } = registry(fs.state.token('acme'))
    const pkg = makePackage()
    const publication = await target.publish(pkg)
    const posts = fs.server.requests.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.path)).toEqual(['/api/registry/publish', '/api/v1/registry/publish'])
    expect(posts[1]!.body.length).toBe(posts[0]!.body.length)
    expect(posts[1]!.body.toString('latin1')).toContain('filename="pdf-tools-1.0.0.zip"')
    expect(publication.url).toContain('/api/v1/registry/publish/status/')
    const state = await target.status(publication)
    expect(state.verdict).toBe('accepted')
    expect(fs.server.requests.at(-1)!.path).toBe(`/api/v1/registry/publish/status/${publication.jobId}`)
  })

  test('a duplicate version is rejected in the job and said plainly', async () => {
    await start({ pollsPerStep: 0 })
    fs.state.seed('acme/pdf-tools', '1.0.0')
    const { registry: target } = registry(fs.state.token('acme/alice'))
    const publication = await target.publish(makePackage())
    const state = await target.status(publication)
    expect(state.verdict).toBe('rejected')
    expect(state.messages[0]).toMatch(
      /^version 1\.0\.0 of acme\/pdf-tools is already published; bump the version\. \(.*Version 1\.0\.0 already exists for skill acme\/pdf-tools\)$/
    )
  })

  test('validation errors come back as the messages of a rejected verdict', async () => {
    await start({ pollsPerStep: 0 })
    const { registry: target } = registry(fs.state.token('acme'))
    const pkg = makePackage({ files: { 'SKILL.md': '---\nname: pdf-tools\n---\nno description\n' } })
    const state = await target.status(await target.publish(pkg))
    expect(state.verdict).toBe('rejected')
    expect(state.messages).toEqual(['description must be a string of 1-1024 characters'])
  })

  test('servers without auth take uploads without a token', async () => {
    await start({ auth: 'optional', pollsPerStep: 0 })
    const { registry: target } = registry(undefined)
    const publication = await target.publish(makePackage())
    expect(fs.server.requests[0]!.headers.authorization).toBeUndefined()
    expect((await target.status(publication)).verdict).toBe('accepted')
  })

  test('empty 401 without a token says what to set', async () => {
    await start()
    const { registry: target } = registry(undefined)
    const error = await failure(target.publish(makePackage()))
    expect(error.message).toMatch(
      /publishing anonymous\/pdf-tools 1\.0\.0 to FastSkill \(http:\/\/127\.0\.0\.1:\d+\) failed: POST .* answered 401 with an empty body\. No token was sent: set the token input or FASTSKILL_API_TOKEN/
    )
  })

  test('empty 401 with a wrong token says what to check', async () => {
    await start()
    const another = await startFastSkillServer({ secret: 'another-server' })
    const foreign = another.state.token('acme')
    await another.server.close()
    const { registry: target } = registry(foreign)
    const error = await failure(target.publish(makePackage()))
    expect(error.message).toMatch(
      /answered 401 with an empty body\. Check the token \(token input or FASTSKILL_API_TOKEN\): is it complete, not expired, and issued by this server/
    )
  })

  test('an expired token is named as such', async () => {
    await start()
    const { registry: target } = registry(fs.state.token('acme', 'manager', -60))
    const error = await failure(target.publish(makePackage()))
    expect(error.message).toMatch(/The token expired at \d{4}-\d\d-\d\dT/)
  })

  test('403: the role message is passed through with a hint', async () => {
    await start()
    const { registry: target } = registry(fs.state.token('acme/bob', 'user'))
    const error = await failure(target.publish(makePackage()))
    expect(error.message).toMatch(
      /answered 403: Insufficient permissions\. Required: manager, Got: user\. Publishing needs a token with the manager \(or admin\) role; ask the registry admin for one \(this token's role: user\)/
    )
  })

  test('a job that never ends keeps reading pending', async () => {
    await start({ pollsPerStep: 'never' })
    const { registry: target } = registry(fs.state.token('acme'))
    const publication = await target.publish(makePackage())
    const states = await pollUntilFinal(target, publication, 5)
    expect(states.map((s) => s.verdict)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending'])
  })

  test('an unknown job is a clear error', async () => {
    await start()
    const { registry: target } = registry(fs.state.token('acme'))
    const error = await failure(
      target.status({ name: 'pdf-tools', version: '1.0.0', jobId: 'job_missing', state: { verdict: 'pending', messages: [] } })
    )
    expect(error.message).toMatch(/the registry does not know this job \(404\)/)
  })

  test('status polls survive 500/502/503 and a reset', async () => {
    await start({ pollsPerStep: 0 })
    const { registry: target, waits } = registry(fs.state.token('acme'))
    const publication = await target.publish(makePackage())
    fs.server.fault({ path: /status/ }, { kind: 'status', status: 502 })
    fs.server.fault({ path: /status/ }, { kind: 'reset' })
    expect((await target.status(publication)).verdict).toBe('accepted')
    fs.server.fault({ path: /status/ }, { kind: 'status', status: 500 })
    fs.server.fault({ path: /status/ }, { kind: 'status', status: 503 })
    expect((await target.status(publication)).verdict).toBe('accepted')
    expect(waits).toHaveLength(4)
  })

  test('a status poll that stays 503 past the retries is still pending, not a failure', async () => {
    await start({ pollsPerStep: 0 })
    const { registry: target } = registry(fs.state.token('acme'))
    const publication = await target.publish(makePackage())
    fs.server.fault({ path: /status/ }, { kind: 'status', status: 503, times: Infinity })
    expect((await target.status(publication)).verdict).toBe('pending')
  })

  test('429 on a status poll honours Retry-After; a long one becomes pending with the wait', async () => {
    await start({ pollsPerStep: 0 })
    const { registry: target, waits } = registry(fs.state.token('acme'))
    const publication = await target.publish(makePackage())
    fs.server.fault({ path: /status/ }, { kind: 'rate-limit', retryAfterSeconds: 2 })
    expect((await target.status(publication)).verdict).toBe('accepted')
    expect(waits).toEqual([2000])
    fs.server.fault({ path: /status/ }, { kind: 'rate-limit', retryAfterSeconds: 600, times: Infinity })
    const state = await target.status(publication)
    expect(state).toMatchObject({ verdict: 'pending' })
    expect(state.retryAfterMs).toBeGreaterThan(500_000)
  })

  test('bad JSON on a status poll names the URL', async () => {
    await start({ pollsPerStep: 0 })
    const { registry: target } = registry(fs.state.token('acme'))
    const publication = await target.publish(makePackage())
    fs.server.fault({ path: /status/ }, { kind: 'bad-json' })
    const error = await failure(target.status(publication))
    expect(error.message).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/api\/registry\/publish\/status\/job_\w+ answered 200 with "\{"success": tru", which is not JSON/
    )
  })

  test('an upload reset before it reached the server is sent again once', async () => {
    await start({ pollsPerStep: 0 })
    const { registry: target, logger } = registry(fs.state.token('acme'))
    fs.server.fault({ method: 'POST' }, { kind: 'reset' })
    const publication = await target.publish(makePackage())
    expect(fs.server.requests.filter((r) => r.method === 'POST')).toHaveLength(2)
    expect(fs.state.jobs.size).toBe(1)
    expect((await target.status(publication)).verdict).toBe('accepted')
    expect(logger.lines.join('\n')).toMatch(/may or may not have been stored/)
  })

  test('a resend that meets an existing version is reported as probably our own first upload', async () => {
    await start({ pollsPerStep: 0 })
    // As if the first upload was stored and its answer lost: the version is there, the POST answered 502.
    fs.state.seed('acme/pdf-tools', '1.0.0')
    fs.server.fault({ method: 'POST' }, { kind: 'status', status: 502 })
    const { registry: target } = registry(fs.state.token('acme'))
    const state = await target.status(await target.publish(makePackage()))
    expect(state.verdict).toBe('rejected')
    expect(state.messages[0]).toMatch(
      /first upload of this run lost its connection and was sent again, so the existing version is probably this run's own upload/
    )
  })

  test('an upload is refused over plain http to a non-loopback host', async () => {
    await start()
    const token = fs.state.token('acme')
    tokens.push(token)
    const target = createRegistry(registryConfig({ kind: 'fastskill', target: 'http://registry.example.com', token }), {
      logger: memoryLogger(),
      force: false
    })
    const error = await failure(target.publish(makePackage()))
    expect(error.message).toMatch(/refusing to send the registry token over plain http to registry\.example\.com/)
  })

  test('remove() and lookup(): FastSkill has no API for them', async () => {
    await start()
    const { registry: target } = registry(fs.state.token('acme'))
    expect(await target.lookup({ name: 'pdf-tools', version: '1.0.0' })).toBeUndefined()
    const error = await failure(target.remove({ name: 'pdf-tools', version: '1.0.0' }))
    expect(error.message).toMatch(/removing acme\/pdf-tools 1\.0\.0: the FastSkill API has no way to delete a version/)
  })
})

describe('FastSkill registry index', () => {
  const zipOf = (pkg: ReturnType<typeof makePackage>) => readFileSync(pkg.zipPath)
  const uploads = () => fs.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/publish'))

  test('same version, same bytes: find() says sameContent from the index (cksum = SHA-256 of the zip)', async () => {
    await start({ pollsPerStep: 0 })
    const pkg = makePackage()
    fs.state.seed('acme/pdf-tools', '1.0.0', zipOf(pkg))
    const { registry: target } = registry(fs.state.token('acme/alice'))
    expect(await target.find(pkg)).toMatchObject({ sameContent: true, remoteDigest: `sha256 ${pkg.sha256}` })
    expect(fs.server.requests.map((r) => r.path)).toEqual(['/index/acme/pdf-tools'])
  })

  test('same version, other bytes: not the same content, naming the stored checksum', async () => {
    await start()
    fs.state.seed('acme/pdf-tools', '1.0.0', Buffer.from('other bytes'))
    const { registry: target } = registry(fs.state.token('acme/alice'))
    const found = await target.find(makePackage())
    expect(found).toMatchObject({ sameContent: false, remoteDigest: expect.stringMatching(/^sha256 [0-9a-f]{64}$/) })
    expect(found?.remoteDigest).not.toContain(makePackage().sha256)
  })

  test('an unknown skill (404 in the error envelope) or another version: nothing there', async () => {
    await start()
    fs.state.seed('acme/pdf-tools', '0.9.0', Buffer.from('x'))
    const { registry: target, logger } = registry(fs.state.token('acme/alice'))
    expect(await target.find(makePackage())).toBeUndefined()
    expect(await target.find(makePackage({ name: 'csv-tools' }))).toBeUndefined()
    expect(logger.lines.filter((line) => line.includes('no registry index'))).toEqual([])
  })

  test('a server without the index route keeps uploading as before, said once', async () => {
    await start({ index: false, pollsPerStep: 0 })
    const { registry: target, logger } = registry(fs.state.token('acme/alice'))
    expect(await target.find(makePackage())).toBeUndefined()
    expect(await target.find(makePackage({ name: 'csv-tools' }))).toBeUndefined()
    expect(fs.server.requests.filter((r) => r.path.startsWith('/index/'))).toHaveLength(1)
    expect(logger.lines.filter((line) => line.includes('serves no registry index'))).toHaveLength(1)
    await target.publish(makePackage())
    expect(uploads()).toHaveLength(1)
  })

  test('anonymous servers: the index is read under the anonymous scope, and ids are shown with it', async () => {
    await start({ auth: 'optional', anonymousScope: 'anonymous', pollsPerStep: 0 })
    const { registry: target, logger } = registry(undefined)
    const pkg = makePackage()
    await target.status(await target.publish(pkg))
    expect(logger.lines.some((line) => line.includes('as anonymous/pdf-tools v1.0.0'))).toBe(true)
    expect(await target.find(pkg)).toMatchObject({ sameContent: true })
    expect(fs.server.requests.some((r) => r.path === '/index/anonymous/pdf-tools')).toBe(true)
  })

  test('a job queued under another id or version than asked is an error naming both', async () => {
    await start({ pollsPerStep: 0 })
    const { registry: target } = registry(fs.state.token('acme/alice'))
    const pkg = makePackage({
      name: 'beta',
      files: { 'SKILL.md': '---\nname: beta\ndescription: d\n---\n', 'skill-project.toml': '[metadata]\nid = "alpha"\nversion = "9.9.9"\n' }
    })
    const error = await failure(target.publish(pkg))
    expect(error.message).toMatch(/publishing acme\/beta 1\.0\.0 to FastSkill: the registry queued it as acme\/alpha 9\.9\.9/)
  })
})

describe('jwt', () => {
  const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`

  test.each([
    ['acme', 'acme'],
    ['acme/alice', 'acme'],
    ['company/dev-team/bob', 'company']
  ])('sub %s -> scope %s (the seed table)', (sub, scope) => {
    expect(scopeOf(decodeJwt(jwt({ sub }))?.sub)).toBe(scope)
  })

  test('opaque tokens decode to nothing; expiry is read', () => {
    expect(decodeJwt('not-a-jwt')).toBeUndefined()
    expect(decodeJwt('a.!!!.c')).toBeUndefined()
    expect(expiredAt({ exp: 100 }, 200_000)?.toISOString()).toBe('1970-01-01T00:01:40.000Z')
    expect(expiredAt({ exp: 1000 }, 200_000)).toBeUndefined()
  })
})
