// ClawHub v1 API (REGISTRIES.md §2 and §5): discover the API base, find the owner handle
// (whoami), look the content up by fingerprint, publish as the official client 0.23.3 does (per
// file an upload ticket and the raw bytes to the URL the API names, then the JSON publish), fall
// back to multipart for servers without that endpoint, then wait for visibility and the scan.
import mime from 'mime'
import semver from 'semver'
import type { Logger, PackageFile, SkillPackage } from '../core/types.js'
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
  /** Sent as given; `["latest"]` when empty (the server refuses a publish without tags). */
  tags?: string[]
  /** Catalog metadata, normalised and checked by options.ts (clawhub-catalog.ts); sent only when given. */
  categories?: string[]
  topics?: string[]
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

interface PublishAnswer {
  status?: string
  publicationStatus?: string
  versionId?: string
  attemptId?: string
}

/** A file as the JSON publish lists it, after its bytes went to the upload URL. */
interface UploadedFile {
  path: string
  size: number
  storageId: string
  sha256: string
  contentType: string
  uploadTicket: string
}

const DISCOVERY_PATHS = ['.well-known/clawhub.json', '.well-known/clawdhub.json']
/** Servers without the upload-url endpoint (SkillHub, older ClawHub) answer it with these. */
const NO_UPLOAD_URL_STATUSES = new Set([404, 405])

export class ClawHubRegistry implements Registry {
  readonly kind = 'clawhub' as const
  readonly flavour = 'clawhub' as const
  readonly target: string
  private apiBase: Promise<URL> | undefined
  private owner: Promise<string | undefined> | undefined
  /** Set once per run, when the server turns out to have no upload-url endpoint. */
  private multipartOnly = false

  constructor(private readonly options: ClawHubOptions) {
    this.target = options.siteUrl.replace(/\/+$/, '')
  }

  async find(pkg: SkillPackage): Promise<ExistingVersion | undefined> {
    const slug = pkg.name
    const query: Record<string, string> = { slug, hash: pkg.fingerprint }
    const owner = await this.ownerHandle()
    if (owner) query.ownerHandle = owner
    const response = await this.get(`resolve`, `looking up ${slug} ${pkg.version} on ClawHub`, query)
    if (response.status === 404) return undefined
    if (!response.ok) throw this.failure(response, pkg)
    const answer = response.json<ResolveAnswer>()
    const page = this.pageUrl(slug)
    if (answer.match) {
      const storedAs = answer.match.version && answer.match.version !== pkg.version ? answer.match.version : undefined
      if (storedAs) this.options.logger.info(`${slug}: this exact content is already published on ClawHub as version ${storedAs}`)
      return { sameContent: true, remoteDigest: pkg.fingerprint, url: page, ...(storedAs ? { storedAs } : {}) }
    }
    if (answer.latestVersion?.version === pkg.version) return { sameContent: false, url: page }
    if (!answer.latestVersion) return undefined
    // An older version than the latest can still be ours: ask for it directly.
    const version = await this.get(this.versionPath(slug, pkg.version), `looking up ${slug} ${pkg.version} on ClawHub`)
    return version.status === 200 || version.status === 423 ? { sameContent: false, url: page } : undefined
  }

  async publish(pkg: SkillPackage): Promise<Publication> {
    const what = `publishing ${pkg.name} ${pkg.version} to ClawHub (${this.target})`
    const payload = await this.payload(pkg)
    const uploaded = this.multipartOnly ? undefined : await this.uploadFiles(pkg)
    const body = uploaded ? JSON.stringify({ ...payload, files: uploaded }) : await this.form(pkg, payload)
    const headers = uploaded ? { 'content-type': 'application/json' } : undefined
    const url = await this.api('skills')
    // Sent again after an ambiguous failure only when resolve shows the first copy did not land.
    const outcome = await this.options.http.upload(
      { method: 'POST', url, body, headers, what },
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
    const answer = response.json<PublishAnswer>()
    const result = publishResult(answer)
    this.options.logger.info(
      `Published ${pkg.name}@${pkg.version} to ClawHub${answer.versionId ? ` (${answer.versionId})` : ''}: ${result}${answer.attemptId ? ` (attempt ${answer.attemptId})` : ''}`
    )
    // None of the three is public yet: the wait polls the version until ClawHub shows it and scans it.
    const messages =
      result === 'pending-publication'
        ? ['ClawHub holds the version back until its checks and scan finish']
        : result === 'submitted'
          ? [`ClawHub took the submission${answer.attemptId ? ` (attempt ${answer.attemptId})` : ''} but has not published it yet`]
          : []
    return { name: pkg.name, version: pkg.version, jobId: answer.versionId, url: page, state: { verdict: 'pending', messages } }
  }

  /**
   * The upload-url flow, file by file: a ticket from the API, the raw bytes to the URL it names
   * (on the storage host), the storage id back. Undefined when the server has no such endpoint:
   * then this run publishes as multipart, said once.
   */
  private async uploadFiles(pkg: SkillPackage): Promise<UploadedFile[] | undefined> {
    const uploaded: UploadedFile[] = []
    for (const file of sendable(pkg.files)) {
      const what = `uploading ${file.path} of ${pkg.name} ${pkg.version} to ClawHub`
      const contentType = contentTypeOf(file.path)
      const ticketResponse = await this.options.http.request({
        method: 'POST',
        url: await this.api('skills/-/upload-url'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: file.path, size: file.size, sha256: file.sha256, contentType }),
        // A ticket publishes nothing: asking again is harmless.
        retry: 'idempotent',
        what: `asking ClawHub where to upload ${file.path} of ${pkg.name} ${pkg.version}`
      })
      if (NO_UPLOAD_URL_STATUSES.has(ticketResponse.status) && uploaded.length === 0) {
        this.fallBackToMultipart(ticketResponse.status)
        return undefined
      }
      if (!ticketResponse.ok) throw this.failure(ticketResponse, pkg)
      const ticket = ticketResponse.json<{ uploadUrl?: unknown; uploadTicket?: unknown }>()
      if (typeof ticket.uploadUrl !== 'string' || typeof ticket.uploadTicket !== 'string') {
        throw new RegistryError(
          `${ticketResponse.what}: ClawHub answered without an uploadUrl and uploadTicket (${excerpt(this.options.http.scrub(ticketResponse.text), 120)}). Check that the target is a ClawHub server.`
        )
      }
      const uploadUrl = new URL(ticket.uploadUrl, await this.api(''))
      const stored = await this.options.http.request({
        method: 'POST',
        url: uploadUrl,
        // The API named this URL for the upload in its answer: the token may go there (see tokenOrigin).
        tokenOrigin: uploadUrl.origin,
        headers: { 'content-type': contentType },
        body: await fileBlob(file.absolutePath, contentType),
        upload: true,
        what
      })
      if (!stored.ok) throw this.failure(stored, pkg)
      const storageId = stored.json<{ storageId?: unknown }>().storageId
      if (typeof storageId !== 'string') {
        throw new RegistryError(`${what}: the upload URL answered without a storageId. Check that the target is a ClawHub server.`)
      }
      uploaded.push({ path: file.path, size: file.size, storageId, sha256: file.sha256, contentType, uploadTicket: ticket.uploadTicket })
    }
    return uploaded
  }

  private fallBackToMultipart(status: number): void {
    if (this.multipartOnly) return
    this.multipartOnly = true
    this.options.logger.info(
      `ClawHub at ${this.target} has no upload-url endpoint (HTTP ${status}); publishing as multipart for the rest of this run, ` +
        'as servers such as SkillHub expect. Multipart sends every file in one request, which proxies may cap (the public site near 4.5 MB).'
    )
  }

  async status(publication: Publication): Promise<RemoteState> {
    const state = await this.stateOf(publication)
    // After a publish of ours, 404 is a version still pending publication, not a missing one.
    return state ?? { verdict: 'pending', messages: ['the version is not public yet (ClawHub answers 404 until it is)'] }
  }

  /**
   * The merge gate's look. A 404 is either a version never published or one still pending
   * publication; ClawHub shows neither, but a pending one is newer than the latest public version
   * (or the skill has none yet), while a version at or below it that ClawHub lacks was never published.
   */
  async lookup(ref: SkillRef): Promise<RemoteState | undefined> {
    const state = (await this.stateOf(ref)) ?? (await this.storedAs(ref))
    if (state) return state
    const skill = await this.get(`skills/${encodeURIComponent(ref.name)}`, `checking ${ref.name} on ClawHub`)
    if (skill.status === 404) return undefined
    if (!skill.ok) throw httpFailure(skill, this.options.http.scrub)
    const latest = skill.jsonOrUndefined<{ latestVersion?: { version?: unknown } | null }>()?.latestVersion?.version
    if (typeof latest === 'string' && semver.valid(latest) && semver.valid(ref.version) && semver.lte(ref.version, latest)) return undefined
    return {
      verdict: 'pending',
      messages: [`ClawHub does not show ${ref.name} ${ref.version} yet (newer than its latest public version): not public yet`],
      url: this.pageUrl(ref.name)
    }
  }

  /** `version: auto`: the skill page's `latestVersion`; a skill ClawHub does not know has none. */
  async latestVersion(name: string): Promise<string | undefined> {
    const response = await this.get(`skills/${encodeURIComponent(name)}`, `looking up the latest version of ${name} on ClawHub`)
    if (response.status === 404) return undefined
    if (!response.ok) throw httpFailure(response, this.options.http.scrub)
    const latest = response.json<{ latestVersion?: { version?: unknown } | null }>().latestVersion?.version
    return typeof latest === 'string' && latest ? latest : undefined
  }

  /** The state of the version that holds this content, when that is another one (publish reported `unchanged, stored as`). */
  private async storedAs(ref: SkillRef): Promise<RemoteState | undefined> {
    if (!ref.fingerprint) return undefined
    const query: Record<string, string> = { slug: ref.name, hash: ref.fingerprint }
    const owner = await this.ownerHandle()
    if (owner) query.ownerHandle = owner
    const response = await this.get('resolve', `looking up ${ref.name} ${ref.version} on ClawHub`, query)
    if (response.status === 404) return undefined
    if (!response.ok) throw this.failure(response, ref)
    const match = response.json<ResolveAnswer>().match?.version
    if (!match || match === ref.version) return undefined
    const held = await this.stateOf({ name: ref.name, version: match })
    if (!held) return undefined
    const said = `unchanged, stored as ${match}: ClawHub holds this content under ${match}; ${ref.version} itself was never published`
    return { ...held, storedAs: match, messages: [said, ...held.messages] }
  }

  /** One version, as `DELETE api/v1/skills/{slug}/versions/{version}` does; already gone counts as removed. */
  async remove(ref: SkillRef): Promise<void> {
    const response = await this.options.http.request({
      method: 'DELETE',
      url: await this.api(this.versionPath(ref.name, ref.version)),
      what: `removing ${ref.name} ${ref.version} from ClawHub`
    })
    if (response.ok || response.status === 404) return
    throw this.failure(response, { name: ref.name, version: ref.version })
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

  /** What the official client sends, with `tags` always (the server refuses a payload without them) and `source.importedAt`. */
  private async payload(pkg: SkillPackage): Promise<Record<string, unknown>> {
    const owner = await this.ownerHandle()
    const { categories, topics, tags, source } = this.options
    return {
      slug: pkg.name,
      displayName: displayName(pkg.name),
      ...(owner ? { ownerHandle: owner } : {}),
      version: pkg.version,
      changelog: this.options.changelog ?? '',
      acceptLicenseTerms: true,
      tags: tags?.length ? tags : ['latest'],
      ...(categories?.length ? { categories } : {}),
      ...(topics?.length ? { topics } : {}),
      ...(source?.commit ? { source: provenance(source, source.commit, pkg) } : {})
    }
  }

  private async form(pkg: SkillPackage, payload: Record<string, unknown>): Promise<FormData> {
    const form = new FormData()
    form.append('payload', JSON.stringify(payload))
    for (const file of sendable(pkg.files)) {
      form.append('files', await fileBlob(file.absolutePath, contentTypeOf(file.path)), file.path)
    }
    return form
  }

  /** The handle given, else the token's own (whoami), as the official client resolves and publishes with. */
  private ownerHandle(): Promise<string | undefined> {
    this.owner ??= this.whoami()
    return this.owner
  }

  private async whoami(): Promise<string | undefined> {
    const given = this.options.ownerHandle?.trim().replace(/^@+/, '')
    if (given) return given
    const response = await this.get('whoami', 'asking ClawHub whose token this is')
    // No token, or one whoami does not know: resolve without a handle; a publish then fails with ClawHub's own 401.
    if (response.status === 401 || response.status === 403 || response.status === 404) return undefined
    if (!response.ok) throw httpFailure(response, this.options.http.scrub)
    const handle = response.jsonOrUndefined<{ user?: { handle?: unknown } }>()?.user?.handle
    return typeof handle === 'string' && handle.trim() ? handle.trim().replace(/^@+/, '') : undefined
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

  private failure(response: HttpResponse, pkg: Pick<SkillPackage, 'name' | 'version'>): RegistryError {
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

/** The content type the official client sends for a path (`mime.getType`, else octet-stream). */
export function contentTypeOf(path: string): string {
  return mime.getType(path) ?? 'application/octet-stream'
}

/** The files ClawHub receives: never a generated skill card (a pre-built zip may still hold one). */
function sendable(files: PackageFile[]): PackageFile[] {
  return files.filter((file) => file.path.trim().toLowerCase() !== 'skill-card.md')
}

/** The client's words for the publish answer: `published`, `pending-publication`, or `submitted` (no status given). */
function publishResult(answer: PublishAnswer): 'published' | 'pending-publication' | 'submitted' {
  const status = answer.publicationStatus ?? answer.status
  return status === 'published' ? 'published' : status === 'pending' ? 'pending-publication' : 'submitted'
}

/** ClawHub links a version to the commit and folder it was built from; its schema needs every field, `importedAt` too. */
function provenance(source: NonNullable<RegistryConfig['source']>, commit: string, pkg: SkillPackage) {
  return {
    kind: 'github',
    url: source.url,
    repo: source.repository,
    ref: source.ref ?? commit,
    commit,
    path: pkg.skillPath,
    importedAt: Date.now()
  }
}
