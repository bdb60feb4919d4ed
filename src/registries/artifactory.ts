// JFrog Artifactory Skills repositories (REGISTRIES.md §3): deploy the zip (or use the REST
// multipart API), attach signed evidence when a key is given, then gate on the Xray scan status.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import semver from 'semver'
import type { Logger, SkillPackage } from '../core/types.js'
import { FormData, fileBlob, type HttpClient, type HttpResponse } from '../http/client.js'
import { excerpt } from '../http/scrub.js'
import { clause, errorText, httpFailure } from './messages.js'
import { publishStatement, signEnvelope, type SigningKey } from './evidence.js'
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
  /** Sign and attach a publish attestation to every deployed zip (jf `--signing-key`, `--key-alias`). */
  signing?: SigningKey
  /** Who the attestation names as its author (jf: the server user, else "JFrog CLI"). */
  createdBy?: string
  /** Do not ask the Xray gate (jf `--skip-scan`, `JFROG_CLI_SKIP_SKILLS_SCAN`). */
  skipScan?: boolean
  /** An Xray gate error or unknown status: `fail` (closed, the default) or `pass` (as jf does). */
  onScanError?: 'fail' | 'pass'
  /** Injectable clock for the attestation's timestamps. */
  now?: () => Date
}

interface StoredVersion {
  version?: string
  fingerprint?: string | null
}

/** The versions list: the documented `versions`, or `items` as jfrog-client-go reads it. */
interface VersionsAnswer {
  versions?: StoredVersion[]
  items?: StoredVersion[]
}

/** jf tries a checksum deploy (no body) from this size on, as jfrog-client-go's DefaultMinChecksumDeploy. */
const MIN_CHECKSUM_DEPLOY = 10 * 1024

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
  /** The JFrog Platform URL (the Artifactory URL without `/artifactory`): the evidence service lives under it. */
  private readonly platform: string

  constructor(private readonly options: ArtifactoryOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '')
    this.target = `${this.base}/${options.repository}`
    this.skillsApi = `${this.base}/api/skills/${encodeURIComponent(options.repository)}`
    this.platform = this.base.replace(/\/artifactory$/, '')
  }

  async find(pkg: SkillPackage): Promise<ExistingVersion | undefined> {
    const stored = await this.storedVersion(pkg, `looking up ${pkg.name} ${pkg.version} in ${this.target}`)
    if (!stored) return undefined
    const remote = stored.fingerprint?.toLowerCase()
    const sameContent = remote !== undefined && (remote === pkg.sha256.toLowerCase() || remote === pkg.fingerprint.toLowerCase())
    return { sameContent, remoteDigest: stored.fingerprint ?? undefined, url: this.artifactUrl(pkg) }
  }

  async publish(pkg: SkillPackage): Promise<Publication> {
    if (this.options.uploadMethod === 'rest') await this.restPublish(pkg)
    else await this.deploy(pkg)
    this.options.logger.info(`Deployed ${pkg.name} ${pkg.version} to ${this.target}`)
    const notes = this.options.signing ? [await this.attachEvidence(pkg)] : []
    return { name: pkg.name, version: pkg.version, url: this.artifactUrl(pkg), state: { verdict: 'pending', messages: [] }, notes }
  }

  async status(publication: Publication): Promise<RemoteState> {
    return this.scanGate(publication)
  }

  async lookup(ref: SkillRef): Promise<RemoteState | undefined> {
    const stored = await this.storedVersion(ref, `checking ${ref.name} ${ref.version} in ${this.target}`)
    return stored ? this.scanGate(ref) : undefined
  }

  /** The greatest semver among the stored versions (jf's `LatestVersion`), for `version: auto`. */
  async latestVersion(name: string): Promise<string | undefined> {
    const versions = await this.storedVersions(name, `listing the versions of ${name} in ${this.target}`)
    return semver.rsort(
      versions.map((entry) => entry.version).filter((v): v is string => typeof v === 'string' && semver.valid(v) !== null)
    )[0]
  }

  /** As `jf agent skills delete`: DELETE the version folder `{repo}/{slug}/{version}/`. */
  async remove(ref: SkillRef): Promise<void> {
    const what = `removing ${ref.name} ${ref.version} from ${this.target}`
    const url = `${this.target}/${encodeURIComponent(ref.name)}/${encodeURIComponent(ref.version)}/`
    const response = await this.options.http.request({ method: 'DELETE', url, what })
    // Already gone is what we wanted.
    if (!response.ok && response.status !== 404) throw this.failure(response, ref.name)
    this.options.logger.info(`Removed ${ref.name} ${ref.version} from ${this.target}`)
  }

  /**
   * As jfrog-client-go deploys: the checksums as headers (`X-Checksum-Sha1`, `X-Checksum-Md5`,
   * `X-Checksum` for SHA-256), and from 10 KiB a checksum deploy first, which stores bytes
   * Artifactory already holds without sending them; it answers 404 when it does not hold them.
   */
  private async deploy(pkg: SkillPackage): Promise<void> {
    const what = `publishing ${pkg.name} ${pkg.version} to ${this.target}`
    const url = this.artifactUrl(pkg)
    const checksums = { 'x-checksum-sha1': pkg.sha1, 'x-checksum-md5': await md5Of(pkg.zipPath), 'x-checksum': pkg.sha256 }
    if (pkg.size >= MIN_CHECKSUM_DEPLOY) {
      const response = await this.options.http.request({ method: 'PUT', url, headers: { ...checksums, 'x-checksum-deploy': 'true' }, what })
      if (response.ok) {
        this.options.logger.info(`${what}: Artifactory already held these bytes (checksum deploy)`)
        return
      }
      if (response.status !== 404) throw this.failure(response, pkg.name)
    }
    const request = {
      method: 'PUT' as const,
      url,
      body: await fileBlob(pkg.zipPath, 'application/zip'),
      headers: { 'content-type': 'application/zip', ...checksums },
      what
    }
    // Sent again after an ambiguous failure only when the versions API shows our content is not there.
    const outcome = await this.options.http.upload(request, async () => (await this.find(pkg))?.sameContent === true)
    if (!outcome.landed && !outcome.response.ok) throw this.failure(outcome.response, pkg.name)
  }

  private async restPublish(pkg: SkillPackage): Promise<void> {
    const what = `publishing ${pkg.name} ${pkg.version} to ${this.target}`
    const request = { method: 'POST' as const, url: `${this.skillsApi}/api/v1/skills`, body: await this.form(pkg), what }
    const outcome = await this.options.http.upload(request, async () => (await this.find(pkg))?.sameContent === true)
    if (!outcome.landed && !outcome.response.ok) throw this.failure(outcome.response, pkg.name)
  }

  /**
   * As jf: read the stored zip's SHA-256 (and refuse when it is not ours), sign the publish
   * attestation, POST the envelope to the evidence service. A failure fails the skill with the
   * server's answer, and the version just deployed is removed, so that a re-run deploys and signs
   * it again instead of finding it `unchanged` and unsigned.
   */
  private async attachEvidence(pkg: SkillPackage): Promise<string> {
    const signing = this.options.signing!
    const subject = `${this.options.repository}/${this.artifactPath(pkg)}`
    const what = `attaching signed evidence to ${subject}`
    try {
      await this.checkStoredSha256(pkg, what)
      const statement = publishStatement({
        name: pkg.name,
        version: pkg.version,
        sha256: pkg.sha256,
        createdBy: this.options.createdBy ?? 'skillpub',
        now: (this.options.now ?? (() => new Date()))()
      })
      const url = `${this.platform}/evidence/api/v1/subject/${subject.split('/').map(encodeURIComponent).join('/')}`
      const body = JSON.stringify(signEnvelope(statement, signing))
      const response = await this.options.http.request({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body, what })
      if (!response.ok) throw this.evidenceFailure(response)
      const answer = response.jsonOrUndefined<{ verified?: unknown; predicate_slug?: unknown }>() ?? {}
      const verified =
        answer.verified === true
          ? `verified by Artifactory with the public key of "${signing.alias}"`
          : `not verified: Artifactory holds no matching public key under the alias "${signing.alias}"`
      const note = `Evidence attached to ${subject} (sha256 ${pkg.sha256}, ${signing.type} signature, ${verified}).`
      this.options.logger.info(note)
      return note
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      await this.remove(pkg).catch(() => undefined)
      throw new RegistryError(`${clause(reason)}. ${pkg.name} ${pkg.version} was removed again, so that a re-run deploys and signs it.`, {
        cause: error
      })
    }
  }

  /** jf signs the SHA-256 Artifactory reports for the subject (storage API), which must be our zip's. */
  private async checkStoredSha256(pkg: SkillPackage, what: string): Promise<void> {
    const url = `${this.base}/api/storage/${encodeURIComponent(this.options.repository)}/${this.artifactPath(pkg).split('/').map(encodeURIComponent).join('/')}`
    const response = await this.options.http.request({ url, what })
    if (!response.ok) throw this.failure(response, pkg.name)
    const stored = response.jsonOrUndefined<{ checksums?: { sha256?: unknown } }>()?.checksums?.sha256
    if (typeof stored !== 'string' || stored.toLowerCase() !== pkg.sha256) {
      throw new RegistryError(
        `${what}: Artifactory reports sha256 ${typeof stored === 'string' ? stored : 'none'} for the stored zip, not ours (${pkg.sha256}); nothing was signed`
      )
    }
  }

  private evidenceFailure(response: HttpResponse): RegistryError {
    const hints: Record<number, string> = {
      400: `Check the key alias "${this.options.signing!.alias}": Artifactory must hold its public key (Administration > Security > Keys), as jf requires.`,
      403: 'Evidence needs a JFrog Enterprise+ subscription and a token allowed to create evidence on this repository.',
      404: 'The evidence service was not found under the platform URL; check that the target is https://<host>/artifactory on a JFrog Platform.'
    }
    return httpFailure(response, this.options.http.scrub, hints[response.status])
  }

  /**
   * The Xray gate, polled as jf does. An error or a status it does not know fails closed, saying
   * what came back; `on-scan-error: pass` passes them as jf does (it warns and goes on).
   */
  private async scanGate(ref: SkillRef): Promise<RemoteState> {
    const url = this.artifactUrl(ref)
    if (this.options.skipScan) return { verdict: 'published', scan: 'SKIPPED', messages: ['Xray scan check skipped (skip-scan).'], url }
    const what = `checking the Xray scan of ${ref.name} ${ref.version} in ${this.target}`
    const path = encodeURIComponent(this.artifactPath(ref))
    let response: HttpResponse
    try {
      response = await this.options.http.request({ url: `${this.skillsApi}/xrayStatus?path=${path}`, what })
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error
      return this.scanError(error.message, url)
    }
    if (response.status === 429) return { verdict: 'pending', messages: [], url, retryAfterMs: response.retryAfterMs }
    if (!response.ok) return this.scanError(this.failure(response, ref.name).message, url)
    const status = response.jsonOrUndefined<{ status?: unknown }>()?.status
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
      default: {
        const body = response.text.trim() ? `"${this.options.http.scrub(excerpt(response.text, 300))}"` : 'an empty body'
        const said = scan ? `the unknown scan status "${scan}"` : 'no scan status'
        return this.scanError(`${what}: Artifactory answered ${said} (${body})`, url, scan)
      }
    }
  }

  private scanError(reason: string, url: string, scan?: string): RemoteState {
    if (this.options.onScanError === 'pass') {
      this.options.logger.warning(`${clause(reason)}; passed because on-scan-error is pass.`)
      return { verdict: 'published', scan, messages: [`${clause(reason)}; passed because on-scan-error is pass.`], url }
    }
    throw new RegistryError(
      `${clause(reason)}. The gate fails closed: find out what the Xray gate answers, or set on-scan-error: pass to pass such answers as jf does.`
    )
  }

  private async storedVersion(ref: SkillRef, what: string): Promise<StoredVersion | undefined> {
    return (await this.storedVersions(ref.name, what)).find((entry) => entry.version === ref.version)
  }

  private async storedVersions(name: string, what: string): Promise<StoredVersion[]> {
    const url = `${this.skillsApi}/api/v1/skills/${encodeURIComponent(name)}/versions`
    const response = await this.options.http.request({ url, what })
    // 404 means "no such skill", unless it is the repository that is missing: a setup error,
    // which must not read as "not published yet" (the merge gate would wave it through).
    if (response.status === 404 && !/repositor/i.test(errorText(response.text))) return []
    if (!response.ok) throw this.failure(response, name)
    const answer = response.json<VersionsAnswer>()
    const list = answer?.versions ?? answer?.items
    return Array.isArray(list) ? list.filter((entry) => entry !== null && typeof entry === 'object') : []
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

/** The zip's MD5, for `X-Checksum-Md5` (jf sends it; the package carries SHA-1 and SHA-256 only). */
async function md5Of(file: string): Promise<string> {
  const hash = createHash('md5')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
