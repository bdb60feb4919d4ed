// The Claude Skills API (REGISTRIES.md §6), through the official SDK: one skill per name in the
// workspace, a new version only when the files differ from the latest version's, version ids
// assigned by the server.
import { openAsBlob } from 'node:fs'
import type { PackageFile, SkillPackage } from '../core/types.js'
import { mapWithConcurrency } from '../core/pool.js'
import { excerpt, scrubSecrets } from '../http/scrub.js'
import { clause } from './messages.js'
import { openClaudeClient, type Anthropic, type ClaudeClientOptions } from './claude-client.js'
import { digestSkillZip, sameFiles, unreadableContent, type FileDigests } from './claude-content.js'
import { RegistryError, type ExistingVersion, type Publication, type Registry, type RemoteState, type SkillRef } from './registry.js'

export interface ClaudeOptions extends ClaudeClientOptions {
  /** Tests shorten the waits between upload attempts. */
  sleep?: (ms: number) => Promise<void>
}

/** A custom skill of the workspace, by the name its versions carry. */
interface KnownSkill {
  id: string
  latestVersionId: string
}

const LIST_PAGE = 100
const LOOKUPS_AT_ONCE = 8
const CONTENT_LIMITS = { maxEntries: 10_000, maxTotalBytes: 256 * 1024 * 1024 }
const MAX_CONTENT_BYTES = 64 * 1024 * 1024
const MAX_RETRY_AFTER_MS = 60_000

export class ClaudeRegistry implements Registry {
  readonly kind = 'claude' as const
  readonly flavour = 'claude' as const
  readonly target: string
  private client?: Promise<Anthropic>
  /** Name -> the custom skills with that name; read once a run, then kept up to date by this run's creations. */
  private index?: Promise<Map<string, KnownSkill[]>>
  private readonly sleep: (ms: number) => Promise<void>

  constructor(private readonly options: ClaudeOptions) {
    this.target = options.workspace ? `${options.baseUrl} (workspace ${options.workspace})` : options.baseUrl
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
  }

  async find(pkg: SkillPackage): Promise<ExistingVersion | undefined> {
    const skill = await this.skillNamed(pkg.name, `looking up ${pkg.name} in ${this.target}`)
    if (!skill) return undefined
    const theirs = await this.latestFiles(skill, pkg.name)
    // Other content is not a conflict here: the server gives the next version its own id.
    if (!sameFiles(pkg.files, theirs)) return undefined
    return { sameContent: true, version: skill.latestVersionId, skillId: skill.id }
  }

  async publish(pkg: SkillPackage): Promise<Publication> {
    const skill = await this.skillNamed(pkg.name, `looking up ${pkg.name} in ${this.target}`)
    const created = await this.createVersion(pkg, skill)
    const known = { id: created.skill_id, latestVersionId: created.id }
    const index = await this.skillIndex()
    index.set(pkg.name, [known])
    const what = skill ? `version ${created.id} of skill ${created.skill_id}` : `skill ${created.skill_id} with version ${created.id}`
    this.options.logger.info(`Created ${what} for ${pkg.name} in ${this.target}`)
    return {
      name: pkg.name,
      version: created.id,
      skillId: created.skill_id,
      state: { verdict: 'published', messages: [`Created ${what}.`] }
    }
  }

  /** Nothing runs after an upload: a created version is final. */
  async status(publication: Publication): Promise<RemoteState> {
    return publication.state
  }

  /** The merge gate: the skill's latest version (or the one named) exists. */
  async lookup(ref: SkillRef): Promise<RemoteState | undefined> {
    const what = `checking ${ref.name} in ${this.target}`
    const skill = await this.skillNamed(ref.name, what)
    if (!skill) return undefined
    const version = ref.version || skill.latestVersionId
    try {
      const client = await this.sdk()
      await client.skills.versions.retrieve(version, { skill_id: skill.id })
    } catch (error) {
      if (statusOf(error) === 404) return undefined
      throw this.failure(error, what)
    }
    return { verdict: 'published', messages: [`Skill ${skill.id}, version ${version}.`] }
  }

  /** One version, by the id the server gave it. Already gone is what was asked for. */
  async remove(ref: SkillRef): Promise<void> {
    const what = `removing version ${ref.version} of ${ref.name} from ${this.target}`
    const skill = await this.skillNamed(ref.name, what)
    if (!skill) return
    await this.ignoringNotFound(what, async (client) => {
      await client.skills.versions.delete(ref.version, { skill_id: skill.id })
    })
    this.forget()
    this.options.logger.info(`Removed version ${ref.version} of ${ref.name} (skill ${skill.id}) from ${this.target}`)
  }

  /** The skill and every version of it: the API deletes a skill only once it has no versions left. */
  async removeSkill(name: string): Promise<void> {
    const what = `removing ${name} from ${this.target}`
    const skill = await this.skillNamed(name, what)
    if (!skill) return
    const client = await this.sdk()
    const versions: string[] = []
    try {
      for await (const version of client.skills.versions.list(skill.id, { limit: LIST_PAGE })) versions.push(version.id)
    } catch (error) {
      throw this.failure(error, what)
    }
    for (const version of versions) {
      await this.ignoringNotFound(what, (sdk) => sdk.skills.versions.delete(version, { skill_id: skill.id }))
    }
    await this.ignoringNotFound(what, (sdk) => sdk.skills.delete(skill.id))
    this.forget()
    this.options.logger.info(`Removed ${name} (skill ${skill.id}, ${versions.length} versions) from ${this.target}`)
  }

  // ---------------------------------------------------------------------------------------------

  private sdk(): Promise<Anthropic> {
    this.client ??= openClaudeClient(this.options)
    return this.client
  }

  /** The one custom skill with this name, or undefined; two with the same name is an error naming both. */
  private async skillNamed(name: string, what: string): Promise<KnownSkill | undefined> {
    const found = (await this.skillIndex(what)).get(name) ?? []
    if (found.length > 1) {
      throw new RegistryError(
        `${what}: ${found.length} skills in ${this.target} are named ${name} (${found.map((skill) => skill.id).join(', ')}). ` +
          'skillpub keeps one skill per name and will not guess which one to add a version to: delete the extra ones, then run again.'
      )
    }
    return found[0]
  }

  private skillIndex(what = `listing the skills in ${this.target}`): Promise<Map<string, KnownSkill[]>> {
    if (!this.index) {
      this.index = this.readIndex(what)
      // A failed read is not kept: the next skill asks again.
      this.index.catch(() => (this.index = undefined))
    }
    return this.index
  }

  /** After a delete the workspace is read again when next asked: versions and latest ids moved. */
  private forget(): void {
    this.index = undefined
  }

  /**
   * Every custom skill, every page. A skill's name lives on its versions (fixed at creation from
   * SKILL.md; the display name is only a label and not unique), so each skill's latest version is read.
   */
  private async readIndex(what: string): Promise<Map<string, KnownSkill[]>> {
    const client = await this.sdk()
    const skills: KnownSkill[] = []
    try {
      for await (const skill of client.skills.list({ source: 'custom', limit: LIST_PAGE })) {
        if (skill.source?.type !== undefined && skill.source.type !== 'custom') continue
        skills.push({ id: skill.id, latestVersionId: skill.latest_version_id })
      }
    } catch (error) {
      throw this.failure(error, what)
    }
    const named = await mapWithConcurrency(skills, LOOKUPS_AT_ONCE, async (skill) => {
      try {
        const version = await client.skills.versions.retrieve(skill.latestVersionId, { skill_id: skill.id })
        return { name: version.name, skill }
      } catch (error) {
        // Deleted while we were listing: not one of the workspace's skills any more.
        if (statusOf(error) === 404) return undefined
        throw this.failure(error, `${what} (reading skill ${skill.id})`)
      }
    })
    const index = new Map<string, KnownSkill[]>()
    for (const entry of named) {
      if (!entry) continue
      index.set(entry.name, [...(index.get(entry.name) ?? []), entry.skill])
    }
    return index
  }

  /** The latest version's files as per-file SHA-256, from its content download. */
  private async latestFiles(skill: KnownSkill, name: string): Promise<FileDigests> {
    const what = `reading the latest version (${skill.latestVersionId}) of ${name} from ${this.target}`
    const client = await this.sdk()
    let zip: Buffer
    try {
      const answer = await client.beta.skills.versions.download(skill.latestVersionId, { skill_id: skill.id })
      const declared = Number(answer.headers.get('content-length') ?? NaN)
      if (declared > MAX_CONTENT_BYTES) throw new RegistryError(`${what}: the download is ${declared} bytes, more than skillpub reads.`)
      zip = Buffer.from(await answer.arrayBuffer())
      if (zip.length > MAX_CONTENT_BYTES) throw new RegistryError(`${what}: the download is over ${MAX_CONTENT_BYTES} bytes.`)
    } catch (error) {
      throw this.failure(error, what)
    }
    try {
      return await digestSkillZip(zip, CONTENT_LIMITS)
    } catch (error) {
      throw unreadableContent(what, error)
    }
  }

  /**
   * Upload the files as a new skill, or as a new version of the existing one. Creating twice would
   * publish twice, so the SDK does not retry these: after a failure that may have been acted on
   * (timeout, reset, 500), the workspace is read again and an upload that landed is taken as done;
   * 408, 429, 503 and 529 were not acted on and are sent again. Either way, every resend counts
   * against `retries`, the same budget the SDK spends on reads.
   */
  private async createVersion(pkg: SkillPackage, skill: KnownSkill | undefined): Promise<Anthropic.Skills.SkillVersion> {
    const what = `publishing ${pkg.name} to ${this.target}`
    const client = await this.sdk()
    const request = { maxRetries: 0, timeout: this.options.timeoutMs * 4 }
    for (let attempt = 0; ; attempt++) {
      const files = await uploadFiles(pkg)
      try {
        if (skill) return await client.skills.versions.create(skill.id, { files }, request)
        const created = await client.skills.create({ files }, request)
        return await client.skills.versions.retrieve(created.latest_version_id, { skill_id: created.id })
      } catch (error) {
        const status = statusOf(error)
        const notActedOn = status === 408 || status === 429 || status === 503 || status === 529
        const ambiguous = status === undefined || status === 500 || status === 502 || status === 504
        if ((!notActedOn && !ambiguous) || attempt >= this.options.retries) throw this.failure(error, what)
        if (ambiguous) {
          this.index = undefined
          const landed = await this.find(pkg)
          if (landed?.skillId && landed.version) {
            this.options.logger.info(`${what}: the upload reached the API before the failure; not sending it again`)
            return { id: landed.version, skill_id: landed.skillId, name: pkg.name } as Anthropic.Skills.SkillVersion
          }
          skill = await this.skillNamed(pkg.name, what)
        }
        const waitMs = retryWait(error, attempt)
        this.options.logger.info(
          `${what}: ${status ?? 'no answer'}; sending again in ${waitMs} ms (attempt ${attempt + 2} of ${this.options.retries + 1})`
        )
        await this.sleep(waitMs)
      }
    }
  }

  private async ignoringNotFound(what: string, call: (client: Anthropic) => Promise<unknown>): Promise<void> {
    try {
      await call(await this.sdk())
    } catch (error) {
      if (statusOf(error) !== 404) throw this.failure(error, what)
    }
  }

  private failure(error: unknown, what: string): RegistryError {
    if (error instanceof RegistryError) return error
    return claudeFailure(error, what, this.target, (text) => scrubSecrets(text, [this.options.apiKey]))
  }
}

/** The package's files under one folder named after the skill, SKILL.md at its root, as the API takes them. */
async function uploadFiles(pkg: SkillPackage): Promise<File[]> {
  return Promise.all(
    pkg.files.map(async (file: PackageFile) => {
      const bytes = file.content !== undefined ? new Blob([file.content]) : await openAsBlob(file.absolutePath)
      return new File([bytes], `${pkg.name}/${file.path}`, { type: 'application/octet-stream' })
    })
  )
}

interface SdkError {
  status?: number
  requestID?: string | null
  apiMessage?: string | null
  headers?: Headers
  message?: string
}

function statusOf(error: unknown): number | undefined {
  const status = (error as SdkError | undefined)?.status
  return typeof status === 'number' ? status : undefined
}

function retryWait(error: unknown, attempt: number): number {
  const headers = (error as SdkError | undefined)?.headers
  const asked = Number(headers?.get?.('retry-after-ms') ?? NaN) || Number(headers?.get?.('retry-after') ?? NaN) * 1000
  if (Number.isFinite(asked) && asked >= 0) return Math.min(asked, MAX_RETRY_AFTER_MS)
  return Math.round(Math.random() * Math.min(5_000, 300 * 2 ** attempt))
}

/** What each answer means for a person publishing skills, and what to do about it. */
function statusAdvice(status: number, error: SdkError, target: string): string {
  switch (status) {
    case 400:
      return (
        'The Skills API refused the request as invalid: fix what it names and run again (SKILL.md needs a name of ' +
        'lowercase letters, digits and hyphens, at most 64 characters, without "anthropic" or "claude", and a description; ' +
        'a new version must keep the name the skill was created with).'
      )
    case 401:
      return "The API key was refused: check input 'token' or ANTHROPIC_API_KEY (is it set, mistyped, revoked, or of another organization?)."
    case 403:
      return (
        'The API key may not manage skills here: check the workspace input (sent as anthropic-workspace-id) and that ' +
        'the key belongs to that workspace with permission to write skills.'
      )
    case 404:
      return `Check the target (${target}: the API base URL, without /v1) and the workspace; the skill or version may have been deleted meanwhile.`
    case 409:
      return 'The API reports a conflict (another run changed this skill at the same time): run again; skillpub finds the skill and adds a version to it.'
    case 413:
      return 'The skill is over the Skills API upload size limit: leave out what it does not need (.skillignore) or make large files smaller.'
    case 429: {
      const wait = error.headers?.get?.('retry-after')
      return `The API is rate-limiting this key${wait ? ` (it asked to wait ${wait} s)` : ''}: run again later, or publish with a lower concurrency.`
    }
    case 529:
      return 'The API is overloaded right now: run again in a few minutes.'
    default:
      if (status >= 300 && status < 400) {
        const location = error.headers?.get?.('location')
        return (
          `It answered with a redirect${location ? ` to ${excerpt(location, 120)}` : ''}; skillpub sends the API key only to ` +
          "the target's own origin and follows no redirects: set 'target' to the URL of the API itself."
        )
      }
      if (status >= 500) return 'The API had a server error: run again later.'
      return 'Fix what the API names and run again.'
  }
}

function claudeFailure(error: unknown, what: string, target: string, scrub: (text: string) => string): RegistryError {
  const sdkError = (error ?? {}) as SdkError
  const status = statusOf(error)
  if (status === undefined) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
    const reason = `${sdkError.message ?? String(error)}${cause}`
    return new RegistryError(
      scrub(
        `${what} failed: no answer from ${target} (${excerpt(reason, 300)}). Check the target URL, that the API is reachable, ` +
          'and the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).'
      ),
      { retryable: true, cause: error }
    )
  }
  const said = sdkError.apiMessage ?? ''
  const answer = said ? `: ${clause(excerpt(said, 300))}` : ''
  const requestId = sdkError.requestID ? ` (request-id ${sdkError.requestID})` : ''
  return new RegistryError(
    scrub(`${what} failed: the API answered ${status}${answer}. ${statusAdvice(status, sdkError, target)}${requestId}`),
    {
      status,
      retryable: status === 408 || status === 429 || status >= 500
    }
  )
}
