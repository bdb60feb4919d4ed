import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { Agent, type Dispatcher } from 'undici'
import {
  FormData,
  HttpClient,
  TransportError,
  fileBlob,
  isLoopbackHost,
  parseRetryAfter,
  type HttpClientOptions
} from '../../src/http/client.js'
import { RegistryError } from '../../src/registries/registry.js'
import { startServer, type TestServer } from '../servers/harness.js'
import { cleanupPackages, makePackage, memoryLogger, recordingSleep } from '../registries/package-fixture.js'

const TOKEN = 'sk_live_super_secret_token_123'

let server: TestServer
let other: TestServer

beforeEach(async () => {
  server = await startServer((req, res) => {
    if (req.path === '/json') return res.json(200, { ok: true, query: req.url.search })
    if (req.path === '/echo')
      return res.json(200, { method: req.method, body: req.body.toString('utf8'), auth: req.headers.authorization ?? null })
    if (req.path === '/echo-auth-as-text') return res.text(200, `you sent ${req.headers.authorization}`)
    if (req.path === '/big') return res.text(200, 'x'.repeat(10_000))
    if (req.path === '/cross') return res.redirect(307, `${other.url}/echo`)
    return undefined
  })
  other = await startServer((req, res) =>
    res.json(200, { host: 'other', auth: req.headers.authorization ?? null, body: req.body.toString('utf8') })
  )
})

afterEach(async () => {
  await Promise.all([server.close(), other.close()])
  cleanupPackages()
})

function client(options: Partial<HttpClientOptions> = {}) {
  const logger = memoryLogger()
  const sleeper = recordingSleep()
  const instance = new HttpClient({ logger, sleep: sleeper.sleep, random: () => 1, retryBaseMs: 100, timeoutMs: 2000, ...options })
  return { http: instance, logger, waits: sleeper.waits }
}

/** Counts dispatches, to prove a request never reached the network. */
class CountingAgent extends Agent {
  count = 0
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    this.count++
    return super.dispatch(options, handler)
  }
}

describe('HttpClient', () => {
  test('reads JSON answers', async () => {
    const { http } = client()
    const response = await http.request({ url: `${server.url}/json?x=1`, what: 'reading' })
    expect(response.ok).toBe(true)
    expect(response.json()).toEqual({ ok: true, query: '?x=1' })
  })

  test('429 with Retry-After: waits what the server asked (through the injected sleep), then succeeds', async () => {
    const { http, waits, logger } = client()
    server.fault({ path: '/json' }, { kind: 'rate-limit', retryAfterSeconds: 7 })
    const response = await http.request({ url: `${server.url}/json`, what: 'reading' })
    expect(response.status).toBe(200)
    expect(waits).toEqual([7000])
    expect(logger.lines.some((line) => /answered 429; retrying in 7 s as the server asked/.test(line))).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  test('Retry-After as an HTTP date is measured against the clock', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })

  test('a Retry-After beyond the cap is not waited for: the 429 is returned with the wait it asked', async () => {
    const { http, waits } = client({ maxRetryAfterMs: 10_000 })
    server.fault({ path: '/json' }, { kind: 'rate-limit', retryAfterSeconds: 3600 })
    const response = await http.request({ url: `${server.url}/json`, what: 'reading' })
    expect(response.status).toBe(429)
    expect(response.retryAfterMs).toBe(3_600_000)
    expect(waits).toEqual([])
  })

  test.each([500, 502, 503, 504, 408])('%i is retried with exponential backoff', async (status) => {
    const { http, waits } = client({ retries: 3 })
    server.fault({ path: '/json' }, { kind: 'status', status, times: 2 })
    const response = await http.request({ url: `${server.url}/json`, what: 'reading' })
    expect(response.status).toBe(200)
    expect(waits).toEqual([100, 200])
  })

  test('backoff uses full jitter and stops at retryMaxMs', async () => {
    const { http, waits } = client({ retries: 4, random: () => 0.5, retryBaseMs: 1000, retryMaxMs: 3000 })
    server.fault({ path: '/json' }, { kind: 'status', status: 503, times: 4 })
    await http.request({ url: `${server.url}/json`, what: 'reading' })
    expect(waits).toEqual([500, 1000, 1500, 1500])
  })

  test('gives up after the retry budget and returns the last answer', async () => {
    const { http, waits } = client({ retries: 2 })
    server.fault({ path: '/json' }, { kind: 'status', status: 502, times: Infinity })
    const response = await http.request({ url: `${server.url}/json`, what: 'reading' })
    expect(response.status).toBe(502)
    expect(waits).toHaveLength(2)
    expect(server.requests).toHaveLength(3)
  })

  test('a reset GET is retried', async () => {
    const { http, waits } = client()
    server.fault({ path: '/json' }, { kind: 'reset' })
    const response = await http.request({ url: `${server.url}/json`, what: 'reading' })
    expect(response.status).toBe(200)
    expect(waits).toHaveLength(1)
  })

  test('a reset POST is not sent again blindly: it may have landed', async () => {
    const { http } = client()
    server.fault({ path: '/echo' }, { kind: 'reset' })
    const error = await http.request({ method: 'POST', url: `${server.url}/echo`, body: 'payload', what: 'uploading' }).catch((e) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).mayHaveLanded).toBe(true)
    expect(error.message).toMatch(/uploading: POST http:\/\/127\.0\.0\.1:\d+\/echo failed: the connection was closed/)
    expect(server.requests).toHaveLength(1)
  })

  test('a POST answered 503 or 429 was not processed, so it is retried', async () => {
    const { http, waits } = client()
    server.fault({ path: '/echo' }, { kind: 'status', status: 503 })
    const response = await http.request({ method: 'POST', url: `${server.url}/echo`, body: 'payload', what: 'uploading' })
    expect(response.json()).toMatchObject({ method: 'POST', body: 'payload' })
    expect(waits).toHaveLength(1)
  })

  test('a POST answered 500 is returned, not retried', async () => {
    const { http } = client()
    server.fault({ path: '/echo' }, { kind: 'status', status: 500 })
    const response = await http.request({ method: 'POST', url: `${server.url}/echo`, body: 'payload', what: 'uploading' })
    expect(response.status).toBe(500)
    expect(server.requests).toHaveLength(1)
  })

  test('connection refused is retried even for a POST (nothing was sent), then reported', async () => {
    const closed = await startServer(() => undefined)
    const url = `${closed.url}/echo`
    await closed.close()
    const { http, waits } = client()
    const error = await http.request({ method: 'POST', url, body: 'x', what: 'uploading' }).catch((e) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error.mayHaveLanded).toBe(false)
    expect(error.message).toMatch(/connection refused/)
    expect(waits).toHaveLength(2)
  })

  test('a slow answer times out with a clear message', async () => {
    const { http } = client({ timeoutMs: 150, retries: 1 })
    server.fault({ path: '/json' }, { kind: 'slow', delayMs: 2000, times: Infinity })
    const error = await http.request({ url: `${server.url}/json`, what: 'reading' }).catch((e) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error.message).toMatch(/no answer within 150 ms \(timed out\)/)
    expect(server.requests).toHaveLength(2)
  })

  test('bad JSON: the error names the URL without its query and shows an excerpt', async () => {
    const { http } = client()
    server.fault({ path: '/json' }, { kind: 'bad-json' })
    const response = await http.request({ url: `${server.url}/json?hash=abc&token=zzz`, what: 'reading the job' })
    expect(() => response.json()).toThrow(RegistryError)
    try {
      response.json()
    } catch (error) {
      const message = (error as Error).message
      expect(message).toMatch(
        /^reading the job: GET http:\/\/127\.0\.0\.1:\d+\/json answered 200 with "\{"success": tru", which is not JSON/
      )
      expect(message).not.toMatch(/zzz|hash=/)
    }
  })

  test('answers above the size cap are refused', async () => {
    const { http } = client({ maxResponseBytes: 1000 })
    await expect(http.request({ url: `${server.url}/big`, what: 'reading' })).rejects.toThrow(/more than 1 KiB/)
  })

  test('308 re-sends the method and body to the new location', async () => {
    const { http } = client({ authorization: `Bearer ${TOKEN}` })
    server.fault({ path: '/old' }, { kind: 'redirect', status: 308, location: '/echo' })
    const response = await http.request({ method: 'POST', url: `${server.url}/old`, body: 'the body', what: 'uploading' })
    expect(response.url.pathname).toBe('/echo')
    // The echoed token comes back scrubbed; the server got it (same origin).
    expect(response.json()).toEqual({ method: 'POST', body: 'the body', auth: '***' })
    expect(server.requests[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(server.requests.map((r) => [r.path, r.body.toString()])).toEqual([
      ['/old', 'the body'],
      ['/echo', 'the body']
    ])
  })

  test('307 re-sends a multipart body with a file-backed blob', async () => {
    const pkg = makePackage()
    const { http } = client()
    server.fault({ path: '/old' }, { kind: 'redirect', status: 307, location: '/echo' })
    const form = new FormData()
    form.append('file', await fileBlob(pkg.zipPath, 'application/zip'), pkg.fileName)
    await http.request({ method: 'POST', url: `${server.url}/old`, body: form, what: 'uploading' })
    const [first, second] = server.requests
    expect(first!.body.length).toBeGreaterThan(pkg.size)
    expect(second!.body.length).toBe(first!.body.length)
    expect(second!.body.includes(Buffer.from(`filename="${pkg.fileName}"`))).toBe(true)
  })

  test('the Authorization header never follows a redirect to another origin', async () => {
    const { http } = client({ authorization: `Bearer ${TOKEN}` })
    const response = await http.request({ method: 'POST', url: `${server.url}/cross`, body: 'b', what: 'uploading' })
    expect(response.json()).toEqual({ host: 'other', auth: null, body: 'b' })
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(other.requests[0]!.headers.authorization).toBeUndefined()
  })

  test('302 on an upload is refused instead of turning it into a bodiless GET', async () => {
    const { http } = client()
    server.fault({ path: '/old' }, { kind: 'redirect', status: 302, location: '/echo' })
    await expect(http.request({ method: 'POST', url: `${server.url}/old`, body: 'b', what: 'uploading' })).rejects.toThrow(
      /answered 302, a redirect that would drop the request body; set the target to the URL it points at \(http:\/\/127\.0\.0\.1:\d+\/echo\)/
    )
  })

  test('302 on a GET is followed', async () => {
    const { http } = client()
    server.fault({ path: '/old' }, { kind: 'redirect', status: 302, location: '/json' })
    const response = await http.request({ url: `${server.url}/old`, what: 'reading' })
    expect(response.json()).toMatchObject({ ok: true })
  })

  test('a token is never sent over plain http to a non-loopback host: refused before any request', async () => {
    const dispatcher = new CountingAgent()
    const { http } = client({ authorization: `Bearer ${TOKEN}`, secrets: [TOKEN], dispatcher })
    const error = await http
      .request({ url: 'http://registry.example.com/api/v1/skills', what: 'publishing pdf-tools 1.0.0' })
      .catch((e) => e)
    expect(error).toBeInstanceOf(RegistryError)
    expect(error.message).toMatch(/refusing to send the registry token over plain http to registry\.example\.com/)
    expect(error.message).toMatch(/Use an https:\/\/ URL/)
    expect(error.message).not.toContain(TOKEN)
    expect(dispatcher.count).toBe(0)
    await dispatcher.close()
  })

  test('plain http without a token, or to loopback, is fine', async () => {
    const { http } = client({ authorization: `Bearer ${TOKEN}` })
    const response = await http.request({ url: `${server.url.replace('127.0.0.1', 'localhost')}/echo`, what: 'reading' })
    expect(response.json()).toMatchObject({ auth: '***' })
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(isLoopbackHost('127.8.9.10')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('10.0.0.1')).toBe(false)
    expect(isLoopbackHost('localhost.example.com')).toBe(false)
  })

  test('anonymous requests carry no token', async () => {
    const { http } = client({ authorization: `Bearer ${TOKEN}` })
    const response = await http.request({ url: `${server.url}/echo`, what: 'discovering', anonymous: true })
    expect(response.json()).toMatchObject({ auth: null })
  })

  test('no token string appears in an error message, even when the server echoes it', async () => {
    const { http } = client({ authorization: `Bearer ${TOKEN}`, secrets: [TOKEN] })
    const response = await http.request({ url: `${server.url}/echo-auth-as-text`, what: 'reading' })
    const error = (() => {
      try {
        response.json()
      } catch (e) {
        return e as Error
      }
      return undefined
    })()
    expect(error?.message).toMatch(/you sent Bearer \*\*\*/)
    expect(error?.message).not.toContain(TOKEN)
  })

  describe('upload()', () => {
    test.each([502, 504])('a %i after an upload is ambiguous too: it asks before sending again', async (status) => {
      const { http } = client()
      server.fault({ path: '/echo' }, { kind: 'status', status })
      let checks = 0
      const outcome = await http.upload({ method: 'POST', url: `${server.url}/echo`, body: 'zip', what: 'publishing' }, async () => {
        checks++
        return true
      })
      expect([outcome, checks, server.requests.length]).toEqual([{ landed: true }, 1, 1])
    })

    test.each([408, 429, 503])('a %i proves the upload was not processed: it is sent again without asking', async (status) => {
      const { http } = client()
      server.fault({ path: '/echo' }, { kind: 'status', status })
      let checks = 0
      const outcome = await http.upload({ method: 'POST', url: `${server.url}/echo`, body: 'zip', what: 'publishing' }, async () => {
        checks++
        return true
      })
      expect('response' in outcome && outcome.response.status).toBe(200)
      expect([checks, server.requests.length]).toEqual([0, 2])
    })

    test('after an ambiguous failure it asks whether the upload landed, and stops when it did', async () => {
      const { http, logger } = client()
      server.fault({ path: '/echo' }, { kind: 'status', status: 500 })
      let checks = 0
      const outcome = await http.upload({ method: 'POST', url: `${server.url}/echo`, body: 'zip', what: 'publishing' }, async () => {
        checks++
        return true
      })
      expect(outcome).toEqual({ landed: true })
      expect(checks).toBe(1)
      expect(server.requests).toHaveLength(1)
      expect(logger.lines.join('\n')).toMatch(/already holds this content; not sending it again/)
    })

    test('when it did not land, it sends again and says so', async () => {
      const { http } = client()
      server.fault({ path: '/echo' }, { kind: 'reset' })
      const outcome = await http.upload({ method: 'POST', url: `${server.url}/echo`, body: 'zip', what: 'publishing' }, async () => false)
      expect(outcome.landed).toBe(false)
      if (outcome.landed) return
      expect(outcome.resentAfterAmbiguousFailure).toBe(true)
      expect(outcome.response.status).toBe(200)
      expect(server.requests).toHaveLength(2)
    })

    test('a clear refusal (400) is returned without checks or resends', async () => {
      const { http } = client()
      server.fault({ path: '/echo' }, { kind: 'status', status: 400, body: 'nope' })
      let checks = 0
      const outcome = await http.upload({ method: 'POST', url: `${server.url}/echo`, body: 'zip', what: 'publishing' }, async () => {
        checks++
        return false
      })
      expect(outcome.landed === false && outcome.response.status).toBe(400)
      expect(checks).toBe(0)
    })
  })

  describe('proxies from the environment', () => {
    let proxy: http.Server
    let proxied: string[]
    let tunnels: net.Socket[]
    const saved = { ...process.env }

    beforeEach(async () => {
      proxied = []
      tunnels = []
      // A tiny forward proxy: absolute-form requests and CONNECT tunnels, both recorded.
      proxy = http.createServer((req, res) => {
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
      proxy.on('connect', (req, socket, head) => {
        proxied.push(`CONNECT ${req.url}`)
        tunnels.push(socket as net.Socket)
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
    })

    afterEach(async () => {
      for (const key of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
        if (saved[key] === undefined) delete process.env[key]
        else process.env[key] = saved[key]
      }
      proxy.closeAllConnections()
      for (const socket of tunnels) socket.destroy()
      await new Promise((resolve) => proxy.close(resolve))
    })

    const proxyUrl = () => `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`

    test('HTTP_PROXY is used', async () => {
      process.env.HTTP_PROXY = proxyUrl()
      delete process.env.NO_PROXY
      delete process.env.no_proxy
      const { http } = client()
      const target = `${server.url.replace('127.0.0.1', 'localhost')}/json`
      const response = await http.request({ url: target, what: 'reading' })
      expect(response.json()).toMatchObject({ ok: true })
      expect(proxied).toHaveLength(1)
      expect(proxied[0]).toMatch(/localhost:\d+/)
    })

    test('NO_PROXY hosts go direct', async () => {
      process.env.HTTP_PROXY = proxyUrl()
      process.env.NO_PROXY = 'localhost'
      const { http } = client()
      const response = await http.request({ url: `${server.url.replace('127.0.0.1', 'localhost')}/json`, what: 'reading' })
      expect(response.json()).toMatchObject({ ok: true })
      expect(proxied).toEqual([])
    })
  })
})
