import Anthropic, { toFile } from '@anthropic-ai/sdk'
import { createHash } from 'node:crypto'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { createRegistry } from '../../src/registries/create.js'
import type { Registry } from '../../src/registries/registry.js'
import { parseConfig } from '../../src/options.js'
import type { RegistryConfig } from '../../src/config.js'
import { CLAUDE_TEST_KEY, claudeFault, startClaudeServer, type ClaudeServer, type ClaudeServerOptions } from '../servers/claude.js'
import { parseMultipart, redirectToOrigin, startServer, type TestServer } from '../servers/harness.js'
import { readZip } from '../servers/zip.js'
import { cleanupPackages, errorOf, makePackage, memoryLogger, recordingSleep, registryConfig } from './package-fixture.js'

let claude: ClaudeServer
const errors: string[] = []
const others: TestServer[] = []

async function start(options: ClaudeServerOptions = {}): Promise<ClaudeServer> {
  claude = await startClaudeServer(options)
  return claude
}

function registry(config: Partial<RegistryConfig> = {}) {
  const logger = memoryLogger()
  const sleeper = recordingSleep()
  const instance = createRegistry(registryConfig({ kind: 'claude', target: claude.server.url, token: CLAUDE_TEST_KEY, ...config }), {
    logger,
    force: false,
    http: { sleep: sleeper.sleep }
  }) as Registry & Required<Pick<Registry, 'removeSkill'>>
  return { registry: instance, logger, waits: sleeper.waits }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await errorOf(promise)
  errors.push(error.message)
  return error
}

const skillMd = (name: string, extra = '') => `---\nname: ${name}\ndescription: Tools for PDF files.\n---\n\n# ${name}\n${extra}`
const pdfTools = (files: Record<string, string> = {}) =>
  makePackage({
    name: 'pdf-tools',
    version: '',
    flavour: 'claude',
    files: { 'SKILL.md': skillMd('pdf-tools'), 'references/guide.md': '# Guide\n', ...files }
  })
const uploadsTo = (server: TestServer) => server.requests.filter((r) => r.method === 'POST')

afterEach(async () => {
  await claude?.server.close()
  for (const server of others.splice(0)) await server.close()
  cleanupPackages()
})

afterAll(() => {
  for (const message of errors) expect(message).not.toContain(CLAUDE_TEST_KEY)
})

describe('the test server speaks the Skills API as the official SDK does', () => {
  const sdk = (server: ClaudeServer, workspace?: string) =>
    new Anthropic({
      apiKey: CLAUDE_TEST_KEY,
      baseURL: server.server.url,
      maxRetries: 0,
      ...(workspace && { defaultHeaders: { 'anthropic-workspace-id': workspace } })
    })

  test('create, retrieve, a new version, the paged lists, the content download and deletes', async () => {
    await start({ maxPageSize: 2 })
    const client = sdk(claude)
    const files = [
      await toFile(Buffer.from(skillMd('pdf-tools')), 'pdf-tools/SKILL.md'),
      await toFile(Buffer.from([0, 1, 2, 255]), 'pdf-tools/assets/logo.bin')
    ]
    const skill = await client.skills.create({ files })
    expect(skill).toMatchObject({ type: 'skill', display_name: 'pdf-tools', source: { type: 'custom' } })
    const upload = await parseMultipart(uploadsTo(claude.server)[0]!)
    expect(upload.getAll('files[]').map((part) => (part as File).name)).toEqual(['pdf-tools/SKILL.md', 'pdf-tools/assets/logo.bin'])

    const first = await client.skills.versions.retrieve('latest', { skill_id: skill.id })
    expect(first).toMatchObject({ id: skill.latest_version_id, name: 'pdf-tools', skill_id: skill.id, type: 'skill_version' })
    const second = await client.skills.versions.create(skill.id, {
      files: [await toFile(Buffer.from(skillMd('pdf-tools', 'v2')), 'pdf-tools/SKILL.md')]
    })
    expect(second.id).not.toBe(first.id)
    expect((await client.skills.retrieve(skill.id)).latest_version_id).toBe(second.id)

    for (const name of ['a-one', 'a-two', 'a-three']) claude.state.seed({ name })
    claude.state.seed({ name: 'xlsx', source: 'anthropic' })
    const listed: string[] = []
    for await (const item of client.skills.list({ source: 'custom' })) listed.push(item.id)
    expect(listed).toHaveLength(4)
    expect(claude.server.requests.filter((r) => r.path === '/v1/skills' && r.url.searchParams.has('page'))).toHaveLength(1)
    const versions: string[] = []
    for await (const version of client.skills.versions.list(skill.id)) versions.push(version.id)
    expect(versions).toEqual([second.id, first.id])

    const download = await client.beta.skills.versions.download(first.id, { skill_id: skill.id })
    const entries = readZip(Buffer.from(await download.arrayBuffer()))
    expect(entries.map((entry) => entry.path)).toEqual(['pdf-tools/SKILL.md', 'pdf-tools/assets/logo.bin'])
    expect([...entries[1]!.data]).toEqual([0, 1, 2, 255])

    await expect(client.skills.delete(skill.id)).rejects.toBeInstanceOf(Anthropic.BadRequestError)
    for (const id of versions) await client.skills.versions.delete(id, { skill_id: skill.id })
    expect(await client.skills.delete(skill.id)).toEqual({ id: skill.id, type: 'skill_deleted' })
    await expect(client.skills.retrieve(skill.id)).rejects.toBeInstanceOf(Anthropic.NotFoundError)
  })

  test('refuses a new version whose name differs, files outside one folder, and other workspaces', async () => {
    await start({ workspaces: ['wrkspc_a', 'wrkspc_b'] })
    const client = sdk(claude)
    const skill = await client.skills.create({ files: [await toFile(Buffer.from(skillMd('pdf-tools')), 'pdf-tools/SKILL.md')] })
    const renamed = client.skills.versions.create(skill.id, {
      files: [await toFile(Buffer.from(skillMd('other-name')), 'other-name/SKILL.md')]
    })
    await expect(renamed).rejects.toMatchObject({ status: 400, apiMessage: expect.stringContaining('name mismatch') })
    const scattered = client.skills.create({
      files: [await toFile(Buffer.from(skillMd('x-tools')), 'x-tools/SKILL.md'), await toFile(Buffer.from('y'), 'y/z.md')]
    })
    await expect(scattered).rejects.toMatchObject({ status: 400 })
    await expect(sdk(claude, 'wrkspc_b').skills.retrieve(skill.id)).rejects.toBeInstanceOf(Anthropic.NotFoundError)
    await expect(
      sdk(claude, 'wrkspc_z')
        .skills.list()
        .then((page) => page.data)
    ).rejects.toBeInstanceOf(Anthropic.PermissionDeniedError)
    const answer = await errorOf(sdk(claude, 'wrkspc_z').skills.retrieve(skill.id))
    expect((answer as InstanceType<typeof Anthropic.APIError>).requestID).toMatch(/^req_/)
  })
})

describe('registry: claude', () => {
  test('creates a skill from the package files under one folder named after it, with the key and the workspace', async () => {
    await start({ workspaces: ['wrkspc_team'] })
    const { registry: target } = registry({ workspace: 'wrkspc_team' })
    const pkg = pdfTools({ 'assets/logo.png': '\u0000PNG\u0001binary' })
    expect(await target.find(pkg)).toBeUndefined()
    const publication = await target.publish(pkg)

    const skill = claude.state.skills[0]!
    expect(skill.workspace).toBe('wrkspc_team')
    expect(publication).toMatchObject({
      name: 'pdf-tools',
      skillId: skill.id,
      version: skill.versions[0]!.id,
      state: { verdict: 'published' }
    })
    const upload = uploadsTo(claude.server)[0]!
    // This SDK version sends the key as a Bearer token; the server takes x-api-key too.
    expect(upload.headers.authorization).toBe(`Bearer ${CLAUDE_TEST_KEY}`)
    expect(upload.headers['x-api-key']).toBeUndefined()
    expect(upload.headers['anthropic-workspace-id']).toBe('wrkspc_team')
    expect(upload.headers['anthropic-version']).toBeTruthy()
    // The GA client.skills routes, and the content download of client.beta.skills: no beta header is needed or sent.
    await target.find(pkg)
    expect(claude.server.requests.some((r) => r.path.endsWith('/content'))).toBe(true)
    expect(claude.server.requests.filter((r) => 'anthropic-beta' in r.headers)).toEqual([])
    const form = await parseMultipart(upload)
    expect(form.getAll('files[]').map((part) => (part as File).name)).toEqual([
      'pdf-tools/SKILL.md',
      'pdf-tools/assets/logo.png',
      'pdf-tools/references/guide.md'
    ])
    const stored = skill.versions[0]!.files.find((file) => file.path === 'assets/logo.png')!
    expect(createHash('sha256').update(stored.data).digest('hex')).toBe(pkg.files.find((f) => f.path === 'assets/logo.png')!.sha256)
  })

  test('a re-run with the same files creates nothing; one changed file creates exactly one version of the same skill', async () => {
    await start()
    await registry().registry.publish(pdfTools())
    const { id } = claude.state.skills[0]!

    const again = registry().registry
    expect(await again.find(pdfTools())).toEqual({ sameContent: true, skillId: id, version: claude.state.skills[0]!.versions[0]!.id })
    expect(claude.state.created).toHaveLength(1)

    const changed = pdfTools({ 'references/guide.md': '# Guide, revised\n' })
    expect(await again.find(changed)).toBeUndefined()
    const publication = await again.publish(changed)
    expect(claude.state.skills).toHaveLength(1)
    expect(claude.state.skills[0]!.versions.map((v) => v.id)).toEqual([claude.state.created[0]!.id, publication.version])
    expect(publication.skillId).toBe(id)
    expect(await registry().registry.find(changed)).toMatchObject({ sameContent: true, version: publication.version })
  })

  test('an added or removed file is a change too', async () => {
    await start()
    await registry().registry.publish(pdfTools())
    expect(await registry().registry.find(pdfTools({ 'scripts/run.sh': 'echo\n' }))).toBeUndefined()
    expect(
      await registry().registry.find(
        makePackage({ name: 'pdf-tools', version: '', flavour: 'claude', files: { 'SKILL.md': skillMd('pdf-tools') } })
      )
    ).toBeUndefined()
  })

  test('finds the skill by the name its versions carry, following every page, among custom skills only', async () => {
    await start({ maxPageSize: 3 })
    for (let i = 0; i < 10; i++) claude.state.seed({ name: `other-${i}` })
    claude.state.seed({ name: 'pdf-tools', source: 'anthropic' })
    const ours = claude.state.seed({ name: 'pdf-tools', files: { 'SKILL.md': skillMd('pdf-tools'), 'references/guide.md': '# Guide\n' } })
    ours.displayName = 'PDF Tools (renamed label)'
    const { registry: target } = registry()
    expect(await target.find(pdfTools())).toMatchObject({ sameContent: true, skillId: ours.id })
    expect(claude.server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/skills').length).toBe(4)
    await target.publish(pdfTools({ 'references/guide.md': 'new\n' }))
    expect(ours.versions).toHaveLength(2)
    expect(claude.state.skills.filter((skill) => skill.source === 'custom')).toHaveLength(11)
  })

  test('two skills with the name: fails naming both ids, and creates nothing', async () => {
    await start()
    const one = claude.state.seed({ name: 'pdf-tools' })
    const two = claude.state.seed({ name: 'pdf-tools' })
    const error = await failure(registry().registry.publish(pdfTools()))
    expect(error.message).toContain(one.id)
    expect(error.message).toContain(two.id)
    expect(uploadsTo(claude.server)).toHaveLength(0)
  })

  test('an upload that reached the API before a 500 is not sent again', async () => {
    await start()
    claude.state.failAfterStore = 1
    const { registry: target, logger } = registry()
    const publication = await target.publish(pdfTools())
    expect(claude.state.created).toHaveLength(1)
    expect(publication.version).toBe(claude.state.created[0]!.id)
    expect(logger.lines.join('\n')).toContain('not sending it again')
  })

  test('a 500 before storing is sent again once; 529 is retried within the budget, then says what to do', async () => {
    await start()
    claude.server.fault({ method: 'POST', path: '/v1/skills' }, claudeFault(500, 'api_error', 'Internal server error'))
    await registry().registry.publish(pdfTools())
    expect(uploadsTo(claude.server)).toHaveLength(2)
    expect(claude.state.created).toHaveLength(1)

    claude.server.fault({ method: 'POST' }, { ...claudeFault(529, 'overloaded_error', 'Overloaded', { 'retry-after': '3' }), times: 5 })
    const { registry: target, waits } = registry({ retries: 2 })
    const error = await failure(target.publish(pdfTools({ 'references/guide.md': 'v2\n' })))
    expect(uploadsTo(claude.server)).toHaveLength(2 + 3)
    expect(waits).toEqual([3000, 3000])
    expect(error.message).toMatch(
      /answered 529: Overloaded\. The API is overloaded right now: run again in a few minutes\. \(request-id req_fault_000001\)/
    )
  })

  test.each([
    [400, 'invalid_request_error', /refused the request as invalid/],
    [401, 'authentication_error', /check input 'token' or ANTHROPIC_API_KEY/],
    [403, 'permission_error', /check the workspace input/],
    [404, 'not_found_error', /Check the target/],
    [409, 'conflict_error', /run again; skillpub finds the skill/],
    [413, 'request_too_large', /over the Skills API upload size limit/],
    [429, 'rate_limit_error', /rate-limiting this key \(it asked to wait 7 s\)/]
  ])('%i says what to do, with the request-id', async (status, type, advice) => {
    await start()
    claude.server.fault({}, { ...claudeFault(status, type, `${type} from the API`, { 'retry-after': '7' }), times: Infinity })
    const error = await failure(registry({ retries: 0 }).registry.publish(pdfTools()))
    expect(error.message).toContain(`answered ${status}: ${type} from the API.`)
    expect(error.message).toMatch(advice)
    expect(error.message).toContain('(request-id req_fault_000001)')
  })

  test('follows no redirect, so the key never reaches another origin', async () => {
    await start()
    const elsewhere = await startServer((_req, res) => res.json(200, { data: [], has_more: false, next_page: null }))
    others.push(elsewhere)
    redirectToOrigin(claude.server, elsewhere.url)
    const error = await failure(registry().registry.find(pdfTools()))
    expect(error.message).toMatch(/answered 307.*follows no redirects/)
    expect(elsewhere.requests).toHaveLength(0)
  })

  test('reads are retried by the SDK alone, as many times as retries says', async () => {
    await start()
    claude.server.fault(
      { method: 'GET', path: '/v1/skills' },
      { ...claudeFault(500, 'api_error', 'boom', { 'retry-after-ms': '1' }), times: Infinity }
    )
    const error = await failure(registry({ retries: 1 }).registry.find(pdfTools()))
    expect(claude.server.requests.filter((r) => r.path === '/v1/skills')).toHaveLength(2)
    expect(error.message).toMatch(/answered 500: boom\. The API had a server error/)
  })

  test('goes through the proxy the environment names (HTTP_PROXY), as every other registry does', async () => {
    await start()
    const proxied: string[] = []
    const proxy = http.createServer((req, res) => {
      proxied.push(`${req.method} ${req.url}`)
      const target = new URL(req.url!)
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode!, answer.headers)
          answer.pipe(res)
        }
      )
      req.pipe(upstream)
    })
    // undici tunnels through the proxy with CONNECT, for http targets too.
    const tunnels: net.Socket[] = []
    proxy.on('connect', (req, socket: net.Socket, head) => {
      proxied.push(`CONNECT ${req.url}`)
      tunnels.push(socket)
      const [host, port] = req.url!.split(':')
      const upstream = net.connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(socket)
        socket.pipe(upstream)
      })
      upstream.on('error', () => socket.destroy())
      socket.on('error', () => upstream.destroy())
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY }
    process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
    delete process.env.NO_PROXY
    try {
      await registry({ target: claude.server.url.replace('127.0.0.1', 'localhost') }).registry.publish(pdfTools())
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
      proxy.closeAllConnections()
      for (const socket of tunnels) socket.destroy()
      await new Promise((resolve) => proxy.close(resolve))
    }
    expect(proxied.length).toBeGreaterThan(0)
    expect(proxied.every((line) => /^(CONNECT localhost:\d+|\w+ http:\/\/localhost:\d+\/v1\/skills.*)$/.test(line))).toBe(true)
    expect(claude.state.skills).toHaveLength(1)
  })

  test('refuses to send the key over plain http to another host', async () => {
    await start()
    const error = await failure(registry({ target: 'http://skills.example.test' }).registry.find(pdfTools()))
    expect(error.message).toMatch(/refusing to send the Anthropic API key over plain http/)
  })

  test('remove deletes one version by id; removeSkill deletes every version, then the skill', async () => {
    await start({ maxPageSize: 1 })
    const { registry: target } = registry()
    const first = await target.publish(pdfTools())
    const second = await target.publish(pdfTools({ 'references/guide.md': 'v2\n' }))
    await target.publish(pdfTools({ 'references/guide.md': 'v3\n' }))
    await target.remove({ name: 'pdf-tools', version: second.version })
    expect(claude.state.skills[0]!.versions.map((v) => v.id)).not.toContain(second.version)
    expect(claude.state.skills[0]!.versions).toHaveLength(2)
    await target.remove({ name: 'pdf-tools', version: second.version })

    claude.state.seed({ name: 'keep-me' })
    await target.removeSkill('pdf-tools')
    expect(claude.state.skills.map((skill) => skill.versions[0]!.name)).toEqual(['keep-me'])
    expect(claude.state.skills.some((skill) => skill.id === first.skillId)).toBe(false)
    await target.removeSkill('pdf-tools')
  })

  test('lookup: the latest version of the skill with that name, or nothing', async () => {
    await start()
    const { registry: target } = registry()
    expect(await target.lookup({ name: 'pdf-tools', version: '' })).toBeUndefined()
    const publication = await target.publish(pdfTools())
    expect(await target.lookup({ name: 'pdf-tools', version: '' })).toMatchObject({ verdict: 'published' })
    expect(await target.lookup({ name: 'pdf-tools', version: publication.version })).toMatchObject({ verdict: 'published' })
    expect(await target.lookup({ name: 'pdf-tools', version: '1' })).toBeUndefined()
  })
})

describe('claude inputs', () => {
  const parse = (raw: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
    parseConfig({ mode: 'publish', registry: 'claude', ...raw }, { root: '/repo', env })

  test('no key is a usage error naming token and ANTHROPIC_API_KEY', () => {
    expect(() => parse({})).toThrow(/Input 'token' is required for registry 'claude' \(or set ANTHROPIC_API_KEY\)/)
  })

  test('target, else ANTHROPIC_BASE_URL, else api.anthropic.com; key from token, else ANTHROPIC_API_KEY; workspace', () => {
    expect(parse({}, { ANTHROPIC_API_KEY: 'k1' }).registry).toMatchObject({ target: 'https://api.anthropic.com', token: 'k1' })
    expect(parse({ token: 'k2' }, { ANTHROPIC_API_KEY: 'k1', ANTHROPIC_BASE_URL: 'https://gw.example/anthropic' }).registry).toMatchObject({
      target: 'https://gw.example/anthropic',
      token: 'k2'
    })
    expect(parse({ token: 'k', target: 'https://x.example', workspace: 'wrkspc_1' }).registry).toMatchObject({
      target: 'https://x.example',
      workspace: 'wrkspc_1'
    })
    expect(parse({ token: 'k' }).profile).toBe('spec')
  })

  test('a version or pre-release asked for cannot be honoured: the server assigns ids', () => {
    expect(() => parse({ token: 'k', version: '1.0.0' })).toThrow(/Input 'version' does not apply to registry 'claude'/)
    expect(() => parse({ token: 'k', prerelease: 'pr.1' })).toThrow(/Input 'prerelease' does not apply/)
  })
})
