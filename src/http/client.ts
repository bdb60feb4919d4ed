// The one HTTP client every registry uses: proxies from the environment, a timeout on every
// request, retries with backoff and jitter, manual redirects that never carry a token to another
// origin, size-capped answers, and errors that name the URL but never a secret.
import { EnvHttpProxyAgent, FormData, Pool, request as send, type Dispatcher } from 'undici'
import { openAsBlob } from 'node:fs'
import { isIP } from 'node:net'
import type { Logger } from '../core/types.js'
import { RegistryError } from './error.js'
import { excerpt, scrubSecrets } from './scrub.js'

// Re-exported so registry clients build multipart bodies with undici's FormData: undici
// does not recognise Node's global FormData (a different copy of undici) and would send "[object FormData]".
export { FormData }

/**
 * When a failed request may be sent again.
 * - `idempotent`: any transient failure (408, 429, 5xx, network error, timeout).
 * - `not-processed`: only failures that prove the server did not act on it (408, 429, 503,
 *   connection refused, DNS failure). Safe for uploads.
 * - `never`.
 */
export type RetryPolicy = 'idempotent' | 'not-processed' | 'never'

/** Bodies that can be sent more than once (retries, 307/308 redirects): no one-shot streams. */
export type RequestBody = string | Uint8Array | Blob | FormData

export interface HttpClientOptions {
  logger: Logger
  /** Value of the Authorization header, sent only to `credentialOrigins`. */
  authorization?: string
  /**
   * The origins the credentials belong to (the registry's target), on every method and after
   * every redirect; a URL a server names on another origin never gets them. Without it, the
   * origin each request starts at.
   */
  credentialOrigins?: string[]
  /** Strings never to show in an error (the token and any derived form). */
  secrets?: string[]
  /** Per request, headers and body included. */
  timeoutMs?: number
  /** For uploads (`upload: true`); four times `timeoutMs` unless given. */
  uploadTimeoutMs?: number
  /** Extra attempts after the first. */
  retries?: number
  /** Backoff: a random wait up to min(retryMaxMs, retryBaseMs * 2^attempt) ("full jitter"). */
  retryBaseMs?: number
  retryMaxMs?: number
  /** A Retry-After longer than this is not waited for: the failure is returned instead. */
  maxRetryAfterMs?: number
  maxResponseBytes?: number
  maxRedirects?: number
  /** Defaults to an EnvHttpProxyAgent (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). */
  dispatcher?: Dispatcher
  /** Injectable for tests: waits between attempts, randomness of the jitter, the clock for HTTP dates. */
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
  userAgent?: string
}

export interface HttpRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE'
  url: URL | string
  headers?: Record<string, string>
  body?: RequestBody
  /** Send no Authorization header (discovery documents). */
  anonymous?: boolean
  /**
   * The origin that may receive the token for this request, when the registry's API named the URL
   * in an answer for that purpose (ClawHub's upload URL on its storage host). Default: the origin
   * the request starts at. Either way never a redirect's target, and never plain http but loopback.
   */
  tokenOrigin?: string
  /** Use the longer upload timeout. */
  upload?: boolean
  /** Default: `idempotent` for GET, HEAD and DELETE, `not-processed` for POST and PUT. */
  retry?: RetryPolicy
  /** What the request does, for messages: "publishing acme-x 1.0.0 to ClawHub". */
  what: string
}

const DEFAULTS = {
  timeoutMs: 15_000,
  retries: 2,
  retryBaseMs: 300,
  retryMaxMs: 5_000,
  maxRetryAfterMs: 60_000,
  maxResponseBytes: 8 * 1024 * 1024,
  maxRedirects: 5
}

/** An upload gets this many request timeouts (the `request-timeout` help and the README say so). */
export const UPLOAD_TIMEOUT_FACTOR = 4

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])
/** Answers that prove the request was not acted on. */
const NOT_PROCESSED_STATUSES = new Set([408, 429, 503])
/** Network failures that happen before a byte of the request reaches the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH'])
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** `origin + path`: no user info, no query (which may carry secrets or hashes). */
export function displayUrl(url: URL | string): string {
  const parsed = new URL(url)
  return `${parsed.origin}${parsed.pathname}`
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host)
  return false
}

/** Parse Retry-After (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.max(0, Math.round(Number(trimmed) * 1000))
  const date = Date.parse(trimmed)
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined
}

/** A file on disk as a Blob that is read while sending, never held whole in memory. */
export function fileBlob(path: string, type = 'application/octet-stream'): Promise<Blob> {
  return openAsBlob(path, { type }) as Promise<Blob>
}

/** A network failure or timeout: no HTTP answer arrived. */
export class TransportError extends RegistryError {
  constructor(
    message: string,
    /** The request may have reached the server and been acted on (reset after sending, timeout). */
    readonly mayHaveLanded: boolean,
    cause: unknown
  ) {
    super(message, { retryable: true, cause })
    this.name = 'TransportError'
  }
}

export class HttpResponse {
  constructor(
    readonly method: string,
    /** The URL that answered (after redirects). */
    readonly url: URL,
    readonly status: number,
    readonly headers: Headers,
    readonly text: string,
    readonly what: string,
    private readonly now: () => number,
    private readonly scrub: (text: string) => string
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300
  }

  /** The wait the server asked for (Retry-After, else an X-RateLimit-Reset in epoch seconds). */
  get retryAfterMs(): number | undefined {
    const retryAfter = parseRetryAfter(this.headers.get('retry-after'), this.now())
    if (retryAfter !== undefined) return retryAfter
    const reset = Number(this.headers.get('x-ratelimit-reset') ?? NaN)
    if (this.status === 429 && Number.isFinite(reset) && reset > 1e9) return Math.max(0, reset * 1000 - this.now())
    return undefined
  }

  /** The body as JSON; a clear error naming the URL and showing the start of the body otherwise. */
  json<T = unknown>(): T {
    try {
      return JSON.parse(this.text) as T
    } catch (cause) {
      const shown = this.text.trim() ? `"${this.scrub(excerpt(this.text))}"` : 'an empty body'
      throw new RegistryError(
        `${this.what}: ${this.method} ${displayUrl(this.url)} answered ${this.status} with ${shown}, which is not JSON. ` +
          'Check that the target URL points at the registry API (not a web page or a proxy error page).',
        { status: this.status, cause }
      )
    }
  }

  /** The body as a JSON object when it is one, else undefined (error bodies may be text or empty). */
  jsonOrUndefined<T = Record<string, unknown>>(): T | undefined {
    try {
      const value: unknown = JSON.parse(this.text)
      return value !== null && typeof value === 'object' ? (value as T) : undefined
    } catch {
      return undefined
    }
  }
}

/** What an upload came to: an answer, or the registry already holding our content. */
export type UploadOutcome =
  | { landed: true }
  | {
      landed: false
      response: HttpResponse
      /** The upload was sent again after a failure that may have left the first copy stored. */
      resentAfterAmbiguousFailure: boolean
    }

export class HttpClient {
  private readonly settings: typeof DEFAULTS & { uploadTimeoutMs: number }
  private readonly dispatcher: Dispatcher
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly now: () => number
  private readonly secrets: string[]
  private readonly credentialOrigins: string[] | undefined

  constructor(private readonly options: HttpClientOptions) {
    const set = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
    const settings = { ...DEFAULTS, ...(set as Partial<typeof DEFAULTS>) }
    this.settings = { ...settings, uploadTimeoutMs: options.uploadTimeoutMs ?? UPLOAD_TIMEOUT_FACTOR * settings.timeoutMs }
    this.dispatcher = options.dispatcher ?? proxyAwareAgent(this.settings.timeoutMs)
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
    const derived = options.authorization ? [options.authorization, options.authorization.replace(/^\w+\s+/, '')] : []
    // As a server may echo them: raw, percent-encoded (a query or a URL), JSON-escaped.
    const given = [...(options.secrets ?? []), ...derived].filter((secret) => secret.length >= 4)
    this.secrets = [...new Set(given.flatMap((secret) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]))]
    this.credentialOrigins = options.credentialOrigins?.map((origin) => new URL(origin).origin)
  }

  /** Remove every known secret from a text meant for a person. */
  scrub = (text: string): string => scrubSecrets(text, this.secrets)

  /**
   * Send a request, retrying transient failures as its policy allows. Any HTTP status is
   * returned (the caller knows what a 404 means); a network failure after the last attempt throws
   * a `TransportError`.
   */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const outcome = await this.send(request)
    if ('landed' in outcome) throw new Error('unreachable: a request without a landed check cannot land')
    return outcome.response
  }

  /**
   * Uploads are not idempotent: after a reset, a timeout or a 500 we cannot know whether the
   * registry stored the bytes. Before sending again we ask it (`landed`): when it holds our
   * content, the first attempt worked. Registries without a way to ask pass `() => false` and
   * must report a resulting duplicate as such (`resentAfterAmbiguousFailure`).
   */
  async upload(request: HttpRequest, landed: () => Promise<boolean>): Promise<UploadOutcome> {
    const outcome = await this.send({ ...request, upload: true, retry: request.retry ?? 'not-processed' }, landed)
    return 'landed' in outcome ? outcome : { landed: false, ...outcome }
  }

  /**
   * The one retry loop. `retries` is the budget of the whole operation: every resend counts,
   * whether the policy allowed it (a 503) or a `landed` check did (a 500 after an upload).
   */
  private async send(
    request: HttpRequest,
    landed?: () => Promise<boolean>
  ): Promise<{ landed: true } | { response: HttpResponse; resentAfterAmbiguousFailure: boolean }> {
    const method = request.method ?? 'GET'
    const policy = request.retry ?? (method === 'POST' || method === 'PUT' ? 'not-processed' : 'idempotent')
    let resentAfterAmbiguousFailure = false
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(request)
      const waitMs = this.retryWait(outcome, policy, attempt)
      if (waitMs !== undefined) {
        this.logRetry(request, outcome, waitMs, attempt)
        await this.sleep(waitMs)
        continue
      }
      if (landed && attempt < this.settings.retries && mayHaveLanded(outcome)) {
        const reason = outcome instanceof TransportError ? outcome.message : `answered ${outcome.status}`
        this.options.logger.info(
          `${request.what}: the upload may or may not have been stored (${reason}); checking before sending it again`
        )
        if (await landed()) {
          this.options.logger.info(`${request.what}: the registry already holds this content; not sending it again`)
          return { landed: true }
        }
        const backoffMs = this.backoff(attempt)
        this.options.logger.info(`${request.what}: not stored; sending again in ${seconds(backoffMs)}`)
        await this.sleep(backoffMs)
        resentAfterAmbiguousFailure = true
        continue
      }
      if (outcome instanceof TransportError) throw outcome
      return { response: outcome, resentAfterAmbiguousFailure }
    }
  }

  /** How long to wait before the next attempt, or undefined to stop. */
  private retryWait(outcome: HttpResponse | TransportError, policy: RetryPolicy, attempt: number): number | undefined {
    if (policy === 'never' || attempt >= this.settings.retries) return undefined
    if (outcome instanceof TransportError) {
      return policy === 'idempotent' || !outcome.mayHaveLanded ? this.backoff(attempt) : undefined
    }
    const statuses = policy === 'idempotent' ? RETRYABLE_STATUSES : NOT_PROCESSED_STATUSES
    if (!statuses.has(outcome.status)) return undefined
    const asked = outcome.retryAfterMs
    if (asked === undefined) return this.backoff(attempt)
    // A server asking for more than we are willing to wait gets its answer passed on instead.
    return asked <= this.settings.maxRetryAfterMs ? asked : undefined
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** attempt)
    return Math.round(this.random() * ceiling)
  }

  private logRetry(request: HttpRequest, outcome: HttpResponse | TransportError, waitMs: number, attempt: number): void {
    const method = request.method ?? 'GET'
    const why = outcome instanceof TransportError ? outcome.message : `${method} ${displayUrl(outcome.url)} answered ${outcome.status}`
    const asked = outcome instanceof HttpResponse && outcome.retryAfterMs !== undefined ? ' as the server asked' : ''
    this.options.logger.info(
      `${outcome instanceof TransportError ? why : `${request.what}: ${why}`}; retrying in ${seconds(waitMs)}${asked} (attempt ${attempt + 2} of ${this.settings.retries + 1})`
    )
  }

  /** One attempt, following redirects. Returns the answer or a TransportError; throws other RegistryErrors. */
  private async attempt(request: HttpRequest): Promise<HttpResponse | TransportError> {
    const method = request.method ?? 'GET'
    const startOrigin = new URL(request.url).origin
    let url = new URL(request.url)
    for (let hop = 0; ; hop++) {
      const authorization =
        !request.anonymous && this.ownsCredentials(url, startOrigin, request.tokenOrigin) ? this.options.authorization : undefined
      if (authorization) this.assertSafeForToken(url, request.what)
      const headers: Record<string, string> = {
        accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
        'user-agent': this.options.userAgent ?? 'skillpub',
        ...request.headers
      }
      if (authorization) headers.authorization = authorization
      const timeoutMs = request.upload ? this.settings.uploadTimeoutMs : this.settings.timeoutMs
      const signal = AbortSignal.timeout(timeoutMs)
      let response: Dispatcher.ResponseData
      let answerHeaders: Headers
      let text: string
      try {
        // undici's request(), not fetch(): the same connection pool and proxy agent without the
        // WHATWG stream layers, which cost about 1.4 ms of CPU a request (measured on the
        // loopback registry), the main thread's time that concurrent uploads share. It follows
        // no redirects: redirectTarget decides.
        response = await send(url, {
          method,
          headers,
          body: request.body as Dispatcher.RequestOptions['body'],
          signal,
          dispatcher: this.dispatcher
        })
        // Every answer is scrubbed as it arrives, before anything cuts, parses or shows it: a
        // registry that echoes the token (in a body, a message, a Location) never passes it on.
        answerHeaders = toHeaders(response.headers, this.scrub)
        const location = answerHeaders.get('location')
        if (REDIRECT_STATUSES.has(response.statusCode) && location) {
          await response.body.dump().catch(() => undefined)
          url = this.redirectTarget(method, url, response.statusCode, location, hop, request.what)
          continue
        }
        text = this.scrub(
          await readCapped(response.body, answerHeaders, this.settings.maxResponseBytes, () => this.tooLarge(method, url, request.what))
        )
      } catch (error) {
        if (error instanceof RegistryError) throw error
        return this.transportError(error, method, url, request.what, timeoutMs, signal.aborted)
      }
      return new HttpResponse(method, url, response.statusCode, answerHeaders, text, request.what, this.now, this.scrub)
    }
  }

  /**
   * The one rule for credentials: they go to the origins they belong to, never to another one,
   * whatever the method and however the URL was reached (a redirect, a URL in an answer). A URL
   * the API itself named for this request (`tokenOrigin`: ClawHub's upload URL) is the one
   * exception, and then that origin alone.
   */
  private ownsCredentials(url: URL, startOrigin: string, namedOrigin: string | undefined): boolean {
    if (namedOrigin !== undefined) return url.origin === namedOrigin
    return this.credentialOrigins ? this.credentialOrigins.includes(url.origin) : url.origin === startOrigin
  }

  private redirectTarget(method: string, from: URL, status: number, location: string, hop: number, what: string): URL {
    const next = new URL(location, from)
    if (hop >= this.settings.maxRedirects) {
      throw new RegistryError(
        `${what}: more than ${this.settings.maxRedirects} redirects starting at ${displayUrl(from)}; set the target to the final URL.`
      )
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new RegistryError(`${what}: ${displayUrl(from)} redirected to a ${next.protocol} URL, which skillpub does not follow.`)
    }
    // 301/302/303 would turn an upload into a GET without its body (the fetch rules): refuse
    // rather than "succeed" with nothing sent. 307/308 keep the method and the body.
    if (status !== 307 && status !== 308 && method !== 'GET' && method !== 'HEAD') {
      throw new RegistryError(
        `${what}: ${method} ${displayUrl(from)} answered ${status}, a redirect that would drop the request body; ` +
          `set the target to the URL it points at (${displayUrl(next)}).`,
        { status }
      )
    }
    this.options.logger.debug(`${what}: ${displayUrl(from)} redirected (${status}) to ${displayUrl(next)}`)
    return next
  }

  /** A token sent over plain http can be read by anyone on the path; loopback never leaves the machine. */
  private assertSafeForToken(url: URL, what: string): void {
    if (url.protocol === 'https:' || isLoopbackHost(url.hostname)) return
    throw new RegistryError(
      `${what}: refusing to send the registry token over plain http to ${url.host} (${displayUrl(url)}): ` +
        'anyone on the network path could read it. Use an https:// URL (plain http is allowed only for 127.0.0.1, ::1 and localhost).'
    )
  }

  private tooLarge(method: string, url: URL, what: string): RegistryError {
    return new RegistryError(
      `${what}: ${method} ${displayUrl(url)} answered with more than ${Math.round(this.settings.maxResponseBytes / 1024)} KiB; ` +
        'that is not a registry API answer. Check the target URL.'
    )
  }

  private transportError(error: unknown, method: string, url: URL, what: string, timeoutMs: number, timedOut: boolean): TransportError {
    const code = errorCode(error)
    const reason = timedOut ? `no answer within ${seconds(timeoutMs)} (timed out)` : describeNetworkCode(code, error)
    const notSent = code !== undefined && NOT_SENT_CODES.has(code)
    const message = this.scrub(
      `${what}: ${method} ${displayUrl(url)} failed: ${reason}. ` +
        'Check the URL, that the registry is up, and the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).'
    )
    return new TransportError(message, !notSent, error)
  }
}

/**
 * The environment's proxies, with the CONNECT to a proxy bound by the request timeout: undici
 * waits 300 s for a proxy's answer to CONNECT and does not let a request's signal end that wait,
 * so a proxy that accepts the connection and never answers would hold the run that long.
 */
function proxyAwareAgent(timeoutMs: number): Dispatcher {
  return new EnvHttpProxyAgent({
    clientFactory: (origin: URL, options: object) => new Pool(origin, { ...options, headersTimeout: timeoutMs })
  } as ConstructorParameters<typeof EnvHttpProxyAgent>[0])
}

/** A failure after which the request may have been acted on (an upload may be stored). */
function mayHaveLanded(outcome: HttpResponse | TransportError): boolean {
  if (outcome instanceof TransportError) return outcome.mayHaveLanded
  return RETRYABLE_STATUSES.has(outcome.status) && !NOT_PROCESSED_STATUSES.has(outcome.status)
}

async function readCapped(body: AnswerBody, headers: Headers, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const declared = Number(headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(body)
    throw tooLarge()
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.byteLength
    if (total > maxBytes) {
      discard(body)
      throw tooLarge()
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

type AnswerBody = Dispatcher.ResponseData['body']

/** Stops reading an answer; the abort this raises on the stream is ours, not news. */
function discard(body: AnswerBody): void {
  body.on('error', () => undefined)
  body.destroy()
}

/** The answer's headers as a `Headers`, read with `get()` here and by the registry clients. */
function toHeaders(raw: Dispatcher.ResponseData['headers'], scrub: (text: string) => string): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, scrub(one))
  }
  return headers
}

/** The system error code of a network failure (on it, its cause, or an AggregateError's errors). */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown }
  if (typeof code === 'string') return code
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = errorCode(inner, depth + 1)
      if (found) return found
    }
  }
  return errorCode(cause, depth + 1)
}

function describeNetworkCode(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens there)'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name could not be resolved (${code})`
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return 'the connection was closed before an answer arrived (reset)'
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'could not connect in time'
    case undefined: {
      const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
      return `network error (${message})`
    }
    default:
      return `network error (${code})`
  }
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`
}
