import { readFileSync } from 'node:fs'
import { createRegistry, type CreateRegistryOptions } from '../../src/registries/create.js'
import { classifyClawHubError, stripWrappers } from '../../src/registries/messages.js'
import { normalizeCategories, normalizeTopics } from '../../src/registries/clawhub-catalog.js'
import type { Registry, RemoteState } from '../../src/registries/registry.js'
import { startClawHubServer, type ClawHubOptions, type ClawHubServer } from '../servers/clawhub.js'
import type { ZipEntry } from '../servers/zip.js'
import { cleanupPackages, errorOf, makePackage, memoryLogger, recordingSleep, registryConfig } from './package-fixture.js'

const TOKEN = 'clh_test_token'
let hub: ClawHubServer
const errors: string[] = []

async function start(options: ClawHubOptions = {}): Promise<ClawHubServer> {
  hub = await startClawHubServer(options)
  return hub
}

function registry(
  extra: Partial<CreateRegistryOptions> & { token?: string | null; ownerHandle?: string; tags?: string[]; changelog?: string } = {}
) {
  const logger = memoryLogger()
  const sleeper = recordingSleep()
  const { token, ownerHandle, tags, changelog, ...options } = extra
  const instance = createRegistry(
    registryConfig({
      kind: 'clawhub',
      target: hub.server.url,
      token: token === null ? undefined : (token ?? TOKEN),
      ownerHandle,
      tags: tags ?? [],
      changelog: changelog ?? ''
    }),
    { logger, force: false, http: { sleep: sleeper.sleep, retryBaseMs: 10 }, ...options }
  )
  return { registry: instance, logger, waits: sleeper.waits }
}

const pkgFiles = (pkg: ReturnType<typeof makePackage>): ZipEntry[] =>
  pkg.files.map((f) => ({ path: f.path, data: readFileSync(f.absolutePath) }))

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await errorOf(promise)
  errors.push(error.message)
  return error
}

async function poll(target: Registry, publication: Parameters<Registry['status']>[0], limit = 10): Promise<RemoteState[]> {
  const states: RemoteState[] = []
  for (let i = 0; i < limit; i++) {
    const state = await target.status(publication)
    states.push(state)
    if (state.verdict !== 'pending') break
  }
  return states
}

/** The publish calls themselves (not the upload tickets). */
const posts = () => hub.server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/skills')
const publishBody = (index = 0) => JSON.parse(posts()[index]!.body.toString('utf8')) as Record<string, unknown>
const PUBLISH = { method: 'POST', path: '/api/v1/skills' }

afterEach(async () => {
  await hub?.server.close()
  cleanupPackages()
})

afterAll(() => {
  for (const message of errors) expect(message).not.toContain(TOKEN)
})

describe('ClawHub', () => {
  test.each(['absolute', 'relative', 'legacy', 'none'] as const)('discovery (%s): requests go to the API base', async (discovery) => {
    await start({ discovery, apiBasePath: discovery === 'none' ? '' : undefined })
    const { registry: target } = registry()
    expect(await target.find(makePackage({ flavour: 'clawhub' }))).toBeUndefined()
    const resolve = hub.server.requests.find((r) => r.path.endsWith('/api/v1/resolve'))!
    expect(resolve.path).toBe(discovery === 'relative' ? '/api/compat/api/v1/resolve' : '/api/v1/resolve')
    for (const request of hub.server.requests.filter((r) => r.path.startsWith('/.well-known/')))
      expect(request.headers.authorization).toBeUndefined()
    expect(resolve.headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  test('sends where the skill comes from as the payload source, with its folder', async () => {
    await start()
    const source = { repository: 'acme/skills', url: 'https://github.com/acme/skills', ref: 'refs/tags/v1.0.0', commit: 'a'.repeat(40) }
    const target = createRegistry(registryConfig({ kind: 'clawhub', target: hub.server.url, token: TOKEN, source }), {
      logger: memoryLogger(),
      force: false
    })
    await target.publish(makePackage({ flavour: 'clawhub' }))
    expect(publishBody().source).toEqual({
      kind: 'github',
      url: source.url,
      repo: 'acme/skills',
      ref: source.ref,
      commit: source.commit,
      path: makePackage({ flavour: 'clawhub' }).skillPath,
      importedAt: expect.any(Number)
    })
  })

  test('publishes as the official client: a ticket per file, the bytes to the storage URL, then the JSON payload; waits for visibility and a clean scan', async () => {
    await start({ pollsUntilPublic: 1, pollsHeld: 1, scanScript: ['pending', 'clean'] })
    const { registry: target } = registry({ tags: ['beta'], changelog: 'First', ownerHandle: '@alice' })
    const pkg = makePackage({
      flavour: 'clawhub',
      files: { 'SKILL.md': '---\nname: pdf-tools\ndescription: d\n---\n', 'references/a.md': 'a', 'skill-card.md': 'card' }
    })
    const publication = await target.publish(pkg)
    expect(publication.state.verdict).toBe('pending')
    const { files, ...payload } = publishBody() as { files: { path: string }[] }
    expect(payload).toEqual({
      slug: 'pdf-tools',
      displayName: 'Pdf Tools',
      ownerHandle: 'alice',
      version: '1.0.0',
      changelog: 'First',
      acceptLicenseTerms: true,
      tags: ['beta']
    })
    expect(files.map((f) => f.path).sort()).toEqual(['SKILL.md', 'references/a.md'])
    const tickets = hub.server.requests.filter((r) => r.path === '/api/v1/skills/-/upload-url')
    expect(tickets.map((r) => JSON.parse(r.body.toString('utf8')).path).sort()).toEqual(['SKILL.md', 'references/a.md'])
    // The bytes went to the storage origin the API named, with the token, and never through the API host.
    expect(hub.storage.requests).toHaveLength(2)
    for (const upload of hub.storage.requests) expect(upload.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(hub.storage.requests.map((r) => r.headers['content-type']).sort()).toEqual(['text/markdown', 'text/markdown'])

    const states = await poll(target, publication)
    expect(states.map((s) => [s.verdict, s.scan])).toEqual([
      ['pending', undefined],
      ['pending', undefined],
      ['pending', 'pending'],
      ['approved', 'clean']
    ])
    expect(states[0]!.messages).toEqual(['the version is not public yet (ClawHub answers 404 until it is)'])
    expect(states[1]!.messages).toEqual(['the version is held back while its scan runs'])
  })

  test('a re-run uploads nothing: resolve finds the same content', async () => {
    await start()
    const pkg = makePackage({ flavour: 'clawhub' })
    const { registry: target } = registry()
    await target.publish(pkg)
    const before = posts().length
    expect(await target.find(pkg)).toMatchObject({ sameContent: true })
    expect(posts().length).toBe(before)
    const resolve = hub.server.requests.at(-1)!
    expect(resolve.url.searchParams.get('hash')).toBe(pkg.fingerprint)
  })

  test('same version with other content: sameContent false; an older version is found too', async () => {
    await start()
    hub.state.seed({ slug: 'pdf-tools', ownerHandle: 'alice', version: '1.0.0' })
    hub.state.seed({ slug: 'pdf-tools', ownerHandle: 'alice', version: '2.0.0' })
    const { registry: target } = registry()
    expect(await target.find(makePackage({ flavour: 'clawhub', version: '2.0.0' }))).toMatchObject({ sameContent: false })
    expect(await target.find(makePackage({ flavour: 'clawhub', version: '1.0.0' }))).toMatchObject({ sameContent: false })
    expect(await target.find(makePackage({ flavour: 'clawhub', version: '1.5.0' }))).toBeUndefined()
  })

  test.each([
    [
      'version-exists',
      { seedOwner: 'alice' },
      /failed \(version-exists\): Version 1\.0\.0 already exists\. Increment the version number and try again\. To fix: version 1\.0\.0 of pdf-tools is already published with other content; bump the version\./
    ],
    [
      'slug-taken',
      { seedOwner: 'mallory' },
      /failed \(slug-taken\): Slug is already taken\. Choose a different slug\. Existing skill: \/mallory\/pdf-tools\. To fix: the slug pdf-tools belongs to another owner/
    ],
    [
      'invalid-semver',
      { version: 'one' },
      /failed \(invalid-semver\): Version must be valid semver\. To fix: "one" is not a valid semantic version/
    ],
    ['too-large', { maxFileBytes: 4 }, /failed \(too-large\): File ".*" exceeds 10MB limit\. To fix: ClawHub takes at most 10 MB a file/]
  ])('%s is classified from the text, Convex wrappers stripped', async (_kind, setup, expected) => {
    const options = setup as { seedOwner?: string; version?: string; maxFileBytes?: number }
    await start({ convexWrappers: true, maxFileBytes: options.maxFileBytes })
    if (options.seedOwner) hub.state.seed({ slug: 'pdf-tools', ownerHandle: options.seedOwner, version: '1.0.0' })
    const { registry: target } = registry()
    const error = await failure(target.publish(makePackage({ flavour: 'clawhub', version: options.version ?? '1.0.0' })))
    expect(error.message).toMatch(expected)
    expect(error.message).not.toMatch(/CONVEX|Request ID|ConvexError/)
  })

  test('a bad token is an auth error saying what to check', async () => {
    await start()
    const { registry: target } = registry({ token: 'clh_wrong_token' })
    const error = await failure(target.publish(makePackage({ flavour: 'clawhub' })))
    expect(error.message).toMatch(
      /failed \(auth\): Unauthorized: invalid or revoked API token\. To fix: check the ClawHub token \(input token or CLAWHUB_TOKEN\)/
    )
    expect(error.message).not.toContain('clh_wrong_token')
  })

  test('429 on publish: Retry-After honoured, then published once', async () => {
    await start()
    hub.server.fault(PUBLISH, { kind: 'rate-limit', retryAfterSeconds: 4 })
    const { registry: target, waits } = registry()
    await target.publish(makePackage({ flavour: 'clawhub' }))
    expect(waits).toEqual([4000])
    expect(hub.state.skills.get('pdf-tools')?.versions.size).toBe(1)
  })

  test('an ambiguous publish failure is resent only after resolve shows it did not land', async () => {
    await start()
    hub.server.fault(PUBLISH, { kind: 'status', status: 502, body: 'Bad Gateway' })
    const { registry: target } = registry()
    await target.publish(makePackage({ flavour: 'clawhub' }))
    const after502 = hub.server.requests.findIndex((r) => r.method === 'POST' && r.path === '/api/v1/skills')
    expect(hub.server.requests[after502 + 1]!.path).toBe('/api/v1/resolve')
    expect(posts()).toHaveLength(2)
  })

  test('an ambiguous publish failure that did land is not sent again', async () => {
    await start()
    const pkg = makePackage({ flavour: 'clawhub' })
    // As if the first POST was stored and its answer lost.
    hub.state.seed({ slug: 'pdf-tools', ownerHandle: 'alice', version: '1.0.0', files: pkgFiles(pkg) })
    hub.server.fault(PUBLISH, { kind: 'reset' })
    const { registry: target } = registry()
    const publication = await target.publish(pkg)
    expect(posts()).toHaveLength(1)
    expect(publication.state.messages).toEqual(['the upload landed although its answer was lost'])
    expect((await target.status(publication)).verdict).toBe('approved')
  })

  test.each([
    ['malicious', false, 'blocked', /found the skill malicious/],
    ['suspicious', false, 'blocked', /flagged the skill as suspicious; review the findings, or set allow-suspicious/],
    ['suspicious', true, 'approved', /^warning: ClawHub's scan flagged the skill as suspicious \(allowed by allow-suspicious\)/],
    ['error', false, 'pending', /failed on ClawHub's side; waiting in case it is re-run/]
  ] as const)('scan %s (allowSuspicious %s) -> %s', async (scan, allowSuspicious, verdict, message) => {
    await start({ scanScript: [scan] })
    const { registry: target } = registry({ allowSuspicious })
    const state = await target.status(await target.publish(makePackage({ flavour: 'clawhub' })))
    expect(state.verdict).toBe(verdict)
    expect(state.scan).toBe(scan)
    expect(state.messages[0]).toMatch(message)
  })

  test('a scan that never ends keeps reading pending', async () => {
    await start({ scanScript: ['pending'] })
    const { registry: target } = registry()
    const states = await poll(target, await target.publish(makePackage({ flavour: 'clawhub' })), 4)
    expect(states.map((s) => s.verdict)).toEqual(['pending', 'pending', 'pending', 'pending'])
  })

  test('hidden by moderation -> blocked; removed -> rejected', async () => {
    await start()
    const { registry: target } = registry()
    const publication = await target.publish(makePackage({ flavour: 'clawhub' }))
    hub.state.setModeration('pdf-tools', 'hidden')
    expect(await target.status(publication)).toMatchObject({
      verdict: 'blocked',
      messages: ['ClawHub moderation hid this version: Skill is hidden by moderation']
    })
    hub.state.setModeration('pdf-tools', 'removed')
    expect(await target.status(publication)).toMatchObject({
      verdict: 'rejected',
      messages: ['ClawHub removed this version: Skill has been removed']
    })
  })

  test('lookup(): the merge gate reads an earlier version, undefined when unknown', async () => {
    await start({ scanScript: ['malicious'] })
    hub.state.seed({ slug: 'pdf-tools', ownerHandle: 'alice', version: '1.0.0' })
    const { registry: target } = registry()
    expect(await target.lookup({ name: 'pdf-tools', version: '1.0.0' })).toMatchObject({ verdict: 'blocked', scan: 'malicious' })
    // Never published: at or below the latest public version; not public yet: newer than it.
    expect(await target.lookup({ name: 'pdf-tools', version: '0.9.0' })).toBeUndefined()
    expect(await target.lookup({ name: 'pdf-tools', version: '9.9.9' })).toMatchObject({
      verdict: 'pending',
      messages: [expect.stringMatching(/not public yet/)]
    })
    expect(await target.lookup({ name: 'nothing-here', version: '1.0.0' })).toBeUndefined()
  })

  test('status polls survive 5xx and resets', async () => {
    await start()
    const { registry: target, waits } = registry()
    const publication = await target.publish(makePackage({ flavour: 'clawhub' }))
    hub.server.fault({ path: /\/versions\// }, { kind: 'status', status: 503 })
    hub.server.fault({ path: /\/scan$/ }, { kind: 'reset' })
    expect((await target.status(publication)).verdict).toBe('approved')
    expect(waits).toHaveLength(2)
  })

  test('bad JSON from the scan endpoint is a clear error', async () => {
    await start()
    const { registry: target } = registry()
    const publication = await target.publish(makePackage({ flavour: 'clawhub' }))
    hub.server.fault({ path: /\/scan$/ }, { kind: 'bad-json' })
    const error = await failure(target.status(publication))
    expect(error.message).toMatch(
      /checking pdf-tools 1\.0\.0 on ClawHub: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/skills\/pdf-tools\/scan answered 200 with .* which is not JSON/
    )
  })

  test('remove() deletes one version, and only that one', async () => {
    await start()
    hub.state.seed({ slug: 'pdf-tools', ownerHandle: 'alice', version: '1.0.0' })
    hub.state.seed({ slug: 'pdf-tools', ownerHandle: 'alice', version: '1.1.0-pr.1' })
    const { registry: target } = registry()
    await target.remove({ name: 'pdf-tools', version: '1.1.0-pr.1' })
    const deletes = hub.server.requests.filter((r) => r.method === 'DELETE')
    expect(deletes.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/api/v1/skills/pdf-tools/versions/1.1.0-pr.1', `Bearer ${TOKEN}`]
    ])
    expect([...hub.state.skills.get('pdf-tools')!.versions.keys()]).toEqual(['1.0.0'])
    // Already gone is removed; someone else's skill is a clear failure.
    await target.remove({ name: 'pdf-tools', version: '1.1.0-pr.1' })
    hub.state.seed({ slug: 'their-skill', ownerHandle: 'bob', version: '1.0.0' })
    expect((await failure(target.remove({ name: 'their-skill', version: '1.0.0' }))).message).toMatch(
      /removing their-skill 1\.0\.0 from ClawHub/
    )
  })
})

describe('ClawHub messages', () => {
  test('wrappers are stripped', () => {
    expect(
      stripWrappers('[CONVEX M(skills:publish)] [Request ID: abc123] Server Error Uncaught ConvexError: Version must be valid semver')
    ).toBe('Version must be valid semver')
    expect(stripWrappers('Server Error Called by client Error: Slug is required')).toBe('Slug is required')
  })

  test.each([
    [400, 'MIT-0 license terms must be accepted to publish skills', 'license'],
    [400, 'Skill bundle exceeds 50MB limit', 'too-large'],
    [429, 'Rate limit exceeded', 'rate-limited'],
    [401, 'Unauthorized', 'auth'],
    [400, 'SKILL.md is required', 'other']
  ])('%i %s -> %s', (status, text, kind) => {
    expect(classifyClawHubError(status, text, { slug: 's', version: '1.0.0' }).kind).toBe(kind)
  })
})

describe('ClawHub as the real server and the official client 0.23.3', () => {
  const big = (bytes: number): string => 'x'.repeat(bytes)

  test('tags default to ["latest"]; the owner handle comes from whoami and goes to resolve and publish', async () => {
    await start()
    const { registry: target } = registry()
    const pkg = makePackage({ flavour: 'clawhub' })
    expect(await target.find(pkg)).toBeUndefined()
    await target.publish(pkg)
    expect(publishBody()).toMatchObject({ tags: ['latest'], ownerHandle: 'alice' })
    const resolve = hub.server.requests.find((r) => r.path === '/api/v1/resolve')!
    expect(resolve.url.searchParams.get('ownerHandle')).toBe('alice')
    expect(hub.server.requests.filter((r) => r.path === '/api/v1/whoami')).toHaveLength(1)
  })

  test.each([404, 405] as const)(
    'no upload-url endpoint (%i): multipart, said once, for the rest of the run; tags always sent',
    async (status) => {
      await start({ uploadUrl: status })
      const { registry: target, logger } = registry()
      await target.publish(makePackage({ flavour: 'clawhub' }))
      await target.publish(makePackage({ flavour: 'clawhub', name: 'csv-tools' }))
      expect(hub.server.requests.filter((r) => r.path === '/api/v1/skills/-/upload-url')).toHaveLength(1)
      expect(posts().map((r) => r.headers['content-type'])).toEqual([
        expect.stringMatching(/^multipart\/form-data/),
        expect.stringMatching(/^multipart\/form-data/)
      ])
      expect([...hub.state.skills.keys()].sort()).toEqual(['csv-tools', 'pdf-tools'])
      expect(hub.state.payloads.map((p) => p.tags)).toEqual([['latest'], ['latest']])
      expect(logger.lines.filter((line) => line.includes('no upload-url endpoint'))).toEqual([
        expect.stringContaining(`(HTTP ${status}); publishing as multipart for the rest of this run`)
      ])
    }
  )

  test('a skill over the proxy cap: the upload-url flow publishes it; multipart gets 413 with advice', async () => {
    const files = { 'SKILL.md': '---\nname: pdf-tools\ndescription: d\n---\n', 'assets/data.txt': big(6000) }
    await start({ proxyBodyLimitBytes: 4000 })
    await registry().registry.publish(makePackage({ flavour: 'clawhub', files }))
    expect(hub.state.skills.get('pdf-tools')?.versions.has('1.0.0')).toBe(true)
    await hub.server.close()

    await start({ proxyBodyLimitBytes: 4000, uploadUrl: 404 })
    const error = await failure(registry().registry.publish(makePackage({ flavour: 'clawhub', files })))
    expect(error.message).toMatch(/failed \(too-large\): Request Entity Too Large\. To fix: the server \(or its proxy/)
  })

  test('the server refuses a payload its schema refuses: a multipart publish without tags would fail (the fault skillpub no longer has)', async () => {
    await start({ uploadUrl: 404 })
    const form = new FormData()
    form.append(
      'payload',
      JSON.stringify({ slug: 'pdf-tools', displayName: 'P', version: '1.0.0', changelog: '', acceptLicenseTerms: true })
    )
    form.append('files', new Blob(['---\nname: pdf-tools\n---\n']), 'SKILL.md')
    const answer = await fetch(`${hub.server.url}/api/v1/skills`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${TOKEN}` }
    })
    expect([answer.status, await answer.text()]).toEqual([400, expect.stringMatching(/^Publish payload: tags/)])
  })

  test('the token reaches the upload URL the API named, never a redirect from it', async () => {
    await start()
    const elsewhere = await startClawHubServer()
    try {
      hub.storage.fault({ method: 'POST' }, { kind: 'redirect', status: 307, location: (req) => `${elsewhere.server.url}${req.path}` })
      const error = await failure(registry().registry.publish(makePackage({ flavour: 'clawhub' })))
      expect(hub.storage.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
      expect(elsewhere.server.requests).toHaveLength(1)
      expect(elsewhere.server.requests[0]!.headers.authorization).toBeUndefined()
      expect(error.message).toMatch(/uploading SKILL\.md of pdf-tools 1\.0\.0 to ClawHub/)
    } finally {
      await elsewhere.server.close()
    }
  })

  test('an upload URL over plain http to another host gets no token: refused before anything is sent', async () => {
    await start()
    hub.server.fault(
      { path: '/api/v1/skills/-/upload-url' },
      {
        kind: 'status',
        status: 200,
        body: JSON.stringify({ uploadUrl: 'http://storage.example.invalid/upload/1', uploadTicket: 't1' }),
        headers: { 'content-type': 'application/json' }
      }
    )
    const error = await failure(registry().registry.publish(makePackage({ flavour: 'clawhub' })))
    expect(error.message).toMatch(/refusing to send the registry token over plain http to storage\.example\.invalid/)
    expect(posts()).toHaveLength(0)
  })

  test('publish answers "submitted" (attemptId) and "pending": not published, polled until the version shows', async () => {
    await start({ publishAnswer: 'submitted', pollsUntilPublic: 2 })
    const { registry: target, logger } = registry()
    const publication = await target.publish(makePackage({ flavour: 'clawhub' }))
    expect(publication.state).toMatchObject({
      verdict: 'pending',
      messages: [expect.stringMatching(/^ClawHub took the submission \(attempt pa_\w+\) but has not published it yet/)]
    })
    expect(logger.lines.some((line) => /: submitted \(attempt pa_\w+\)/.test(line))).toBe(true)
    const states = await poll(target, publication)
    expect(states.map((s) => s.verdict)).toEqual(['pending', 'pending', 'approved'])
    expect(states[0]!.messages).toEqual(['the version is not public yet (ClawHub answers 404 until it is)'])
  })

  test('a scan answer with security: null is still pending', async () => {
    await start({ scanScript: [null, 'clean'] })
    const { registry: target } = registry()
    const states = await poll(target, await target.publish(makePackage({ flavour: 'clawhub' })))
    expect(states.map((s) => s.verdict)).toEqual(['pending', 'approved'])
  })

  test('content ClawHub holds under an older version is found, and says which version holds it', async () => {
    await start()
    const pkg = makePackage({ flavour: 'clawhub', version: '1.3.0' })
    hub.state.seed({ slug: 'pdf-tools', ownerHandle: 'alice', version: '1.2.0', files: pkgFiles(pkg) })
    expect(await registry().registry.find(pkg)).toMatchObject({ sameContent: true, storedAs: '1.2.0' })
    const same = makePackage({ flavour: 'clawhub', version: '1.2.0' })
    expect((await registry().registry.find(same))?.storedAs).toBeUndefined()
  })

  test('categories and topics are sent when given', async () => {
    await start()
    const target = createRegistry(
      registryConfig({ kind: 'clawhub', target: hub.server.url, token: TOKEN, categories: ['development'], topics: ['PDF tools'] }),
      { logger: memoryLogger(), force: false }
    )
    await target.publish(makePackage({ flavour: 'clawhub' }))
    expect(publishBody()).toMatchObject({ categories: ['development'], topics: ['PDF tools'] })
  })
})

describe('ClawHub catalog metadata, checked locally with the server limits', () => {
  test('categories: the fixed list, at most 3, repeats dropped, other only alone', () => {
    expect(normalizeCategories(['development', ' development ', 'other', 'research'])).toEqual(['development', 'research'])
    expect(normalizeCategories(['other'])).toEqual(['other'])
    expect(() => normalizeCategories(['web'])).toThrow(/"web" is not a ClawHub skill category; use one of integrations, /)
    expect(() => normalizeCategories(['development', 'research', 'agents', 'finance'])).toThrow(/at most 3 categories; 4 given/)
  })

  test('topics: at most 5, 48 characters each, repeats dropped after normalising, reserved ones refused', () => {
    expect(normalizeTopics(['PDF  tools', 'pdf-tools', 'ＰＤＦ tools', 'Data'])).toEqual(['PDF tools', 'Data'])
    expect(() => normalizeTopics(['x'.repeat(49)])).toThrow(/longer than 48 characters/)
    expect(normalizeTopics(['x'.repeat(48)])).toHaveLength(1)
    expect(() => normalizeTopics(['a', 'b', 'c', 'd', 'e', 'f'])).toThrow(/at most 5 topics; 6 different ones given/)
    expect(normalizeTopics(['a', 'b', 'c', 'd', 'e', 'A'])).toHaveLength(5)
    expect(() => normalizeTopics(['Official'])).toThrow(/reserved by ClawHub/)
  })
})
