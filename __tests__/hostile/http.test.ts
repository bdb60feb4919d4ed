// The HTTP client against hostile and broken servers on 127.0.0.1: one that reads an upload and
// never answers, a proxy that never answers CONNECT, a registry that keeps failing an upload, one
// that echoes the token at the edge of an excerpt, and URLs on another origin. Each case asserts
// the safe behaviour, never the wall clock.
import net from 'node:net'
import { HttpClient, TransportError, UPLOAD_TIMEOUT_FACTOR, type HttpClientOptions } from '../../src/http/client.js'
import { OPTIONS } from '../../src/options.js'
import { RegistryError } from '../../src/registries/registry.js'
import { startServer, type TestServer } from '../servers/harness.js'
import { memoryLogger } from '../registries/package-fixture.js'

const TOKEN = 'sk_live_hostile_secret_0123456789'

const servers: TestServer[] = []
const sockets: net.Socket[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler)
  servers.push(server)
  return server
}

/** A TCP server that accepts connections, reads whatever comes, and never says a word. */
async function silentServer(): Promise<string> {
  const server = net.createServer((socket) => {
    sockets.push(socket)
    socket.on('data', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) } as TestServer)
  return `127.0.0.1:${(server.address() as net.AddressInfo).port}`
}

function client(options: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({ logger: memoryLogger(), sleep: async () => undefined, timeoutMs: 2000, ...options })
}

describe('timeouts that hold', () => {
  it('an upload the server reads and never answers is cut off at four times the request timeout', async () => {
    const host = await silentServer()
    const error = await client({ timeoutMs: 150, retries: 0 })
      .upload({ method: 'POST', url: `http://${host}/publish`, body: 'x'.repeat(64 * 1024), what: 'publishing x 1.0.0' }, async () => false)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as Error).message).toMatch(
      /publishing x 1\.0\.0: POST http:\/\/127\.0\.0\.1:\d+\/publish failed: no answer within 600 ms \(timed out\)/
    )
  })

  it('a proxy that accepts the connection and never answers CONNECT is cut off at the request timeout', async () => {
    const proxy = await silentServer()
    const saved = process.env.HTTP_PROXY
    process.env.HTTP_PROXY = `http://${proxy}`
    try {
      // The dispatcher reads the proxy from the environment when the client is made.
      const http = client({ timeoutMs: 150, retries: 0 })
      const error = await http.request({ url: 'http://registry.test/api/v1/skills', what: 'reading skills' }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TransportError)
      expect((error as Error).message).toMatch(
        /reading skills: GET http:\/\/registry\.test\/api\/v1\/skills failed: no answer within 150 ms \(timed out\)/
      )
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY
      else process.env.HTTP_PROXY = saved
    }
  })

  it('the request-timeout help says what the code does', () => {
    const help = OPTIONS.find((option) => option.name === 'request-timeout')!.description
    expect(help).toContain(`uploads get ${['', '', 'twice', 'three times', 'four times'][UPLOAD_TIMEOUT_FACTOR]} as long`)
  })
})

describe('one retry budget per operation', () => {
  it('with retries=2, a registry answering 503, 503, 500 over and over receives the upload 3 times', async () => {
    const answers = [503, 503, 500]
    let uploads = 0
    const server = await serve((_req, res) => res.text(answers[uploads++ % answers.length]!, 'busy'))
    const outcome = await client({ retries: 2 }).upload(
      { method: 'POST', url: `${server.url}/publish`, body: 'zip bytes', what: 'publishing x 1.0.0' },
      async () => false
    )
    expect(outcome).toMatchObject({ landed: false, response: { status: 500 }, resentAfterAmbiguousFailure: false })
    expect(server.requests.filter((req) => req.method === 'POST')).toHaveLength(3)
  })

  it('a resend after an ambiguous 500 counts against the same budget and is reported as such', async () => {
    const answers = [500, 503, 503]
    let uploads = 0
    const server = await serve((_req, res) => res.text(answers[uploads++ % answers.length]!, 'busy'))
    const outcome = await client({ retries: 2 }).upload(
      { method: 'POST', url: `${server.url}/publish`, body: 'zip bytes', what: 'publishing x 1.0.0' },
      async () => false
    )
    expect(outcome).toMatchObject({ landed: false, response: { status: 503 }, resentAfterAmbiguousFailure: true })
    expect(server.requests).toHaveLength(3)
  })
})

describe('no token leaves', () => {
  it('a body echoing the token across the excerpt cut shows no fragment of it', async () => {
    // 190 characters, then the token: an excerpt of 200 cuts the token in two.
    const server = await serve((_req, res) => res.text(502, `${'e'.repeat(190)}${TOKEN}${'e'.repeat(100)}`))
    const http = client({ authorization: `Bearer ${TOKEN}`, secrets: [TOKEN], retries: 0 })
    const response = await http.request({ url: `${server.url}/api`, what: 'reading' })
    let error: Error | undefined
    try {
      response.json()
    } catch (e) {
      error = e as Error
    }
    expect(error).toBeInstanceOf(RegistryError)
    expect(error!.message).toContain('e'.repeat(150))
    expect(error!.message).not.toContain(TOKEN.slice(0, 6))
    expect(response.text).not.toContain(TOKEN.slice(0, 6))
  })

  it('a token echoed percent-encoded or JSON-escaped, or in a header, is scrubbed too', async () => {
    const token = 'tok/en+with"odd&chars'
    const server = await serve((_req, res) =>
      res.send(200, JSON.stringify({ said: token, url: `https://x/?t=${encodeURIComponent(token)}` }), { 'x-echo': token })
    )
    const response = await client({ authorization: `Bearer ${token}`, secrets: [token] }).request({ url: server.url, what: 'reading' })
    expect(response.text).not.toContain(JSON.stringify(token).slice(1, -1))
    expect(response.text).not.toContain(encodeURIComponent(token))
    expect(response.headers.get('x-echo')).toBe('***')
  })

  it('credentials go to their own origin only: never to a URL on another port, on any method', async () => {
    const registry = await serve((_req, res) => res.redirect(302, `${elsewhere.url}/status`))
    const elsewhere = await serve((_req, res) => res.json(200, { ok: true }))
    const http = client({ authorization: `Bearer ${TOKEN}`, secrets: [TOKEN], credentialOrigins: [registry.url] })
    // A status poll that redirects, and URLs an answer named on another origin (any method).
    await http.request({ url: `${registry.url}/status`, what: 'polling' })
    await http.request({ url: `${elsewhere.url}/status`, what: 'polling' })
    await http.request({ method: 'DELETE', url: `${elsewhere.url}/v`, what: 'removing' })
    await http.request({ method: 'PUT', url: `${elsewhere.url}/v`, body: 'x', what: 'uploading' })
    expect(registry.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(elsewhere.requests).toHaveLength(4)
    for (const req of elsewhere.requests) expect(req.headers.authorization).toBeUndefined()
  })
})
