// The official SDK (@anthropic-ai/sdk), set up the way skillpub's own HTTP client behaves:
// - loaded on first use (a dynamic import), so no other run pays for it at start-up;
// - one retry policy: the SDK's, with `retries` as maxRetries and `request-timeout` as timeout
//   (uploads get four times as long and no SDK retries: see ClaudeRegistry.createVersion);
// - its requests go through undici with the proxy settings of the environment (EnvHttpProxyAgent:
//   HTTPS_PROXY, HTTP_PROXY, NO_PROXY), like every other registry's;
// - no redirect is followed, so the API key (sent as `Authorization: Bearer` by this SDK version,
//   as `x-api-key` by earlier ones, which fetch would carry to any host a redirect names) only
//   ever reaches the target's origin; a redirect is reported instead;
// - the key only as `apiKey`: `authToken: null` keeps ANTHROPIC_AUTH_TOKEN from adding a second credential.
import type Anthropic from '@anthropic-ai/sdk'
import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici'
import type { Logger } from '../core/types.js'
import { isLoopbackHost } from '../http/client.js'
import { scrubSecrets } from '../http/scrub.js'
import { RegistryError } from './registry.js'

export type { Anthropic }

export interface ClaudeClientOptions {
  baseUrl: string
  apiKey: string
  workspace?: string
  timeoutMs: number
  retries: number
  logger: Logger
  /** Tests: a dispatcher of their own instead of the environment's proxy agent. */
  dispatcher?: Dispatcher
}

export async function openClaudeClient(options: ClaudeClientOptions): Promise<Anthropic> {
  const url = new URL(options.baseUrl)
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
    throw new RegistryError(
      `refusing to send the Anthropic API key over plain http to ${url.host}: anyone on the network path could read it. ` +
        "Set 'target' to an https:// URL (plain http is allowed only for 127.0.0.1, ::1 and localhost)."
    )
  }
  const { default: AnthropicClient } = await import('@anthropic-ai/sdk')
  return new AnthropicClient({
    apiKey: options.apiKey,
    authToken: null,
    baseURL: url.href.replace(/\/+$/, ''),
    maxRetries: options.retries,
    timeout: options.timeoutMs,
    fetch: proxiedFetch(options.dispatcher ?? new EnvHttpProxyAgent()) as unknown as typeof fetch,
    defaultHeaders: options.workspace ? { 'anthropic-workspace-id': options.workspace } : undefined,
    logLevel: 'info',
    logger: sdkLogger(options.logger, [options.apiKey])
  })
}

/**
 * The SDK builds multipart bodies with the global FormData, which the undici package does not
 * recognise (another copy of undici): encode it with the global Response first. The SDK asks a
 * fetch's `Response` whether it can encode FormData, so it is given the global one.
 */
function proxiedFetch(dispatcher: Dispatcher) {
  const send = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {}
    new Headers(init.headers).forEach((value, name) => (headers[name] = value))
    let body = init.body
    if (body instanceof FormData) {
      const encoded = new Response(body)
      headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data'
      body = new Uint8Array(await encoded.arrayBuffer())
    }
    const answer = await undiciFetch(input as string, {
      method: init.method,
      headers,
      body: body as Uint8Array | string | undefined,
      signal: init.signal,
      redirect: 'manual',
      dispatcher
    })
    return answer as unknown as Response
  }
  return Object.assign(send, { Response })
}

/** The SDK's own lines (one per request, retries included) at debug level; retries and warnings seen. */
function sdkLogger(logger: Logger, secrets: string[]) {
  const clean = (args: unknown[]): string => scrubSecrets(args.map((arg) => (typeof arg === 'string' ? arg : '')).join(' '), secrets)
  return {
    debug: () => undefined,
    info: (...args: unknown[]) => {
      const line = clean(args)
      if (/retrying/.test(line)) logger.info(`Claude API: ${line}`)
      else logger.debug(`Claude API: ${line}`)
    },
    warn: (...args: unknown[]) => logger.warning(`Claude API: ${clean(args)}`),
    error: (...args: unknown[]) => logger.warning(`Claude API: ${clean(args)}`)
  }
}
