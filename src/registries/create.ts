// From a typed registry config (defaults and environment already applied by parseConfig) to a
// Registry: credentials into one HttpClient per registry, and the list of secrets to mask.
import type { Logger } from '../core/types.js'
import type { RegistryConfig } from '../config.js'
import { HttpClient, type HttpClientOptions } from '../http/client.js'
import { FastSkillRegistry } from './fastskill.js'
import { ClawHubRegistry } from './clawhub.js'
import { ArtifactoryRegistry } from './artifactory.js'
import { LocalRegistry } from './local.js'
import { ClaudeRegistry } from './claude.js'
import { isPemText, loadSigningKey } from './evidence.js'
import { RegistryError, type Registry } from './registry.js'

export interface CreateRegistryOptions {
  logger: Logger
  /** Overwrite what is already there (the local registry; HTTP registries decide server-side). */
  force: boolean
  /** The local registry repairs its index on first use, except in a dry run. */
  dryRun?: boolean
  /** ClawHub: a `suspicious` scan passes with a warning. */
  allowSuspicious?: boolean
  /** Tests shorten waits and inject the clock, randomness or a dispatcher. */
  http?: Partial<Omit<HttpClientOptions, 'logger' | 'authorization' | 'credentialOrigins' | 'secrets'>>
}

export function createRegistry(config: RegistryConfig, options: CreateRegistryOptions): Registry {
  if (config.kind === 'local') {
    if (!config.target) throw new RegistryError('the local registry needs a folder: set the target to a path.')
    return new LocalRegistry({
      target: config.target,
      layout: config.layout,
      force: options.force,
      scope: config.scope,
      baseUrl: config.baseUrl,
      repository: config.source?.url,
      dryRun: options.dryRun,
      logger: options.logger
    })
  }
  const credentials = resolveCredentials(config)
  if (config.kind === 'claude') {
    // The official SDK sends the key and retries by itself: it gets the settings, not an HttpClient.
    return new ClaudeRegistry({
      baseUrl: credentials.target,
      apiKey: credentials.token ?? '',
      workspace: config.workspace,
      timeoutMs: config.requestTimeoutMs,
      retries: config.retries,
      logger: options.logger,
      dispatcher: options.http?.dispatcher,
      sleep: options.http?.sleep
    })
  }
  const http = new HttpClient({
    timeoutMs: config.requestTimeoutMs,
    retries: config.retries,
    ...options.http,
    logger: options.logger,
    authorization: credentials.authorization,
    credentialOrigins: [credentials.target],
    secrets: credentials.secrets
  })
  switch (config.kind) {
    case 'fastskill':
      return new FastSkillRegistry({ baseUrl: credentials.target, token: credentials.token, http, logger: options.logger })
    case 'clawhub':
      return new ClawHubRegistry({
        siteUrl: credentials.target,
        http,
        logger: options.logger,
        ownerHandle: config.ownerHandle,
        changelog: config.changelog,
        tags: config.tags,
        categories: config.categories,
        topics: config.topics,
        allowSuspicious: options.allowSuspicious,
        source: config.source
      })
    case 'artifactory':
      return new ArtifactoryRegistry({
        baseUrl: credentials.target,
        repository: credentials.repository!,
        uploadMethod: config.uploadMethod,
        http,
        logger: options.logger,
        changelog: config.changelog,
        tags: config.tags,
        // Loaded here, before any upload: a bad key fails the run before anything is deployed.
        signing: config.signingKey ? loadSigningKey(config.signingKey, config.keyAlias ?? '') : undefined,
        createdBy: config.username,
        skipScan: config.skipScan,
        onScanError: config.onScanError
      })
  }
}

/** Every secret string a run may carry for this registry, derived forms included (for core.setSecret). */
export function secretsToMask(config: RegistryConfig): string[] {
  if (config.kind === 'local') return []
  return [...resolveCredentials(config).secrets, ...keyLines(config.signingKey)]
}

/** A key given as text is masked line by line: the runner masks within one log line at a time. */
function keyLines(signingKey: string | undefined): string[] {
  if (!signingKey || !isPemText(signingKey)) return []
  return [signingKey, ...signingKey.split(/\r?\n/).filter((line) => line.trim().length >= 8 && !line.startsWith('-----'))]
}

interface Credentials {
  /** Target URL without user info. */
  target: string
  repository?: string
  token?: string
  authorization?: string
  secrets: string[]
}

function resolveCredentials(config: RegistryConfig): Credentials {
  switch (config.kind) {
    case 'fastskill':
      return bearer(parseUrl(config.target, 'FastSkill'), config.token)
    case 'clawhub':
      return bearer(parseUrl(config.target, 'ClawHub'), config.token)
    case 'artifactory':
      return artifactoryCredentials(config)
    case 'claude': {
      const url = parseUrl(config.target, 'Claude')
      const target = stripUserInfo(url)
      return config.token ? { target, token: config.token, secrets: [config.token] } : { target, secrets: [] }
    }
    case 'local':
      return { target: config.target, secrets: [] }
  }
}

function bearer(url: URL, token: string | undefined): Credentials {
  const target = stripUserInfo(url)
  return token ? { target, token, authorization: `Bearer ${token}`, secrets: [token] } : { target, secrets: [] }
}

/**
 * Artifactory takes a Bearer token, or Basic `username:token`. Its own documents put the
 * credentials in the URL (`https://user:token@host/...`) and name the skills API URL as the
 * registry: accept both, and take them out of the URL so they never reach a log.
 */
function artifactoryCredentials(config: RegistryConfig): Credentials {
  if (!config.target) throw new RegistryError('the Artifactory URL is missing: set the target to https://<host>/artifactory.')
  const url = parseUrl(config.target, 'Artifactory')
  const username = config.username || decodeURIComponent(url.username) || undefined
  const token = config.token || decodeURIComponent(url.password) || undefined
  let target = stripUserInfo(url)
  let repository = config.repository
  const skillsApi = /^(.*)\/api\/skills\/([^/]+)\/?$/.exec(target)
  if (skillsApi) {
    target = skillsApi[1]!
    repository ||= decodeURIComponent(skillsApi[2]!)
  }
  if (!repository) {
    throw new RegistryError(
      `the Artifactory repository key is missing: set the repository input to your Skills repository (for example skills-local).`
    )
  }
  if (!token) return { target, repository, secrets: [] }
  if (!username) return { target, repository, token, authorization: `Bearer ${token}`, secrets: [token] }
  const basic = Buffer.from(`${username}:${token}`).toString('base64')
  return { target, repository, token, authorization: `Basic ${basic}`, secrets: [token, `${username}:${token}`, basic] }
}

function parseUrl(target: string, registry: string): URL {
  try {
    const url = new URL(target.trim())
    if (url.protocol === 'http:' || url.protocol === 'https:') return url
  } catch {
    // Reported below.
  }
  throw new RegistryError(
    `the ${registry} target "${target.replace(/\/\/[^@/]*@/, '//***@')}" is not an http(s) URL; set it to the registry's URL.`
  )
}

function stripUserInfo(url: URL): string {
  const clean = new URL(url.href)
  clean.username = ''
  clean.password = ''
  return clean.href.replace(/\/+$/, '')
}
