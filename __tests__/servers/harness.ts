// A tiny loopback HTTP server for registry tests: records every request (with its full body),
// injects switchable faults before the real handler runs, and never leaks sockets.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface RecordedRequest {
  method: string
  /** URL pathname, still percent-encoded as sent. */
  path: string
  url: URL
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>
  body: Buffer
}

type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string>; times?: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number; times?: number }
  | { kind: 'reset'; times?: number }
  | { kind: 'slow'; delayMs: number; times?: number }
  | { kind: 'bad-json'; times?: number }
  /** Answer with a redirect, e.g. to another origin, to prove a client drops its token there. */
  | { kind: 'redirect'; location: string | ((req: RecordedRequest) => string); status?: 301 | 302 | 303 | 307 | 308; times?: number }

export interface FaultMatch {
  method?: string
  /** Exact pathname, or a RegExp tested against the pathname. */
  path?: string | RegExp
}

export interface TestServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string
  /** Every request, in arrival order, faulted or not. */
  requests: RecordedRequest[]
  /** Add a fault; `times` defaults to 1, `Infinity` means always. Earlier faults win. */
  fault(match: FaultMatch, fault: Fault): void
  clearFaults(): void
  /** Stop listening, end keep-alive sockets, cancel pending slow answers. */
  close(): Promise<void>
}

export type Handler = (req: RecordedRequest, res: Reply) => Promise<void> | void

/** The answer side of a request. Every method ends the response; later calls are ignored. */
export class Reply {
  constructor(private readonly res: http.ServerResponse) {}

  get sent(): boolean {
    return this.res.headersSent || this.res.writableEnded || this.res.destroyed
  }

  send(status: number, body: Buffer | string = '', headers: Record<string, string> = {}): void {
    if (this.sent) return
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
    this.res.writeHead(status, { 'content-length': String(bytes.length), ...headers })
    this.res.end(bytes)
  }

  json(status: number, value: unknown, headers: Record<string, string> = {}): void {
    this.send(status, JSON.stringify(value), { 'content-type': 'application/json', ...headers })
  }

  text(status: number, body: string, headers: Record<string, string> = {}): void {
    this.send(status, body, { 'content-type': 'text/plain; charset=utf-8', ...headers })
  }

  /** A status with an EMPTY body (e.g. a bare 401). */
  empty(status: number, headers: Record<string, string> = {}): void {
    this.send(status, '', headers)
  }

  redirect(status: number, location: string): void {
    this.send(status, '', { location })
  }

  /** Destroy the socket without answering: the client sees a connection reset / "other side closed". */
  reset(): void {
    this.res.socket?.destroy()
    this.res.destroy()
  }
}

interface ActiveFault {
  match: FaultMatch
  fault: Fault
  remaining: number
}

function matches(match: FaultMatch, req: RecordedRequest): boolean {
  if (match.method && match.method.toUpperCase() !== req.method) return false
  if (match.path === undefined) return true
  return typeof match.path === 'string' ? match.path === req.path : match.path.test(req.path)
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = []
  let faults: ActiveFault[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>()
  let closed = false

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry)
          resolve()
        }, ms),
        resolve
      }
      timers.add(entry)
    })

  const takeFault = (req: RecordedRequest): Fault | undefined => {
    const active = faults.find((f) => f.remaining > 0 && matches(f.match, req))
    if (!active) return undefined
    active.remaining -= 1
    return active.fault
  }

  /** Apply a fault; true when it answered (so the real handler must not run). */
  const applyFault = async (fault: Fault, req: RecordedRequest, reply: Reply): Promise<boolean> => {
    switch (fault.kind) {
      case 'status':
        reply.send(fault.status, fault.body ?? '', fault.headers ?? {})
        return true
      case 'rate-limit': {
        const reset = Math.ceil(Date.now() / 1000) + fault.retryAfterSeconds
        reply.text(429, 'Rate limit exceeded', {
          'retry-after': String(fault.retryAfterSeconds),
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-remaining': '0'
        })
        return true
      }
      case 'reset':
        reply.reset()
        return true
      case 'slow':
        await delay(fault.delayMs)
        return closed
      case 'bad-json':
        reply.send(200, '{"success": tru', { 'content-type': 'application/json' })
        return true
      case 'redirect': {
        const location = typeof fault.location === 'function' ? fault.location(req) : fault.location
        reply.redirect(fault.status ?? 302, location)
        return true
      }
    }
  }

  const server = http.createServer(async (incoming, res) => {
    const reply = new Reply(res)
    try {
      const body = await readBody(incoming)
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
      const req: RecordedRequest = {
        method: (incoming.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        url,
        headers: flattenHeaders(incoming.headers),
        body
      }
      requests.push(req)
      const fault = takeFault(req)
      if (fault && (await applyFault(fault, req, reply))) return
      if (reply.sent) return
      await handler(req, reply)
      if (!reply.sent) reply.text(404, `no route for ${req.method} ${req.path}`)
    } catch (error) {
      if (!reply.sent) reply.text(500, `test server error: ${error instanceof Error ? error.stack : String(error)}`)
    }
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        fault(match, fault) {
          faults.push({ match, fault, remaining: fault.times ?? 1 })
        },
        clearFaults() {
          faults = []
        },
        close() {
          if (closed) return Promise.resolve()
          closed = true
          for (const entry of timers) {
            clearTimeout(entry.timer)
            entry.resolve()
          }
          timers.clear()
          return new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
            for (const socket of sockets) socket.destroy()
          })
        }
      })
    })
  })
}

// ---------------------------------------------------------------------------------------------
// A small router: `route('GET', '/api/v1/skills/:slug', handler)`; params are decoded.

export type RouteHandler = (req: RecordedRequest, res: Reply, params: Record<string, string>) => Promise<void> | void

interface Route {
  method: string
  pattern: RegExp
  names: string[]
  handler: RouteHandler
}

export class Router {
  private readonly routes: Route[] = []

  /** `path` uses `:name` for one segment and `*name` for the rest (may contain "/"). */
  route(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = []
    const source = path
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1))
          return '([^/]+)'
        }
        if (segment.startsWith('*')) {
          names.push(segment.slice(1))
          return '(.+)'
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, handler })
    return this
  }

  get(path: string, handler: RouteHandler): this {
    return this.route('GET', path, handler)
  }
  post(path: string, handler: RouteHandler): this {
    return this.route('POST', path, handler)
  }
  put(path: string, handler: RouteHandler): this {
    return this.route('PUT', path, handler)
  }
  delete(path: string, handler: RouteHandler): this {
    return this.route('DELETE', path, handler)
  }

  /** The harness handler: dispatch, 405 when the path exists under another method, else 404. */
  readonly handle: Handler = async (req, res) => {
    let pathExists = false
    for (const route of this.routes) {
      const found = route.pattern.exec(req.path)
      if (!found) continue
      pathExists = true
      if (route.method !== req.method) continue
      const params: Record<string, string> = {}
      route.names.forEach((name, i) => {
        params[name] = safeDecode(found[i + 1] ?? '')
      })
      await route.handler(req, res, params)
      return
    }
    if (pathExists) res.text(405, 'Method Not Allowed')
    else res.text(404, 'Not Found')
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the registry servers.

/** Parse a multipart/form-data body with Node's own fetch implementation (undici). */
export async function parseMultipart(req: RecordedRequest): Promise<FormData> {
  return new Request(req.url, {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: new Uint8Array(req.body)
  }).formData()
}

export function isMultipart(req: RecordedRequest): boolean {
  return /^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')
}

export function bearerToken(req: RecordedRequest): string | undefined {
  const found = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return found?.[1]
}

/**
 * Answer matching requests (all by default) with a redirect to the same path on another origin,
 * e.g. a second `startServer`, to prove a client does not carry its token across hosts.
 */
export function redirectToOrigin(
  server: TestServer,
  origin: string,
  match: FaultMatch = {},
  status: 301 | 302 | 303 | 307 | 308 = 307
): void {
  server.fault(match, { kind: 'redirect', status, times: Infinity, location: (req) => `${origin}${req.path}${req.url.search}` })
}
