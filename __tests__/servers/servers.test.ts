import {
  Router,
  clawhubFingerprint,
  readZip,
  redirectToOrigin,
  sha256Hex,
  startArtifactoryServer,
  startClawHubServer,
  startFastSkillServer,
  startServer,
  writeZip,
  type ArtifactoryServer,
  type ClawHubServer,
  type FastSkillServer,
  type TestServer
} from './index.js'

describe('harness', () => {
  let server: TestServer
  beforeEach(async () => {
    const router = new Router()
      .get('/hello/:name', (_req, res, params) => res.json(200, { hello: params.name }))
      .post('/echo', (req, res) => res.send(200, req.body, { 'content-type': 'application/octet-stream' }))
    server = await startServer(router.handle)
  })
  afterEach(() => server.close())

  it('routes, records full requests and 404s unknown paths', async () => {
    const r1 = await fetch(`${server.url}/hello/wor%20ld?x=1`, { headers: { 'X-Test': 'a' } })
    expect(await r1.json()).toEqual({ hello: 'wor ld' })
    const body = Buffer.alloc(300_000, 7)
    const r2 = await fetch(`${server.url}/echo`, { method: 'POST', body })
    expect(Buffer.from(await r2.arrayBuffer()).equals(body)).toBe(true)
    expect((await fetch(`${server.url}/nope`)).status).toBe(404)
    expect((await fetch(`${server.url}/echo`)).status).toBe(405)
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /hello/wor%20ld', 'POST /echo', 'GET /nope', 'GET /echo'])
    expect(server.requests[0]!.headers['x-test']).toBe('a')
    expect(server.requests[0]!.url.searchParams.get('x')).toBe('1')
    expect(server.requests[1]!.body.equals(body)).toBe(true)
  })

  it('status fault answers once by default, then the real handler runs', async () => {
    server.fault({ path: '/hello/a' }, { kind: 'status', status: 503, body: 'down', headers: { 'x-why': 'test' } })
    const r1 = await fetch(`${server.url}/hello/a`)
    expect(r1.status).toBe(503)
    expect(r1.headers.get('x-why')).toBe('test')
    expect(await r1.text()).toBe('down')
    expect((await fetch(`${server.url}/hello/a`)).status).toBe(200)
  })

  it('faults match method and RegExp, count times, Infinity and clearFaults', async () => {
    server.fault({ method: 'POST', path: /^\/hello/ }, { kind: 'status', status: 500 })
    expect((await fetch(`${server.url}/hello/a`)).status).toBe(200)
    server.clearFaults()
    server.fault({ path: /^\/hello\// }, { kind: 'status', status: 502, times: 2 })
    expect((await fetch(`${server.url}/hello/a`)).status).toBe(502)
    expect((await fetch(`${server.url}/hello/b`)).status).toBe(502)
    expect((await fetch(`${server.url}/hello/c`)).status).toBe(200)
    server.fault({}, { kind: 'status', status: 500, times: Infinity })
    for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}/hello/a`)).status).toBe(500)
    server.clearFaults()
    expect((await fetch(`${server.url}/hello/a`)).status).toBe(200)
  })

  it('rate-limit answers 429 with Retry-After', async () => {
    server.fault({}, { kind: 'rate-limit', retryAfterSeconds: 7 })
    const res = await fetch(`${server.url}/hello/a`)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('7')
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
  })

  it('reset destroys the connection', async () => {
    server.fault({}, { kind: 'reset' })
    // jest runs tests in a vm realm, so compare error names, not constructors
    await expect(fetch(`${server.url}/echo`, { method: 'POST', body: 'x' })).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed'
    })
    expect(server.requests).toHaveLength(1)
    expect((await fetch(`${server.url}/hello/a`)).status).toBe(200)
  })

  it('slow answers late (and a client timeout fires first)', async () => {
    server.fault({}, { kind: 'slow', delayMs: 300 })
    const started = Date.now()
    const res = await fetch(`${server.url}/hello/a`)
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    server.fault({}, { kind: 'slow', delayMs: 5_000 })
    await expect(fetch(`${server.url}/hello/a`, { signal: AbortSignal.timeout(100) })).rejects.toThrow()
  })

  it('bad-json answers 200 with invalid JSON', async () => {
    server.fault({}, { kind: 'bad-json' })
    const res = await fetch(`${server.url}/hello/a`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/json/)
    await expect(res.json()).rejects.toMatchObject({ name: 'SyntaxError' })
  })

  it('redirect sends the client to another origin', async () => {
    const other = await startServer((_req, res) => res.text(200, 'elsewhere'))
    try {
      server.fault({ path: '/hello/a' }, { kind: 'redirect', location: (req) => `${other.url}${req.path}`, status: 307 })
      const res = await fetch(`${server.url}/hello/a`, { headers: { authorization: 'Bearer secret' } })
      expect(await res.text()).toBe('elsewhere')
      expect(other.requests[0]!.path).toBe('/hello/a')
      // fetch itself strips Authorization on a cross-origin redirect
      expect(other.requests[0]!.headers.authorization).toBeUndefined()
    } finally {
      await other.close()
    }
  })
})

// ---------------------------------------------------------------------------------------------

const SKILL_MD = '---\nname: web-scraper\ndescription: Scrapes the web.\nmetadata:\n  version: "1.0.0"\n---\n# Web scraper\n'
const TOML = '[metadata]\nid = "web-scraper"\nversion = "1.0.0"\n'

function fastSkillZip(overrides: { skillMd?: string; toml?: string | null; folder?: string } = {}): Buffer {
  const folder = overrides.folder ?? ''
  const entries = [{ path: `${folder}SKILL.md`, data: Buffer.from(overrides.skillMd ?? SKILL_MD) }]
  if (overrides.toml !== null) entries.push({ path: 'skill-project.toml', data: Buffer.from(overrides.toml ?? TOML) })
  return writeZip(entries)
}

function zipForm(zip: Buffer, part = 'file', filename = 'web-scraper-1.0.0.zip'): FormData {
  const form = new FormData()
  form.append(part, new Blob([new Uint8Array(zip)], { type: 'application/zip' }), filename)
  return form
}

describe('zip helpers', () => {
  it("round-trips through the project's own zip reader and writer too", async () => {
    const { mkdtempSync, writeFileSync, readFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { extractZip } = await import('../../src/core/package/unzip.js')
    const { buildPackage } = await import('../../src/core/package/index.js')
    const { DEFAULT_LIMITS } = await import('../../src/config.js')
    const dir = mkdtempSync(join(tmpdir(), 'zip-'))
    try {
      const zip = writeZip([
        { path: 'a/b.txt', data: Buffer.from('hello') },
        { path: 'SKILL.md', data: Buffer.from('x'.repeat(1000)) }
      ])
      writeFileSync(join(dir, 'x.zip'), zip)
      await extractZip(join(dir, 'x.zip'), join(dir, 'out'), DEFAULT_LIMITS)
      expect(readFileSync(join(dir, 'out/a/b.txt'), 'utf8')).toBe('hello')
      const pkg = await buildPackage(
        { dir: join(dir, 'out'), path: 'out', name: 'out', version: '1.0.0' },
        { flavour: 'artifactory', outDir: join(dir, 'built'), limits: DEFAULT_LIMITS, allowSecrets: [] }
      )
      const read = readZip(readFileSync(pkg.zipPath))
      expect(read.map((e) => e.path).sort()).toEqual(['SKILL.md', 'a/b.txt'])
      expect(read.find((e) => e.path === 'SKILL.md')!.data.toString()).toBe('x'.repeat(1000))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('computes the ClawHub fingerprint in localeCompare order without skill-card.md', () => {
    const files = [
      { path: 'b.md', data: Buffer.from('b') },
      { path: 'B.md', data: Buffer.from('B') },
      { path: 'a/_x.md', data: Buffer.from('x') },
      { path: 'skill-card.md', data: Buffer.from('card') }
    ]
    const order = ['a/_x.md', 'b.md', 'B.md'] // localeCompare: lower before upper; code-unit order would put B.md first
    const expected = sha256Hex(order.map((p) => `${p}:${sha256Hex(files.find((f) => f.path === p)!.data)}`).join('\n'))
    expect(clawhubFingerprint(files)).toBe(expected)
  })
})

describe('FastSkill server', () => {
  let fs: FastSkillServer
  afterEach(() => fs.server.close())

  const publish = (body: FormData, token?: string, path = '/api/registry/publish') =>
    fetch(`${fs.server.url}${path}`, { method: 'POST', body, headers: token ? { authorization: `Bearer ${token}` } : {} })
  const status = (jobId: string, token: string) =>
    fetch(`${fs.server.url}${fs.state.apiPrefix}/publish/status/${jobId}`, { headers: { authorization: `Bearer ${token}` } }).then((r) =>
      r.json()
    )

  it('issues tokens, accepts an upload and walks pending -> validating -> accepted', async () => {
    fs = await startFastSkillServer()
    const tokenRes = await fetch(`${fs.server.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'manager', username: 'acme/alice' })
    })
    const token = ((await tokenRes.json()) as { data: { token: string } }).data.token
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; role: string }
    expect(claims).toMatchObject({ sub: 'acme/alice', role: 'manager' })

    const res = await publish(zipForm(fastSkillZip()), token)
    expect(res.status).toBe(200)
    const upload = (await res.json()) as { data: { jobId: string } }
    expect(upload).toEqual({
      success: true,
      data: {
        jobId: expect.stringMatching(/^job_[0-9a-f]+$/),
        status: 'pending',
        skillId: 'acme/web-scraper',
        version: '1.0.0',
        message: 'Package queued for validation'
      },
      error: null,
      meta: null
    })
    const seen = []
    for (let i = 0; i < 4; i++) seen.push((await status(upload.data.jobId, token)).data.status)
    expect(seen).toEqual(['pending', 'validating', 'accepted', 'accepted'])
    const final = (await status(upload.data.jobId, token)).data
    expect(final).toMatchObject({
      skillId: 'acme/web-scraper',
      checksum: `sha256:${sha256Hex(fastSkillZip())}`,
      uploadedBy: 'acme/alice',
      validationErrors: [],
      publishedToBlobStorage: true,
      publishedToRegistryIndex: true,
      blobStorageUrl: expect.stringContaining('web-scraper-1.0.0.zip')
    })
    expect(typeof final.uploadedAt).toBe('string')
    expect(fs.state.skills.get('acme/web-scraper')?.has('1.0.0')).toBe(true)
    // the recorded body is the full multipart upload
    expect(fs.server.requests.find((r) => r.method === 'POST' && r.path === '/api/registry/publish')!.body.includes(fastSkillZip())).toBe(
      true
    )
  })

  it('accepts the `package` part name and SKILL.md one folder down', async () => {
    fs = await startFastSkillServer({ pollsPerStep: 0 })
    const token = fs.state.token('acme/alice')
    const res = await publish(zipForm(fastSkillZip({ folder: 'web-scraper/' }), 'package'), token)
    const { data } = (await res.json()) as { data: { jobId: string } }
    expect((await status(data.jobId, token)).data.status).toBe('accepted')
  })

  it('rejects a duplicate version inside the job, not with an HTTP error', async () => {
    fs = await startFastSkillServer({ pollsPerStep: 0 })
    fs.state.seed('acme/web-scraper', '1.0.0')
    const token = fs.state.token('acme/alice')
    const res = await publish(zipForm(fastSkillZip()), token)
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as { data: { jobId: string } }
    const job = (await status(data.jobId, token)).data
    expect(job.status).toBe('rejected')
    expect(job.validationErrors).toEqual([expect.stringMatching(/Version 1\.0\.0 already exists for skill acme\/web-scraper$/)])
    expect(job.publishedToBlobStorage).toBe(false)
  })

  it('rejects server-side check failures with validationErrors', async () => {
    fs = await startFastSkillServer({ pollsPerStep: 0 })
    const token = fs.state.token('acme/alice')
    const bad = fastSkillZip({
      skillMd: '---\nname: Web_Scraper\ndescription: ""\nmetadata:\n  count: 3\n---\n',
      toml: '[metadata]\nid = "Web_Scraper"\nversion = "../1.0.0"\n'
    })
    const { data } = (await (await publish(zipForm(bad), token)).json()) as { data: { jobId: string } }
    const job = (await status(data.jobId, token)).data
    expect(job.status).toBe('rejected')
    const errors = (job.validationErrors as string[]).join('\n')
    expect(errors).toMatch(/Invalid skill name "Web_Scraper"/)
    expect(errors).toMatch(/Invalid version "\.\.\/1\.0\.0"/)
    expect(errors).toMatch(/description must be/)
    expect(errors).toMatch(/metadata\.count must be a string/)
  })

  it('stays pending forever with pollsPerStep never; unknown job is 404', async () => {
    fs = await startFastSkillServer({ pollsPerStep: 'never' })
    const token = fs.state.token('acme/alice')
    const { data } = (await (await publish(zipForm(fastSkillZip()), token)).json()) as { data: { jobId: string } }
    for (let i = 0; i < 5; i++) expect((await status(data.jobId, token)).data.status).toBe('pending')
    const missing = await fetch(`${fs.server.url}/api/registry/publish/status/job_nope`, { headers: { authorization: `Bearer ${token}` } })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: 'Job not found: job_nope', details: null }
    })
  })

  it('auth: bare 401 with an empty body, 403 for role user, optional mode allows no token', async () => {
    fs = await startFastSkillServer()
    const none = await publish(zipForm(fastSkillZip()))
    expect(none.status).toBe(401)
    expect(await none.text()).toBe('')
    const forged = await publish(zipForm(fastSkillZip()), startFastSkillServerToken())
    expect(forged.status).toBe(401)
    const user = await publish(zipForm(fastSkillZip()), fs.state.token('acme/bob', 'user'))
    expect(user.status).toBe(403)
    expect(await user.json()).toEqual({
      success: false,
      error: { code: 'FORBIDDEN', message: 'Insufficient permissions. Required: manager, Got: user', details: null }
    })
    expect(fs.state.jobs.size).toBe(0)
    await fs.server.close()

    fs = await startFastSkillServer({ auth: 'optional', anonymousScope: 'dev' })
    const anon = await publish(zipForm(fastSkillZip()))
    expect(anon.status).toBe(200)
    expect(((await anon.json()) as { data: { skillId: string } }).data.skillId).toBe('dev/web-scraper')
  })

  it('refuses bad uploads: no file part, two parts, no toml, over 2 MB', async () => {
    fs = await startFastSkillServer()
    const token = fs.state.token('acme/alice')
    const wrongPart = await publish(zipForm(fastSkillZip(), 'upload'), token)
    expect(wrongPart.status).toBe(400)
    expect(((await wrongPart.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST')
    const two = zipForm(fastSkillZip())
    two.append('package', new Blob([new Uint8Array(fastSkillZip())]), 'b.zip')
    expect((await publish(two, token)).status).toBe(400)
    const noToml = await publish(zipForm(fastSkillZip({ toml: null })), token)
    expect(noToml.status).toBe(400)
    expect(((await noToml.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR')
    const big = await publish(zipForm(Buffer.alloc(2 * 1024 * 1024 + 1)), token)
    expect(big.status).toBe(413)
  })

  it('versioned servers answer the old path with 308; re-sending the body there succeeds', async () => {
    fs = await startFastSkillServer({ versioned: true, pollsPerStep: 0 })
    const token = fs.state.token('acme/alice')
    const manual = await fetch(`${fs.server.url}/api/registry/publish/status/job_x?a=1`, { redirect: 'manual' })
    expect(manual.status).toBe(308)
    expect(manual.headers.get('location')).toBe('/api/v1/registry/publish/status/job_x?a=1')

    // Node 20's fetch re-serialises a FormData body on 307/308 with a NEW boundary but keeps the
    // old Content-Type, so a real multipart parser refuses it: clients must follow these by hand.
    const first = await publish(zipForm(fastSkillZip()), token)
    expect(first.status === 200 || first.status === 400).toBe(true)
    const redirected = await fetch(`${fs.server.url}/api/registry/publish`, {
      method: 'POST',
      body: zipForm(fastSkillZip()),
      redirect: 'manual',
      headers: { authorization: `Bearer ${token}` }
    })
    expect(redirected.status).toBe(308)
    const target = new URL(redirected.headers.get('location')!, fs.server.url)
    const res = await publish(zipForm(fastSkillZip()), token, target.pathname)
    expect(res.status).toBe(200)
    const last = fs.server.requests.at(-1)!
    expect(last.path).toBe('/api/v1/registry/publish')
    expect(last.headers.authorization).toBe(`Bearer ${token}`)
    const { data } = (await res.json()) as { data: { jobId: string } }
    expect((await status(data.jobId, token)).data.status).toBe('accepted')
  })

  it('faults compose with the real routes', async () => {
    fs = await startFastSkillServer()
    const token = fs.state.token('acme/alice')
    fs.server.fault(
      { method: 'POST', path: '/api/registry/publish' },
      {
        kind: 'status',
        status: 503,
        body: JSON.stringify({ success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'try later', details: null } })
      }
    )
    expect((await publish(zipForm(fastSkillZip()), token)).status).toBe(503)
    expect(fs.state.jobs.size).toBe(0)
    expect((await publish(zipForm(fastSkillZip()), token)).status).toBe(200)
  })
})

/** A token signed with a different secret. */
function startFastSkillServerToken(): string {
  const head = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')
  const body = Buffer.from('{"sub":"acme/alice","role":"manager"}').toString('base64url')
  return `${head}.${body}.c2lnbmF0dXJl`
}

// ---------------------------------------------------------------------------------------------

const CLAWHUB_FILES = [
  { path: 'SKILL.md', data: Buffer.from('---\nname: web-scraper\ndescription: Scrapes.\n---\n') },
  { path: 'references/a.md', data: Buffer.from('# A\n') },
  { path: 'skill-card.md', data: Buffer.from('card') }
]

function clawForm(payload: Record<string, unknown>, files = CLAWHUB_FILES, partName = 'files'): FormData {
  const form = new FormData()
  form.append('payload', JSON.stringify(payload))
  for (const f of files) form.append(partName, new Blob([new Uint8Array(f.data)], { type: 'text/markdown' }), f.path)
  return form
}

const PAYLOAD = {
  slug: 'web-scraper',
  displayName: 'Web Scraper',
  version: '1.0.0',
  changelog: '',
  acceptLicenseTerms: true,
  tags: ['latest']
}
const AUTH = { authorization: 'Bearer clh_test_token' }

describe('ClawHub server', () => {
  let ch: ClawHubServer
  afterEach(() => ch.server.close())
  const api = (path: string, init: RequestInit = {}) => fetch(`${ch.state.apiBase}/${path}`, init)

  it('serves discovery in each flavour', async () => {
    ch = await startClawHubServer()
    expect(await (await fetch(`${ch.server.url}/.well-known/clawhub.json`)).json()).toMatchObject({
      apiBase: ch.server.url,
      minCliVersion: '0.1.0'
    })
    await ch.server.close()

    ch = await startClawHubServer({ discovery: 'relative' })
    const relative = (await (await fetch(`${ch.server.url}/.well-known/clawhub.json`)).json()) as { apiBase: string }
    expect(relative.apiBase).toBe('/api/compat')
    const base = new URL(relative.apiBase, ch.server.url).href
    expect((await fetch(new URL('api/v1/whoami', `${base}/`), { headers: AUTH })).status).toBe(200)
    await ch.server.close()

    ch = await startClawHubServer({ discovery: 'legacy' })
    expect((await fetch(`${ch.server.url}/.well-known/clawhub.json`)).status).toBe(404)
    expect(await (await fetch(`${ch.server.url}/.well-known/clawdhub.json`)).json()).toEqual({ registry: ch.server.url })
    await ch.server.close()

    ch = await startClawHubServer({ discovery: 'none' })
    expect((await fetch(`${ch.server.url}/.well-known/clawhub.json`)).status).toBe(404)
  })

  it('whoami and 401 texts', async () => {
    ch = await startClawHubServer()
    expect(await (await api('api/v1/whoami', { headers: AUTH })).json()).toMatchObject({ user: { handle: 'alice' } })
    const missing = await api('api/v1/whoami')
    expect(missing.status).toBe(401)
    expect(await missing.text()).toMatch(/missing/)
    const bad = await api('api/v1/whoami', { headers: { authorization: 'Bearer clh_nope' } })
    expect(bad.status).toBe(401)
    expect(await bad.text()).toMatch(/invalid or revoked/)
  })

  it('publishes multipart files, stores the fingerprint, and resolve matches it', async () => {
    ch = await startClawHubServer()
    const res = await api('api/v1/skills', { method: 'POST', headers: AUTH, body: clawForm(PAYLOAD) })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      ok: true,
      skillId: expect.stringMatching(/^sk_/),
      versionId: expect.stringMatching(/^sv_/),
      slug: 'web-scraper',
      version: '1.0.0',
      status: 'published',
      publicationStatus: 'published'
    })
    const stored = ch.state.skills.get('web-scraper')!.versions.get('1.0.0')!
    expect(stored.files.map((f) => f.path)).toEqual(['SKILL.md', 'references/a.md', 'skill-card.md'])
    const fingerprint = clawhubFingerprint(CLAWHUB_FILES)
    expect(stored.fingerprint).toBe(fingerprint)

    const hit = await (await api(`api/v1/resolve?slug=web-scraper&hash=${fingerprint}`, { headers: AUTH })).json()
    expect(hit).toEqual({ slug: 'web-scraper', match: { version: '1.0.0' }, latestVersion: { version: '1.0.0' } })
    const miss = await (await api(`api/v1/resolve?slug=web-scraper&hash=${'0'.repeat(64)}`, { headers: AUTH })).json()
    expect(miss).toMatchObject({ match: null, latestVersion: { version: '1.0.0' } })
    expect((await api(`api/v1/resolve?slug=unknown-skill&hash=${fingerprint}`, { headers: AUTH })).status).toBe(404)

    // The real multipart parser reads only `files` parts: `files[]` (Artifactory's spelling) leaves none.
    const again = await api('api/v1/skills', {
      method: 'POST',
      headers: AUTH,
      body: clawForm({ ...PAYLOAD, version: '1.1.0' }, CLAWHUB_FILES, 'files[]')
    })
    expect([again.status, await again.text()]).toEqual([400, 'files required'])
  })

  it('validates like the real server: 400 text/plain with the real messages', async () => {
    ch = await startClawHubServer({ maxFileBytes: 1000, maxBundleBytes: 1500 })
    ch.state.seed({ slug: 'taken-skill', ownerHandle: 'mallory', version: '1.0.0' })
    const post = async (payload: Record<string, unknown>, files = CLAWHUB_FILES) => {
      const res = await api('api/v1/skills', { method: 'POST', headers: AUTH, body: clawForm(payload, files) })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
      return res.text()
    }
    expect(await post({ ...PAYLOAD, acceptLicenseTerms: false })).toBe('MIT-0 license terms must be accepted to publish skills')
    expect(await post({ ...PAYLOAD, version: '1.0' })).toBe('Version must be valid semver')
    // What the schemas of the clawhub package refuse, in their words.
    expect(await post({ ...PAYLOAD, displayName: undefined })).toMatch(/^Publish payload: displayName/)
    expect(await post({ ...PAYLOAD, tags: undefined })).toMatch(/^Publish payload: tags/)
    expect(await post({ ...PAYLOAD, source: { kind: 'github', url: 'u', repo: 'r', ref: 'x', commit: 'c', path: '.' } })).toMatch(
      /^Publish payload: source\.importedAt/
    )
    expect(await post({ ...PAYLOAD, slug: 'taken-skill' })).toBe(
      'Slug is already taken. Choose a different slug. Existing skill: /mallory/taken-skill'
    )
    expect(await post({ ...PAYLOAD, slug: 'api' })).toMatch(/reserved/)
    expect(await post({ ...PAYLOAD, slug: 'openclaw-thing' })).toMatch(/protected/)
    expect(await post(PAYLOAD, [CLAWHUB_FILES[1]!])).toBe('SKILL.md is required')
    expect(await post(PAYLOAD, [...CLAWHUB_FILES, { path: 'big.bin', data: Buffer.alloc(1001) }])).toBe('File "big.bin" exceeds 10MB limit')
    expect(
      await post(PAYLOAD, [...CLAWHUB_FILES, { path: 'a.bin', data: Buffer.alloc(900) }, { path: 'b.bin', data: Buffer.alloc(900) }])
    ).toBe('Skill bundle exceeds 50MB limit')
    ch.state.seed({ slug: 'web-scraper', ownerHandle: 'alice', version: '1.0.0' })
    expect(await post(PAYLOAD)).toBe('Version 1.0.0 already exists. Increment the version number and try again.')

    const json = await api('api/v1/skills', {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(PAYLOAD)
    })
    // JSON is the upload-url flow's publish: files must come with upload tickets.
    expect([json.status, await json.text()]).toEqual([400, expect.stringMatching(/^Publish payload: files/)])
    const xml = await api('api/v1/skills', { method: 'POST', headers: { ...AUTH, 'content-type': 'application/xml' }, body: '<x/>' })
    expect(xml.status).toBe(415)
  })

  it('wraps messages the Convex way when asked', async () => {
    ch = await startClawHubServer({ convexWrappers: true })
    const res = await api('api/v1/skills', { method: 'POST', headers: AUTH, body: clawForm({ ...PAYLOAD, version: 'x' }) })
    expect(await res.text()).toMatch(
      /^\[CONVEX M\(skills:publishVersion\)\] \[Request ID: [0-9a-f]+\] Server Error Uncaught ConvexError: Version must be valid semver$/
    )
  })

  it('hides a version pending publication (404), then while its scan holds it (423), and scripts scans', async () => {
    ch = await startClawHubServer({ pollsUntilPublic: 1, pollsHeld: 1, scanScript: ['pending', 'pending', 'clean'] })
    const res = await (await api('api/v1/skills', { method: 'POST', headers: AUTH, body: clawForm(PAYLOAD) })).json()
    expect(res).toMatchObject({ status: 'pending', publicationStatus: 'pending' })
    expect((await api('api/v1/skills/web-scraper/versions/1.0.0', { headers: AUTH })).status).toBe(404)
    expect((await api('api/v1/skills/web-scraper/versions/1.0.0')).status).toBe(423)
    const visible = await api('api/v1/skills/web-scraper/versions/1.0.0', { headers: AUTH })
    expect(visible.status).toBe(200)
    expect(await visible.json()).toMatchObject({ version: { version: '1.0.0' }, skill: { slug: 'web-scraper' } })

    const scans = []
    for (let i = 0; i < 4; i++)
      scans.push(
        ((await (await api('api/v1/skills/web-scraper/scan?version=1.0.0', { headers: AUTH })).json()) as { security: { status: string } })
          .security.status
      )
    expect(scans).toEqual(['pending', 'pending', 'clean', 'clean'])

    ch.state.setScanScript('web-scraper', ['malicious'], '1.0.0')
    expect(await (await api('api/v1/skills/web-scraper/scan?version=1.0.0')).json()).toMatchObject({ security: { status: 'malicious' } })
    ch.state.setModeration('web-scraper', 'hidden')
    expect((await api('api/v1/skills/web-scraper/scan?version=1.0.0', { headers: AUTH })).status).toBe(403)
    ch.state.setModeration('web-scraper', 'removed')
    expect((await api('api/v1/skills/web-scraper/versions/1.0.0', { headers: AUTH })).status).toBe(410)
  })

  it('can redirect a route to another origin (fetch drops Authorization there)', async () => {
    ch = await startClawHubServer()
    const elsewhere = await startServer((_req, res) => res.json(200, { user: { handle: 'evil' } }))
    try {
      redirectToOrigin(ch.server, elsewhere.url, { path: '/api/v1/whoami' })
      const res = await api('api/v1/whoami', { headers: AUTH })
      expect(await res.json()).toEqual({ user: { handle: 'evil' } })
      expect(ch.server.requests[0]!.headers.authorization).toBe('Bearer clh_test_token')
      expect(elsewhere.requests[0]!.path).toBe('/api/v1/whoami')
      expect(elsewhere.requests[0]!.headers.authorization).toBeUndefined()
    } finally {
      await elsewhere.close()
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('Artifactory server', () => {
  let art: ArtifactoryServer
  afterEach(() => art.server.close())
  const BEARER = { authorization: 'Bearer art_test_token' }
  const BASIC = { authorization: `Basic ${Buffer.from('admin:art_test_token').toString('base64')}` }
  const skillsApi = (path: string, init: RequestInit = {}) => fetch(`${art.server.url}/artifactory/api/skills/skills-local/${path}`, init)
  const zip = writeZip(CLAWHUB_FILES.slice(0, 2))
  const put = (headers: Record<string, string>, path = 'web-scraper/1.0.0/web-scraper-1.0.0.zip', body: Buffer = zip) =>
    fetch(`${art.server.url}/artifactory/skills-local/${path}`, { method: 'PUT', headers, body: new Uint8Array(body) })

  it('auth: Bearer and Basic pass, others get the JSON errors body; well-known is anonymous', async () => {
    art = await startArtifactoryServer()
    expect((await skillsApi('api/v1/skills', { headers: BEARER })).status).toBe(200)
    expect((await skillsApi('api/v1/skills', { headers: BASIC })).status).toBe(200)
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: 'Token art_test_token' }] as Record<string, string>[]) {
      const res = await skillsApi('api/v1/skills', { headers })
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ errors: [{ status: 401, message: expect.any(String) }] })
    }
    expect(await (await skillsApi('.well-known/clawhub.json')).json()).toEqual({
      apiBase: `${art.server.url}/artifactory/api/skills/skills-local`,
      minCliVersion: '0.1.0'
    })
    expect((await fetch(`${art.server.url}/artifactory/api/skills/nope/api/v1/skills`, { headers: BEARER })).status).toBe(404)
    expect(
      (await fetch(`${art.server.url}/artifactory/nope/a/1.0.0/a-1.0.0.zip`, { method: 'PUT', headers: BEARER, body: 'x' })).status
    ).toBe(404)
  })

  it('deploys by PUT with checksums (201), refuses mismatches (409) and bad layouts (400)', async () => {
    art = await startArtifactoryServer()
    const res = await put({ ...BEARER, 'x-checksum-sha256': sha256Hex(zip) })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({
      repo: 'skills-local',
      path: '/web-scraper/1.0.0/web-scraper-1.0.0.zip',
      size: String(zip.length),
      checksums: { sha256: sha256Hex(zip) }
    })
    expect(art.state.item('skills-local', 'web-scraper', '1.0.0')!.zip.equals(zip)).toBe(true)
    expect((await put({ ...BEARER, 'x-checksum-sha256': '0'.repeat(64) }, 'web-scraper/1.1.0/web-scraper-1.1.0.zip')).status).toBe(409)
    expect(art.state.item('skills-local', 'web-scraper', '1.1.0')).toBeUndefined()
    expect((await put(BEARER, 'Web/1.0.0/Web-1.0.0.zip')).status).toBe(400)
    expect((await put(BEARER, 'web-scraper/1.0.0/other-1.0.0.zip')).status).toBe(400)
  })

  it('serves versions with the zip fingerprint, detail, resolve, listing, download, file', async () => {
    art = await startArtifactoryServer()
    await put(BEARER)
    const versions = await (await skillsApi('api/v1/skills/web-scraper/versions', { headers: BEARER })).json()
    expect(versions).toEqual({
      slug: 'web-scraper',
      versions: [{ version: '1.0.0', fingerprint: sha256Hex(zip), published: expect.any(String) }]
    })
    expect(await (await skillsApi('api/v1/skills/web-scraper/versions/1.0.0', { headers: BEARER })).json()).toMatchObject({
      fingerprint: sha256Hex(zip),
      displayName: 'web-scraper',
      summary: 'Scrapes.'
    })
    expect(await (await skillsApi('api/v1/skills/web-scraper', { headers: BEARER })).json()).toMatchObject({
      latestVersion: '1.0.0',
      versions: 1
    })
    expect(await (await skillsApi(`api/v1/resolve?slug=web-scraper&hash=${sha256Hex(zip)}`, { headers: BEARER })).json()).toMatchObject({
      match: { version: '1.0.0' }
    })
    expect(await (await skillsApi('api/v1/skills?limit=200&sort=updated', { headers: BEARER })).json()).toMatchObject({
      items: [{ slug: 'web-scraper', versions: 1 }],
      total: 1,
      nextCursor: null
    })
    expect(
      Buffer.from(await (await skillsApi('api/v1/download?slug=web-scraper&version=1.0.0', { headers: BEARER })).arrayBuffer()).equals(zip)
    ).toBe(true)
    expect(await (await skillsApi('api/v1/skills/web-scraper/file?version=1.0.0&path=references/a.md', { headers: BEARER })).text()).toBe(
      '# A\n'
    )
    expect((await skillsApi('api/v1/skills/missing/versions', { headers: BEARER })).status).toBe(404)
  })

  it('REST publish builds the zip from payload + files[]; the files fingerprint option works', async () => {
    art = await startArtifactoryServer({ fingerprint: 'files' })
    const res = await skillsApi('api/v1/skills', {
      method: 'POST',
      headers: BASIC,
      body: clawForm({ slug: 'web-scraper', version: '2.0.0', displayName: 'Web' }, CLAWHUB_FILES.slice(0, 2), 'files[]')
    })
    expect(res.status).toBe(200)
    const item = art.state.item('skills-local', 'web-scraper', '2.0.0')!
    expect(readZip(item.zip).map((e) => e.path)).toEqual(['SKILL.md', 'references/a.md'])
    expect(item.fingerprint).toBe(clawhubFingerprint(CLAWHUB_FILES.slice(0, 2)))
    const dup = await skillsApi('api/v1/skills', {
      method: 'POST',
      headers: BASIC,
      body: clawForm({ slug: 'web-scraper', version: '2.0.0' }, CLAWHUB_FILES.slice(0, 2), 'files')
    })
    expect(dup.status).toBe(409)
    const badSlug = await skillsApi('api/v1/skills', { method: 'POST', headers: BASIC, body: clawForm({ slug: '-bad', version: '1.0.0' }) })
    expect(badSlug.status).toBe(400)
  })

  it('scripts xrayStatus per path and deletes versions', async () => {
    art = await startArtifactoryServer()
    await put(BEARER)
    const path = 'web-scraper/1.0.0/web-scraper-1.0.0.zip'
    const xray = async () =>
      (await (await skillsApi(`xrayStatus?path=${encodeURIComponent(path)}`, { headers: BEARER })).json()) as {
        status: string
        repoKey: string
        path: string
      }
    expect(await xray()).toEqual({ status: 'NOT_IN_ENTITLEMENT', repoKey: 'skills-local', path })
    art.state.setXrayScript(path, ['SCAN_IN_PROGRESS', 'SCAN_IN_PROGRESS', 'BLOCKED'])
    const seen = []
    for (let i = 0; i < 4; i++) seen.push((await xray()).status)
    expect(seen).toEqual(['SCAN_IN_PROGRESS', 'SCAN_IN_PROGRESS', 'BLOCKED', 'BLOCKED'])
    art.state.setXrayScript(path, ['SCAN_IN_PROGRESS'])
    for (let i = 0; i < 3; i++) expect((await xray()).status).toBe('SCAN_IN_PROGRESS')

    const del = await fetch(`${art.server.url}/artifactory/skills-local/web-scraper/1.0.0/`, { method: 'DELETE', headers: BEARER })
    expect(del.status).toBe(204)
    expect(art.state.item('skills-local', 'web-scraper', '1.0.0')).toBeUndefined()
    expect(
      (await fetch(`${art.server.url}/artifactory/skills-local/web-scraper/1.0.0/`, { method: 'DELETE', headers: BEARER })).status
    ).toBe(404)
    expect(art.server.requests.every((r) => r.path.startsWith('/artifactory/'))).toBe(true)
  })
})
