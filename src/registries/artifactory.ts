// JFrog Artifactory Skills repositories (REGISTRIES.md §3): deploy the zip (or use the REST
// multipart API), then gate on the Xray scan status.
import type { Logger, SkillPackage } from '../core/types.js'
import { FormData, fileBlob, type HttpClient, type HttpResponse } from '../http/client.js'
import { errorText, httpFailure } from './messages.js'
import { RegistryError, type ExistingVersion, type Publication, type Registry, type RemoteState, type SkillRef } from './registry.js'

export interface ArtifactoryOptions {
  /** `https://host/artifactory`. */
  baseUrl: string
  /** Repository key, e.g. `skills-local`. */
  repository: string
  uploadMethod: 'deploy' | 'rest'
  http: HttpClient
  logger: Logger
  changelog?: string
  tags?: string[]
}

interface VersionsAnswer {
  versions?: { version?: string; fingerprint?: string | null }[]
}

/** Xray gate answers that mean "no scan will run": the version passes as published. */
const NO_SCAN: Record<string, string> = {
  NOT_IN_ENTITLEMENT: 'no scan ran: this Artifactory is not entitled to Xray scanning of skills',
  XRAY_DISABLED_FOR_REPO: 'no scan ran: Xray scanning is disabled for this repository'
}

export class ArtifactoryRegistry implements Registry {
  readonly kind = 'artifactory' as const
  readonly flavour = 'artifactory' as const
  readonly target: string
  private readonly base: string
  private readonly skillsApi: string

  constructor(private readonly options: ArtifactoryOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '')
    this.target = `${this.base}/${options.repository}`
    this.skillsApi = `${this.base}/api/skills/${encodeURIComponent(options.repository)}`
  }

  async find(pkg: SkillPackage): Promise<ExistingVersion | undefined> {
    const stored = await this.storedVersion(pkg, `looking up ${pkg.name} ${pkg.version} in ${this.target}`)
    if (!stored) return undefined
    const remote = stored.fingerprint?.toLowerCase()
    const sameContent = remote !== undefined && (remote === pkg.sha256.toLowerCase() || remote === pkg.fingerprint.toLowerCase())
    return { sameContent, remoteDigest: stored.fingerprint ?? undefined, url: this.artifactUrl(pkg) }
  }

  async publish(pkg: SkillPackage): Promise<Publication> {
    const what = `publishing ${pkg.name} ${pkg.version} to ${this.target}`
    const request =
      this.options.uploadMethod === 'rest'
        ? { method: 'POST' as const, url: `${this.skillsApi}/api/v1/skills`, body: await this.form(pkg), what }
        : {
            method: 'PUT' as const,
            url: this.artifactUrl(pkg),
            body: await fileBlob(pkg.zipPath, 'application/zip'),
            headers: { 'content-type': 'application/zip', 'x-checksum-sha256': pkg.sha256, 'x-checksum-sha1': pkg.sha1 },
            what
          }
    // Sent again after an ambiguous failure only when the versions API shows our content is not there.
    const outcome = await this.options.http.upload(request, async () => (await this.find(pkg))?.sameContent === true)
    if (!outcome.landed && !outcome.response.ok) throw this.failure(outcome.response, pkg.name)
    this.options.logger.info(`Deployed ${pkg.name} ${pkg.version} to ${this.target}`)
    return { name: pkg.name, version: pkg.version, url: this.artifactUrl(pkg), state: { verdict: 'pending', messages: [] } }
  }

  async status(publication: Publication): Promise<RemoteState> {
    return this.scanGate(publication)
  }

  async lookup(ref: SkillRef): Promise<RemoteState | undefined> {
    const stored = await this.storedVersion(ref, `checking ${ref.name} ${ref.version} in ${this.target}`)
    return stored ? this.scanGate(ref) : undefined
  }

  async remove(ref: SkillRef): Promise<void> {
    const what = `removing ${ref.name} ${ref.version} from ${this.target}`
    const url = `${this.target}/${encodeURIComponent(ref.name)}/${encodeURIComponent(ref.version)}/`
    const response = await this.options.http.request({ method: 'DELETE', url, what })
    // Already gone is what we wanted.
    if (!response.ok && response.status !== 404) throw this.failure(response, ref.name)
    this.options.logger.info(`Removed ${ref.name} ${ref.version} from ${this.target}`)
  }

  /** The Xray gate. Unknown answers stay pending: the pipeline's deadline and on-scan-timeout decide. */
  private async scanGate(ref: SkillRef): Promise<RemoteState> {
    const what = `checking the Xray scan of ${ref.name} ${ref.version} in ${this.target}`
    const path = encodeURIComponent(this.artifactPath(ref))
    const response = await this.options.http.request({ url: `${this.skillsApi}/xrayStatus?path=${path}`, what })
    const url = this.artifactUrl(ref)
    if (response.status === 429) return { verdict: 'pending', messages: [], url, retryAfterMs: response.retryAfterMs }
    if (!response.ok) throw this.failure(response, ref.name)
    const status = response.json<{ status?: unknown }>().status
    const scan = typeof status === 'string' ? status : undefined
    if (scan && NO_SCAN[scan]) return { verdict: 'published', scan, messages: [NO_SCAN[scan]], url }
    switch (scan) {
      case 'APPROVED':
        return { verdict: 'approved', scan, messages: [], url }
      case 'BLOCKED':
        return {
          verdict: 'blocked',
          scan,
          messages: [
            'Xray found the skill malicious or against policy (BLOCKED); it stays in the repository for an administrator to review'
          ],
          url
        }
      case 'SCAN_IN_PROGRESS':
        return { verdict: 'pending', scan, messages: [], url }
      default:
        return {
          verdict: 'pending',
          scan,
          messages: [`Artifactory reports an unknown scan status "${String(status)}"; still waiting`],
          url
        }
    }
  }

  private async storedVersion(ref: SkillRef, what: string): Promise<{ fingerprint?: string | null } | undefined> {
    const url = `${this.skillsApi}/api/v1/skills/${encodeURIComponent(ref.name)}/versions`
    const response = await this.options.http.request({ url, what })
    // 404 means "no such skill", unless it is the repository that is missing: a setup error,
    // which must not read as "not published yet" (the merge gate would wave it through).
    if (response.status === 404 && !/repositor/i.test(errorText(response.text))) return undefined
    if (!response.ok) throw this.failure(response, ref.name)
    return response.json<VersionsAnswer>().versions?.find((entry) => entry.version === ref.version)
  }

  private async form(pkg: SkillPackage): Promise<FormData> {
    const payload = {
      slug: pkg.name,
      version: pkg.version,
      ...(this.options.changelog ? { changelog: this.options.changelog } : {}),
      ...(this.options.tags?.length ? { tags: this.options.tags } : {})
    }
    const form = new FormData()
    form.append('payload', JSON.stringify(payload))
    for (const file of pkg.files) form.append('files[]', await fileBlob(file.absolutePath), file.path)
    return form
  }

  /** `{slug}/{version}/{slug}-{version}.zip`, the layout Artifactory reads identity from. */
  private artifactPath(ref: SkillRef): string {
    return `${ref.name}/${ref.version}/${ref.name}-${ref.version}.zip`
  }

  private artifactUrl(ref: SkillRef): string {
    return `${this.target}/${this.artifactPath(ref).split('/').map(encodeURIComponent).join('/')}`
  }

  private failure(response: HttpResponse, name: string): RegistryError {
    const hints: Record<number, string> = {
      401: 'Check the credentials: the token (Bearer), or username plus token (Basic); are they set, mistyped or expired?',
      403: `The credentials lack permission on the repository ${this.options.repository} for ${name} (deploy, or delete/overwrite for an existing version); ask an Artifactory admin.`,
      404: `Check the Artifactory URL (it ends in /artifactory) and that the repository ${this.options.repository} exists and is a Skills repository.`
    }
    return httpFailure(response, this.options.http.scrub, hints[response.status])
  }
}
