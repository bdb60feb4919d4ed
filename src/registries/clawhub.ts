// ClawHub v1 API (REGISTRIES.md §2): discover the API base, look the content up by
// fingerprint, publish the skill's files as multipart, then wait for visibility and the scan.
import type { Logger, SkillPackage } from '../core/types.js'
import type { RegistryConfig } from '../config.js'
import { FormData, fileBlob, type HttpClient, type HttpResponse } from '../http/client.js'
import { excerpt } from '../http/scrub.js'
import { classifyClawHubError, clause, errorText, httpFailure } from './messages.js'
import { RegistryError, type ExistingVersion, type Publication, type Registry, type RemoteState, type SkillRef } from './registry.js'

export interface ClawHubOptions {
  /** The site (discovery happens there) or the API base itself. */
  siteUrl: string
  http: HttpClient
  logger: Logger
  ownerHandle?: string
  changelog?: string
  tags?: string[]
  /** A `suspicious` scan passes (with a warning) instead of blocking. */
  allowSuspicious?: boolean
  /** Where the skills come from, sent as the payload's `source` (`{kind: "github", url, repo, ref, commit, path}`). */
  source?: RegistryConfig['source']
}

interface ResolveAnswer {
  match?: { version?: string } | null
  latestVersion?: { version?: string } | null
}

interface ScanAnswer {
  security?: { status?: string; summary?: string | null; reasons?: string[] | null } | null
  moderation?: { summary?: string | null } | null
}

const DISCOVERY_PATHS = ['.well-known/clawhub.json', '.well-known/clawdhub.json']

export class ClawHubRegistry implements Registry {
  readonly kind = 'clawhub' as const
  readonly flavour = 'clawhub' as const
  readonly target: string
  private apiBase: Promise<URL> | undefined

  constructor(private readonly options: ClawHubOptions) {
    this.target = options.siteUrl.replace(/\/+$/, '')
  }

  async find(pkg: SkillPackage): Promise<ExistingVersion | undefined> {
    const slug = pkg.name
    const query: Record<string, string> = { slug, hash: pkg.fingerprint }
    if (this.options.ownerHandle) query.ownerHandle = this.options.ownerHandle
    const response = await this.get(`resolve`, `looking up ${slug} ${pkg.version} on ClawHub`, query)
    if (response.status === 404) return undefined
    if (!response.ok) throw this.failure(response, pkg)
    const answer = response.json<ResolveAnswer>()
    const page = this.pageUrl(slug)
    if (answer.match) {
      if (answer.match.version && answer.match.version !== pkg.version) {
        this.options.logger.info(`${slug}: this exact content is already published on ClawHub as version ${answer.match.version}`)
      }
      return { sameContent: true, remoteDigest: pkg.fingerprint, url: page }
    }
    if (answer.latestVersion?.version === pkg.version) return { sameContent: false, url: page }
    if (!answer.latestVersion) return undefined
    // An older version than the latest can still be ours: ask for it directly.
    const version = await this.get(this.versionPath(slug, pkg.version), `looking up ${slug} ${pkg.version} on ClawHub`)
    return version.status === 200 || version.status === 423 ? { sameContent: false, url: page } : undefined
  }

  async publish(pkg: SkillPackage): Promise<Publication> {
    const what = `publishing ${pkg.name} ${pkg.version} to ClawHub (${this.target})`
    const form = await this.form(pkg)
    const url = await this.api('skills')
    // Sent again after an ambiguous failure only when resolve shows the first copy did not land.
    const outcome = await this.options.http.upload(
      { method: 'POST', url, body: form, what },
      async () => (await this.find(pkg))?.sameContent === true
    )
    const page = this.pageUrl(pkg.name)
    if (outcome.landed) {
      return {
        name: pkg.name,
        version: pkg.version,
        url: page,
        state: { verdict: 'pending', messages: ['the upload landed although its answer was lost'] }
      }
    }
    const response = outcome.response
    if (!response.ok) throw this.failure(response, pkg)
    const answer = response.json<{ status?: string; publicationStatus?: string; versionId?: string }>()
    const status = answer.publicationStatus ?? answer.status
    this.options.logger.info(
      `Published ${pkg.name}@${pkg.version} to ClawHub${answer.versionId ? ` (${answer.versionId})` : ''}${status ? `: ${status}` : ''}`
    )
    const messages = status === 'pending' ? ['ClawHub holds the version back until its scan finishes'] : []
    return { name: pkg.name, version: pkg.version, jobId: answer.versionId, url: page, state: { verdict: 'pending', messages } }
  }

  async status(publication: Publication): Promise<RemoteState> {
    const state = await this.stateOf(publication)
    return state ?? { verdict: 'pending', messages: ['the version is not visible yet'] }
  }

  async lookup(ref: SkillRef): Promise<RemoteState | undefined> {
    return this.stateOf(ref)
  }

  /** `version: auto`: the skill page's `latestVersion`; a skill ClawHub does not know has none. */
  async latestVersion(name: string): Promise<string | undefined> {
    const response = await this.get(`skills/${encodeURIComponent(name)}`, `looking up the latest version of ${name} on ClawHub`)
    if (response.status === 404) return undefined
    if (!response.ok) throw httpFailure(response, this.options.http.scrub)
    const latest = response.json<{ latestVersion?: { version?: unknown } | null }>().latestVersion?.version
    return typeof latest === 'string' && latest ? latest : undefined
  }

  /** ClawHub deletes whole skills, never one version: refusing is safer than deleting them all. */
  async remove(ref: SkillRef): Promise<void> {
    throw new RegistryError(
      `removing ${ref.name} ${ref.version} from ClawHub: ClawHub can only delete a whole skill, not one version; ` +
        'skillpub will not do that for you. Hide or delete the version on clawhub.ai by hand.'
    )
  }

  /** Visibility first (a hidden version has no public scan), then the scan verdict. Undefined: unknown version. */
  private async stateOf(ref: SkillRef): Promise<RemoteState | undefined> {
    const what = `checking ${ref.name} ${ref.version} on ClawHub`
    const url = this.pageUrl(ref.name)
    const version = await this.get(this.versionPath(ref.name, ref.version), what)
    const said = errorText(version.text)
    switch (version.status) {
      case 200:
        break
      case 404:
        return undefined
      case 423:
        return { verdict: 'pending', messages: ['the version is held back while its scan runs'], url }
      case 403:
        return { verdict: 'blocked', scan: 'hidden', messages: [`ClawHub moderation hid this version${said ? `: ${said}` : ''}`], url }
      case 410:
        return { verdict: 'rejected', messages: [`ClawHub removed this version${said ? `: ${said}` : ''}`], url }
      case 429:
        return { verdict: 'pending', messages: [], url, retryAfterMs: version.retryAfterMs }
      default:
        throw httpFailure(version, this.options.http.scrub)
    }
    const scan = await this.get(`skills/${encodeURIComponent(ref.name)}/scan`, what, { version: ref.version })
    if (scan.status === 404) return { verdict: 'published', messages: ['this ClawHub server reports no scan for the version'], url }
    if (scan.status === 429) return { verdict: 'pending', messages: [], url, retryAfterMs: scan.retryAfterMs }
    if (!scan.ok) throw httpFailure(scan, this.options.http.scrub)
    return { ...this.scanVerdict(scan.json<ScanAnswer>()), url }
  }

  private scanVerdict(answer: ScanAnswer): RemoteState {
    const status = answer.security?.status
    const reasons = [answer.security?.summary, ...(answer.security?.reasons ?? []), answer.moderation?.summary].filter(
      (reason): reason is string => typeof reason === 'string' && reason.length > 0
    )
    switch (status) {
      case 'clean':
        return { verdict: 'approved', scan: status, messages: reasons }
      case 'malicious':
        return { verdict: 'blocked', scan: status, messages: [`ClawHub's scan found the skill malicious`, ...reasons] }
      case 'suspicious':
        return this.options.allowSuspicious
          ? {
              verdict: 'approved',
              scan: status,
              messages: [`warning: ClawHub's scan flagged the skill as suspicious (allowed by allow-suspicious)`, ...reasons]
            }
          : {
              verdict: 'blocked',
              scan: status,
              messages: [
                `ClawHub's scan flagged the skill as suspicious; review the findings, or set allow-suspicious to accept them`,
                ...reasons
              ]
            }
      case 'error':
        // A failed scan is ClawHub's problem, not a verdict on the skill, and ClawHub re-runs
        // scans: keep waiting, and let the pipeline's deadline and on-scan-timeout decide.
        return {
          verdict: 'pending',
          scan: status,
          messages: [`ClawHub's scan of this version failed on ClawHub's side; waiting in case it is re-run`, ...reasons]
        }
      case 'pending':
      case undefined:
        return { verdict: 'pending', scan: status, messages: reasons }
      default:
        return {
          verdict: 'pending',
          scan: status,
          messages: [`ClawHub reports an unknown scan status "${status}"; still waiting`, ...reasons]
        }
    }
  }

  private async form(pkg: SkillPackage): Promise<FormData> {
    const payload = {
      slug: pkg.name,
      displayName: displayName(pkg.name),
      version: pkg.version,
      changelog: this.options.changelog ?? '',
      acceptLicenseTerms: true,
      ...(this.options.tags?.length ? { tags: this.options.tags } : {}),
      ...(this.options.ownerHandle ? { ownerHandle: this.options.ownerHandle.replace(/^@+/, '') } : {}),
      ...(this.options.source ? { source: provenance(this.options.source, pkg) } : {})
    }
    const form = new FormData()
    form.append('payload', JSON.stringify(payload))
    for (const file of pkg.files) {
      if (file.path.toLowerCase() === 'skill-card.md') continue
      form.append('files', await fileBlob(file.absolutePath, contentType(file.path)), file.path)
    }
    return form
  }

  private versionPath(slug: string, version: string): string {
    return `skills/${encodeURIComponent(slug)}/versions/${encodeURIComponent(version)}`
  }

  private async get(path: string, what: string, query: Record<string, string> = {}): Promise<HttpResponse> {
    const url = await this.api(path)
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
    return this.options.http.request({ url, what })
  }

  private async api(path: string): Promise<URL> {
    this.apiBase ??= this.discover()
    const base = await this.apiBase
    return new URL(`api/v1/${path}`, `${base.href.replace(/\/+$/, '')}/`)
  }

  private pageUrl(slug: string): string {
    return `${this.target}/skills/${encodeURIComponent(slug)}`
  }

  /** The well-known document names the API base (maybe relative); without one the site is the API. */
  private async discover(): Promise<URL> {
    const site = new URL(`${this.target}/`)
    for (const path of DISCOVERY_PATHS) {
      let response: HttpResponse
      try {
        response = await this.options.http.request({ url: new URL(path, site), what: 'discovering the ClawHub API', anonymous: true })
      } catch (error) {
        if (error instanceof RegistryError && !error.options.retryable) throw error
        this.options.logger.debug(`ClawHub discovery at ${site.href}${path} failed: ${(error as Error).message}`)
        continue
      }
      if (!response.ok) continue
      const document = response.jsonOrUndefined<{ apiBase?: unknown; registry?: unknown }>()
      const base =
        typeof document?.apiBase === 'string' ? document.apiBase : typeof document?.registry === 'string' ? document.registry : undefined
      if (!base) {
        this.options.logger.debug(`ClawHub discovery document at ${site.href}${path} names no API base: ${excerpt(response.text, 120)}`)
        continue
      }
      const resolved = new URL(base, site)
      this.options.logger.debug(`ClawHub API base: ${resolved.href}`)
      return resolved
    }
    return site
  }

  private failure(response: HttpResponse, pkg: SkillPackage): RegistryError {
    const classified = classifyClawHubError(response.status, response.text, { slug: pkg.name, version: pkg.version })
    if (classified.kind === 'other' && response.status !== 400) return httpFailure(response, this.options.http.scrub)
    const wait =
      classified.kind === 'rate-limited' && response.retryAfterMs !== undefined
        ? ` (ClawHub asked to wait ${Math.ceil(response.retryAfterMs / 1000)} s)`
        : ''
    return new RegistryError(
      this.options.http.scrub(
        `${response.what} failed (${classified.kind}): ${clause(excerpt(classified.detail, 300)) || `HTTP ${response.status}`}${wait}. To fix: ${classified.advice}`
      ),
      { status: response.status, retryable: classified.kind === 'rate-limited' }
    )
  }
}

/** `pdf-tools` -> `Pdf Tools`, as the official client titles a folder name. */
function displayName(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ')
}

function contentType(path: string): string {
  if (/\.md$/i.test(path)) return 'text/markdown'
  if (/\.json$/i.test(path)) return 'application/json'
  if (/\.(txt|ya?ml|toml|py|js|ts|sh)$/i.test(path)) return 'text/plain'
  return 'application/octet-stream'
}

/** ClawHub links a version to the commit and folder it was built from. */
function provenance(source: NonNullable<RegistryConfig['source']>, pkg: SkillPackage) {
  return { kind: 'github', url: source.url, repo: source.repository, ref: source.ref, commit: source.commit, path: pkg.skillPath }
}
