// FastSkill registry API (REGISTRIES.md §1 and §5): read the registry index for what is already
// there, upload a zip, then follow the validation job.
import type { Logger, SkillPackage } from '../core/types.js'
import { FormData, fileBlob, type HttpClient, type HttpResponse } from '../http/client.js'
import { decodeJwt, expiredAt, scopeOf, type JwtClaims } from './jwt.js'
import { excerpt } from '../http/scrub.js'
import { clause, errorText, httpFailure } from './messages.js'
import { RegistryError, type ExistingVersion, type Publication, type Registry, type RemoteState, type SkillRef } from './registry.js'

export interface FastSkillOptions {
  /** API base URL, e.g. https://registry.example.com (create.ts resolves the defaults). */
  baseUrl: string
  /** Only to decode the scope and explain a 401; the HttpClient carries the header. */
  token?: string
  http: HttpClient
  logger: Logger
  now?: () => number
}

interface JobData {
  jobId?: string
  status?: string
  skillId?: string
  version?: string
  checksum?: string
  validationErrors?: string[] | null
  message?: string | null
  blobStorageUrl?: string | null
}

interface Envelope<T> {
  success?: boolean
  data?: T | null
  error?: { code?: string; message?: string } | null
}

/** One line of the registry index (`VersionEntry`): `cksum` is the SHA-256 hex of the stored zip. */
interface IndexEntry {
  vers?: unknown
  cksum?: unknown
  download_url?: unknown
  yanked?: unknown
}

const DUPLICATE = /already exists/i
/** Servers v0.9.84 and later run without login and publish everything under this scope. */
const ANONYMOUS_SCOPE = 'anonymous'

export class FastSkillRegistry implements Registry {
  readonly kind = 'fastskill' as const
  readonly flavour = 'fastskill' as const
  readonly target: string
  private readonly claims: JwtClaims | undefined
  /** From the token's `sub` for servers that log in; `anonymous` when no token is sent. */
  private readonly scope: string | undefined
  private readonly now: () => number
  /** Jobs from an upload sent again after a failure that may have stored the first copy. */
  private readonly resentJobs = new Set<string>()
  /** Where the publish API answered (an unversioned path may redirect to /api/v1/...). */
  private publishUrl: URL
  /** Set once per run when the server serves no registry index (older servers). */
  private indexMissing = false

  constructor(private readonly options: FastSkillOptions) {
    this.target = options.baseUrl.replace(/\/+$/, '')
    this.claims = options.token ? decodeJwt(options.token) : undefined
    this.scope = options.token ? scopeOf(this.claims?.sub) : ANONYMOUS_SCOPE
    this.now = options.now ?? Date.now
    this.publishUrl = new URL('api/registry/publish', `${this.target}/`)
  }

  /**
   * The registry index (`GET {base}/index/{scope}/{id}`, NDJSON, one line a version) says whether
   * this version is there and with which bytes. A 404 in FastSkill's error envelope is a skill it
   * does not have yet; any other 404 is a server without the index route, said once: then a
   * duplicate surfaces as a rejected job, as before.
   */
  async find(pkg: SkillPackage): Promise<ExistingVersion | undefined> {
    const entry = await this.indexEntry(pkg.name, pkg.version)
    if (!entry) return undefined
    const cksum = typeof entry.cksum === 'string' ? entry.cksum.replace(/^sha256:/i, '').toLowerCase() : undefined
    return {
      sameContent: cksum === pkg.sha256,
      remoteDigest: cksum ? `sha256 ${cksum}` : 'no checksum in the index',
      url: downloadUrlOf(entry)
    }
  }

  /** The registry index lists the versions the server accepted: listed is accepted, unless yanked. */
  async lookup(ref: SkillRef): Promise<RemoteState | undefined> {
    const entry = await this.indexEntry(ref.name, ref.version)
    if (!entry) return undefined
    if (entry.yanked === true) {
      return { verdict: 'rejected', messages: [`${this.skillId(ref.name)} ${ref.version} is yanked in the FastSkill registry index.`] }
    }
    return { verdict: 'accepted', messages: [], url: downloadUrlOf(entry) }
  }

  /** One version's line of the registry index; undefined when it is not listed or the server has no index. */
  private async indexEntry(name: string, version: string): Promise<IndexEntry | undefined> {
    if (this.indexMissing || !this.scope) return undefined
    const path = `index/${encodeURIComponent(this.scope)}/${encodeURIComponent(name)}`
    const url = new URL(path, `${this.target}/`)
    const response = await this.options.http.request({ url, what: `reading the FastSkill index for ${this.skillId(name)}` })
    if (response.status === 404) {
      if (response.jsonOrUndefined<Envelope<unknown>>()?.error?.code === 'NOT_FOUND') return undefined
      this.indexMissing = true
      this.options.logger.info(
        `FastSkill at ${this.target} serves no registry index (GET ${url.pathname} answered 404 without FastSkill's error envelope): ` +
          'uploading without checking what is there; an existing version comes back as a rejected job.'
      )
      return undefined
    }
    if (!response.ok) throw this.failure(response, name)
    return indexEntries(response.text).find((line) => line.vers === version)
  }

  async publish(pkg: SkillPackage): Promise<Publication> {
    const id = this.skillId(pkg.name)
    const what = `publishing ${id} ${pkg.version} to FastSkill (${this.target})`
    this.options.logger.info(
      `Publishing: ${pkg.fileName} as ${id} v${pkg.version}${this.scope ? ` (scope ${this.scope} from the token)` : ''}`
    )
    const form = new FormData()
    form.append('file', await fileBlob(pkg.zipPath, 'application/zip'), pkg.fileName)
    // No idempotency key and no lookup: after an ambiguous failure we send again. The worst case
    // is a second job rejected as a duplicate, never a second publication; status() says so.
    const outcome = await this.options.http.upload({ method: 'POST', url: this.publishUrl, body: form, what }, async () => false)
    if (outcome.landed) {
      throw new RegistryError(
        `${what}: the upload may have been stored, but FastSkill gave no job to follow. Check the registry for ${id} ${pkg.version} before publishing it again.`
      )
    }
    const response = outcome.response
    if (!response.ok) throw this.failure(response, pkg.name)
    const job = this.jobOf(response)
    if (!job.jobId) {
      throw new RegistryError(
        this.options.http.scrub(
          `${what}: the registry accepted the upload but answered without a job id ("${excerpt(response.text)}"); check that the target is a FastSkill registry.`
        )
      )
    }
    this.publishUrl = response.url
    this.checkPublishedAs(job, pkg)
    if (outcome.resentAfterAmbiguousFailure) this.resentJobs.add(job.jobId)
    const statusUrl = this.statusUrl(job.jobId)
    this.options.logger.info(`Package queued: ${pkg.name} v${pkg.version} (job: ${job.jobId})`)
    this.options.logger.info(`Check status with: GET ${statusUrl.href}`)
    return {
      name: pkg.name,
      version: pkg.version,
      jobId: job.jobId,
      url: statusUrl.href,
      state: this.stateOf(job, { name: pkg.name, version: pkg.version })
    }
  }

  async status(publication: Publication): Promise<RemoteState> {
    if (!publication.jobId) {
      throw new RegistryError(
        `checking ${this.skillId(publication.name)} ${publication.version} on FastSkill: the publication has no job id; publish it again.`
      )
    }
    const what = `checking the validation job ${publication.jobId} of ${this.skillId(publication.name)} ${publication.version}`
    const response = await this.options.http.request({ url: this.statusUrl(publication.jobId), what })
    if (response.status === 404) {
      throw new RegistryError(
        `${what}: the registry does not know this job (404). It may have been cleaned up or the registry restarted; check ${this.skillId(publication.name)} on the registry, or publish again.`,
        { status: 404 }
      )
    }
    if (response.status === 429 || response.status === 503) {
      return { verdict: 'pending', messages: [], retryAfterMs: response.retryAfterMs }
    }
    if (!response.ok) throw this.failure(response, publication.name)
    return this.stateOf(this.jobOf(response), publication, publication.jobId)
  }

  /** FastSkill cannot be asked about a version without the job id. */
  async remove(ref: SkillRef): Promise<void> {
    throw new RegistryError(
      `removing ${this.skillId(ref.name)} ${ref.version}: the FastSkill API has no way to delete a version; remove it on the registry server by hand.`
    )
  }

  /**
   * The server names a package by its skill-project.toml, not by what we asked: packaging refuses
   * a toml that disagrees, and this catches any server that still publishes under other names.
   */
  private checkPublishedAs(job: JobData, pkg: SkillPackage): void {
    const id = job.skillId?.split('/').pop()
    if ((id === undefined || id === pkg.name) && (job.version === undefined || job.version === pkg.version)) return
    throw new RegistryError(
      this.options.http.scrub(
        `publishing ${this.skillId(pkg.name)} ${pkg.version} to FastSkill: the registry queued it as ${job.skillId ?? pkg.name} ${job.version ?? pkg.version} ` +
          `(job ${job.jobId}). Its skill-project.toml names another id or version than skillpub publishes; make [metadata] id and version match the skill's name and version.`
      )
    )
  }

  /** The id the server will give the skill: `{scope}/{name}` with the scope from the token. */
  private skillId(name: string): string {
    return this.scope ? `${this.scope}/${name}` : name
  }

  private statusUrl(jobId: string): URL {
    return new URL(`${this.publishUrl.pathname.replace(/\/+$/, '')}/status/${encodeURIComponent(jobId)}`, this.publishUrl)
  }

  private jobOf(response: HttpResponse): JobData {
    const envelope = response.json<Envelope<JobData>>()
    if (envelope?.success === false || !envelope?.data) {
      const said = envelope?.error?.message ?? 'no data'
      throw new RegistryError(
        this.options.http.scrub(
          `${response.what} failed: the registry answered ${response.status} but reported failure: ${clause(excerpt(said))}.`
        )
      )
    }
    return envelope.data
  }

  private stateOf(job: JobData, skill: SkillRef, jobId?: string): RemoteState {
    const message = job.message ? [job.message] : []
    const url = job.blobStorageUrl ?? undefined
    switch (job.status) {
      case 'pending':
      case 'validating':
        return { verdict: 'pending', messages: message }
      case 'accepted':
        return { verdict: 'accepted', messages: message, url }
      case 'rejected': {
        const resent = jobId !== undefined && this.resentJobs.has(jobId)
        const errors = (job.validationErrors ?? []).map((error) => this.explainValidationError(error, skill, resent))
        return {
          verdict: 'rejected',
          messages: errors.length ? errors : message.length ? message : ['the registry rejected the package without saying why']
        }
      }
      default:
        return { verdict: 'pending', messages: [`the job reports an unknown status "${job.status}"; still waiting`] }
    }
  }

  private explainValidationError(error: string, skill: SkillRef, resent: boolean): string {
    if (!DUPLICATE.test(error)) return error
    const id = this.skillId(skill.name)
    if (resent) {
      return (
        `version ${skill.version} of ${id} already exists. The first upload of this run lost its connection and was sent again, ` +
        `so the existing version is probably this run's own upload; check ${id} ${skill.version} on the registry before bumping the version. (${error})`
      )
    }
    return `version ${skill.version} of ${id} is already published; bump the version. (${error})`
  }

  private failure(response: HttpResponse, name: string): RegistryError {
    const scrub = this.options.http.scrub
    if (response.status === 401) return httpFailure(response, scrub, this.unauthorizedHint())
    if (response.status === 403) {
      const said = errorText(response.text)
      const hint =
        /permission|role/i.test(said) || !said
          ? `Publishing needs a token with the manager (or admin) role; ask the registry admin for one${this.claims?.role ? ` (this token's role: ${String(this.claims.role)})` : ''}.`
          : `Check that the token may publish to the scope ${this.scope ?? '(unknown)'} for ${this.skillId(name)}.`
      return httpFailure(response, scrub, hint)
    }
    return httpFailure(response, scrub)
  }

  private unauthorizedHint(): string {
    if (!this.options.token) {
      return 'No token was sent: set the token input or FASTSKILL_API_TOKEN (a dev server issues one at POST /auth/token).'
    }
    const expired = expiredAt(this.claims, this.now())
    if (expired) return `The token expired at ${expired.toISOString()}; get a new one (token input or FASTSKILL_API_TOKEN).`
    return (
      `Check the token (token input or FASTSKILL_API_TOKEN): is it complete, not expired, and issued by this server (${this.target})? ` +
      'A token from another registry is refused the same way.'
    )
  }
}

/** The index's NDJSON lines that parse as objects; others are skipped (a half-written last line). */
function indexEntries(text: string): IndexEntry[] {
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return []
    try {
      const entry: unknown = JSON.parse(line)
      return entry !== null && typeof entry === 'object' ? [entry as IndexEntry] : []
    } catch {
      return []
    }
  })
}

function downloadUrlOf(entry: IndexEntry): string | undefined {
  return typeof entry.download_url === 'string' ? entry.download_url : undefined
}
