// A registry that is a folder: packages copied in (flat, or `{name}/{version}/`), and beside
// them FastSkill's registry index (`index/{scope}/{id}`, see fastskill-index.ts), so the folder
// served by any static host is a FastSkill `http-registry` whose `index_url` is `<base-url>/index`.
//
// - The zips are the truth; the index is derived from them. `find` hashes the stored zip, and the
//   first write-path call of a run repairs the index from the zips: a zip without a line gets one,
//   a line without a zip goes, temporary files of an interrupted run are removed.
// - Every write is atomic (a temporary file in the same folder, then rename), so a reader sees the
//   old state or the new one, never half a zip or half an index file.
// - Writers are serialised per folder: in the process by a queue, across processes by a lock file
//   (folder-lock.ts) held for each whole change, zip and index line together. So at the moment a
//   writer takes the lock, anything half-done was left by a writer that died, and may be repaired.

import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { access, constants, copyFile, mkdir, readdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import semver from 'semver'
import type { Logger, SkillPackage } from '../core/types.js'
import { packageFileName } from '../core/package/build.js'
import { readZipEntry } from '../core/package/unzip.js'
import { manifestName, MAX_SKILL_MD_BYTES, parseSkillMarkdown } from '../core/skillmd.js'
import {
  formatEntry,
  INDEX_DIR,
  indexFile,
  parseIndex,
  pathComponentProblem,
  type IndexMetadata,
  type VersionEntry
} from './fastskill-index.js'
import { DEFAULT_LOCK_OPTIONS, LockTimeoutError, withFolderLock, type LockOptions } from './folder-lock.js'
import { RegistryError, type ExistingVersion, type Publication, type Registry, type RemoteState, type SkillRef } from './registry.js'

export interface LocalRegistryOptions {
  /** The folder (created when missing). */
  target: string
  layout: 'flat' | 'nested'
  /** Replace a stored version whose bytes differ. */
  force: boolean
  /** FastSkill scope of every skill in the folder: the index lists `{scope}/{name}`. */
  scope: string
  /** URL the folder is served at; without it `download_url` is the zip's file:// URL. */
  baseUrl?: string
  /** `metadata.repository` of the index lines (the repository the skills come from). */
  repository?: string
  /** Change nothing: no repair of the index either. */
  dryRun?: boolean
  logger?: Logger
  /** Clock for `published_at` (tests). */
  now?: () => Date
  lock?: Partial<LockOptions>
}

export const LOCK_FILE = '.skillpub.lock'

/** A zip of the folder: where it is and which version of which skill it holds. */
interface StoredZip {
  id: string
  version: string
  /** Relative to the folder, `/` separators. */
  file: string
}

// One queue per folder for the whole process: two LocalRegistry objects on one folder share it.
const queues = new Map<string, Promise<unknown>>()

const TEMPORARY = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/

export class LocalRegistry implements Registry {
  readonly kind = 'local' as const
  readonly flavour = 'fastskill' as const
  readonly target: string
  private readonly options: LocalRegistryOptions
  private readonly now: () => Date
  private readonly baseUrl?: string
  private repaired?: Promise<void>

  constructor(options: LocalRegistryOptions) {
    const problem = pathComponentProblem(options.scope)
    if (problem) {
      throw new RegistryError(`The scope ${JSON.stringify(options.scope)} cannot name a FastSkill index folder: ${problem}. Set scope.`)
    }
    this.options = options
    this.target = resolve(options.target)
    this.now = options.now ?? (() => new Date())
    this.baseUrl = options.baseUrl?.replace(/\/+$/, '')
  }

  async find(pkg: SkillPackage): Promise<ExistingVersion | undefined> {
    this.checkRef(pkg)
    await this.repair()
    const stored = await this.locate(pkg)
    if (!stored) return undefined
    const digest = await sha256OfFile(join(this.target, stored.file))
    if (digest === undefined) return undefined
    // The zip is the truth: an index line that says otherwise (a zip replaced by hand) is corrected.
    if (!this.options.dryRun) {
      await this.exclusive(async () => {
        if (await isFile(join(this.target, stored.file))) await this.index(stored, { digest })
      })
    }
    return { sameContent: digest === pkg.sha256, remoteDigest: `sha256:${digest}`, url: this.downloadUrl(stored.file) }
  }

  async publish(pkg: SkillPackage): Promise<Publication> {
    this.checkRef(pkg)
    await this.ensureFolder()
    await this.repair()
    return this.exclusive(async () => {
      const found = await this.locate(pkg)
      const stored: StoredZip = found ?? { id: pkg.name, version: pkg.version, file: this.layoutFile(pkg, this.options.layout) }
      const existing = found && (await sha256OfFile(join(this.target, found.file)))
      const messages: string[] = []
      if (existing === pkg.sha256) {
        messages.push(`${pkg.name}@${pkg.version} is already in ${this.target} with the same content (sha256:${pkg.sha256}).`)
      } else {
        if (existing && !this.options.force) {
          throw new RegistryError(
            `${pkg.name}@${pkg.version} is already in ${this.target} (${stored.file}) with other content: ` +
              `stored sha256:${existing}, new sha256:${pkg.sha256}. Publish a new version, or use force to replace it.`
          )
        }
        await this.copyIn(pkg, stored.file)
        if (existing) messages.push(`Replaced ${stored.file} (was sha256:${existing}).`)
      }
      const line = await this.index(stored, { digest: pkg.sha256, publishedAt: existing === pkg.sha256 ? undefined : this.now() })
      messages.push(`Listed as ${this.options.scope}/${pkg.name} in ${indexFile(this.options.scope, pkg.name)}.`)
      const url = line.download_url
      return { name: pkg.name, version: pkg.version, url, state: { verdict: 'published', messages, url } }
    })
  }

  async status(publication: Publication): Promise<RemoteState> {
    const state = await this.lookup(publication)
    if (state) return state
    throw new RegistryError(`${publication.name}@${publication.version} is no longer in ${this.target}: it was removed after publishing.`)
  }

  async lookup(ref: SkillRef): Promise<RemoteState | undefined> {
    this.checkRef(ref)
    const stored = await this.locate(ref)
    if (!stored) return undefined
    return { verdict: 'published', messages: [], url: this.downloadUrl(stored.file) }
  }

  /** One version goes: its zip, then its line in every scope's index (a zip is never left unlisted). */
  async remove(ref: SkillRef): Promise<void> {
    this.checkRef(ref)
    if (!(await isDirectory(this.target))) return
    await this.repair()
    await this.exclusive(async () => {
      for (const layout of ['flat', 'nested'] as const) {
        const file = this.layoutFile(ref, layout)
        if (!(await isFile(join(this.target, file)))) continue
        await unlink(join(this.target, file))
        if (layout === 'nested') await removeEmptyParents(this.target, file)
      }
      for (const scope of await listNames(join(this.target, INDEX_DIR))) {
        if (pathComponentProblem(scope)) continue
        const { entries } = await this.readEntries(scope, ref.name)
        const kept = entries.filter((entry) => entry.vers !== ref.version)
        if (kept.length !== entries.length) await this.writeEntries(scope, ref.name, kept)
      }
    })
  }

  /** `version: auto`: the greatest semver version the folder holds for the name (the index, repaired from the zips first). */
  async latestVersion(name: string): Promise<string | undefined> {
    const problem = pathComponentProblem(name)
    if (problem) throw new RegistryError(`Cannot look up ${JSON.stringify(name)} in a local registry: ${problem}.`)
    await this.repair()
    const { entries } = await this.readEntries(this.options.scope, name)
    return semver.rsort(entries.map((entry) => entry.vers).filter((version) => semver.valid(version) !== null))[0]
  }

  /** Names and versions become path segments and index paths: nothing that could climb out or collide. */
  private checkRef(ref: SkillRef): void {
    for (const [what, value] of [
      ['name', ref.name],
      ['version', ref.version]
    ] as const) {
      const problem = pathComponentProblem(value)
      if (problem) throw new RegistryError(`Cannot store ${JSON.stringify(value)} as a ${what} in a local registry: ${problem}.`)
    }
    if (this.options.layout === 'nested' && ref.name === INDEX_DIR) {
      throw new RegistryError(
        `A skill named "${INDEX_DIR}" cannot be stored in the nested layout: ${INDEX_DIR}/ holds the FastSkill index.`
      )
    }
  }

  private layoutFile(ref: SkillRef, layout: 'flat' | 'nested'): string {
    const fileName = packageFileName(ref.name, ref.version)
    return layout === 'nested' ? `${ref.name}/${ref.version}/${fileName}` : fileName
  }

  /** The stored zip of a version: where the layout puts it, else where the other layout would have. */
  private async locate(ref: SkillRef): Promise<StoredZip | undefined> {
    const other = this.options.layout === 'flat' ? 'nested' : 'flat'
    for (const layout of [this.options.layout, other] as const) {
      const file = this.layoutFile(ref, layout)
      if (await isFile(join(this.target, file))) return { id: ref.name, version: ref.version, file }
    }
    return undefined
  }

  private downloadUrl(file: string): string {
    if (!this.baseUrl) return pathToFileURL(join(this.target, file)).href
    return `${this.baseUrl}/${file.split('/').map(encodeURIComponent).join('/')}`
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const lockOptions = { ...DEFAULT_LOCK_OPTIONS, ...this.options.lock }
    const locked = () =>
      withFolderLock(join(this.target, LOCK_FILE), work, lockOptions).catch((error: unknown) => {
        throw error instanceof LockTimeoutError ? new RegistryError(error.message, { cause: error }) : this.folderError(error)
      })
    const previous = queues.get(this.target) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(locked)
    queues.set(this.target, next)
    return next
  }

  private repair(): Promise<void> {
    if (this.options.dryRun) return Promise.resolve()
    this.repaired ??= isDirectory(this.target).then((exists) => (exists ? this.exclusive(() => this.reconcile()) : undefined))
    return this.repaired
  }

  /**
   * Make the index of this scope list exactly the zips the folder holds. Runs under the lock, so
   * whatever is half-done (a temporary file, a zip renamed in without its line) was left by a
   * writer that was killed.
   */
  private async reconcile(): Promise<void> {
    const notes: string[] = []
    const temporaries = await this.sweepTemporaries()
    if (temporaries) notes.push(`removed ${temporaries} temporary file(s)`)
    const scope = this.options.scope
    const ids = new Set(await listNames(join(this.target, INDEX_DIR, scope)))
    const listed = new Map<string, VersionEntry[]>()
    for (const id of ids) {
      if (pathComponentProblem(id)) continue
      const { entries, unreadable } = await this.readEntries(scope, id)
      if (unreadable.length) notes.push(`dropped unreadable line(s) ${unreadable.join(', ')} of ${indexFile(scope, id)}`)
      listed.set(id, entries)
    }
    const zips = await this.storedZips(listed)
    const held = new Set(zips.map((zip) => `${zip.id}@${zip.version}`))
    for (const [id, entries] of listed) {
      const seen = new Set<string>()
      const kept = entries.filter((entry) => held.has(`${id}@${entry.vers}`) && !seen.has(entry.vers) && seen.add(entry.vers))
      for (const entry of entries) if (!kept.includes(entry)) notes.push(`dropped ${entry.name} ${entry.vers} (no zip in the folder)`)
      const moved = kept.map((entry) => ({ ...entry, download_url: this.downloadUrl(this.zipOf(zips, id, entry.vers)!.file) }))
      if (moved.length !== entries.length || moved.some((entry, i) => entry.download_url !== entries[i]!.download_url)) {
        await this.writeEntries(scope, id, moved)
      }
    }
    for (const zip of zips) {
      if (listed.get(zip.id)?.some((entry) => entry.vers === zip.version)) continue
      await this.index(zip, { publishedAt: (await stat(join(this.target, zip.file))).mtime })
      notes.push(`added ${scope}/${zip.id} ${zip.version} (its zip was not in the index)`)
    }
    if (notes.length)
      this.options.logger?.warning(`Repaired the local registry ${this.target} after an interrupted run: ${notes.join('; ')}.`)
  }

  private zipOf(zips: StoredZip[], id: string, version: string): StoredZip | undefined {
    const mine = zips.filter((zip) => zip.id === id && zip.version === version)
    return mine.find((zip) => zip.file === this.layoutFile({ name: id, version }, this.options.layout)) ?? mine[0]
  }

  /**
   * Every package zip of the folder, in either layout. A flat zip is matched to an index line by
   * its file name, else identified by the SKILL.md inside it; zips that are not packages stay
   * where they are, unlisted.
   */
  private async storedZips(listed: Map<string, VersionEntry[]>): Promise<StoredZip[]> {
    const zips: StoredZip[] = []
    const expected = new Map<string, StoredZip>()
    for (const [id, entries] of listed)
      for (const entry of entries) {
        const file = this.layoutFile({ name: id, version: entry.vers }, 'flat')
        expected.set(file, { id, version: entry.vers, file })
      }
    for (const name of await listNames(this.target)) {
      if (name.startsWith('.') || !name.endsWith('.zip') || !(await isFile(join(this.target, name)))) continue
      const zip = expected.get(name) ?? (await this.identify(name))
      if (zip) zips.push(zip)
    }
    for (const id of await listNames(this.target)) {
      if (id === INDEX_DIR || pathComponentProblem(id) || !(await isDirectory(join(this.target, id)))) continue
      for (const version of await listNames(join(this.target, id))) {
        const file = this.layoutFile({ name: id, version }, 'nested')
        if (!pathComponentProblem(version) && (await isFile(join(this.target, file)))) zips.push({ id, version, file })
      }
    }
    return zips
  }

  private async identify(file: string): Promise<StoredZip | undefined> {
    const about = await describeZip(join(this.target, file)).catch(() => undefined)
    const id = about?.name
    const version = id && file.startsWith(`${id}-`) ? file.slice(id.length + 1, -'.zip'.length) : undefined
    if (!id || !version || pathComponentProblem(id) || pathComponentProblem(version)) {
      this.options.logger?.warning(`${join(this.target, file)} is not a package skillpub stored: it is left out of the index.`)
      return undefined
    }
    return { id, version, file }
  }

  /** Write (or rewrite) the index line of a stored zip, keeping its place and its publication time. */
  private async index(zip: StoredZip, change: { digest?: string; publishedAt?: Date }): Promise<VersionEntry> {
    const scope = this.options.scope
    const { entries } = await this.readEntries(scope, zip.id)
    const at = entries.findIndex((entry) => entry.vers === zip.version)
    const previous = entries[at]
    const path = join(this.target, zip.file)
    const digest = change.digest ?? (await sha256OfFile(path))!
    const entry: VersionEntry = {
      name: `${scope}/${zip.id}`,
      vers: zip.version,
      deps: previous?.deps ?? [],
      cksum: `sha256:${digest}`,
      features: previous?.features ?? {},
      yanked: previous?.yanked ?? false,
      download_url: this.downloadUrl(zip.file),
      published_at: (change.publishedAt ?? (previous ? undefined : this.now()))?.toISOString() ?? previous!.published_at,
      metadata: previous?.cksum === `sha256:${digest}` && previous.metadata ? previous.metadata : await this.metadataOf(path)
    }
    if (previous && formatEntry(previous) === formatEntry(entry)) return previous
    const next = at < 0 ? [...entries, entry] : entries.map((e, i) => (i === at ? entry : e))
    await this.writeEntries(scope, zip.id, next)
    return entry
  }

  private async metadataOf(zipPath: string): Promise<IndexMetadata> {
    const about = await describeZip(zipPath).catch(() => undefined)
    return {
      description: about?.description ?? null,
      author: about?.author ?? null,
      license: about?.license ?? null,
      repository: this.options.repository ?? null
    }
  }

  private async readEntries(scope: string, id: string): Promise<{ entries: VersionEntry[]; unreadable: number[] }> {
    const path = join(this.target, INDEX_DIR, scope, id)
    try {
      return parseIndex(await readFile(path, 'utf8'))
    } catch (error) {
      if (isMissing(error)) return { entries: [], unreadable: [] }
      throw this.folderError(error)
    }
  }

  private async writeEntries(scope: string, id: string, entries: VersionEntry[]): Promise<void> {
    const path = join(this.target, INDEX_DIR, scope, id)
    if (entries.length === 0) {
      await unlink(path).catch(ignoreMissing)
      await rmdir(dirname(path)).catch(() => undefined) // other skills of the scope keep it
      return
    }
    await mkdir(dirname(path), { recursive: true })
    await this.writeAtomically(path, entries.map((entry) => `${formatEntry(entry)}\n`).join(''))
  }

  private async writeAtomically(path: string, content: string): Promise<void> {
    const temporary = temporaryName(path)
    try {
      await writeFile(temporary, content, { flag: 'wx' })
      await rename(temporary, path)
    } catch (error) {
      await unlink(temporary).catch(() => undefined)
      throw this.folderError(error)
    }
  }

  /** Temporary files are only made under the lock: any found while holding it are orphans. */
  private async sweepTemporaries(): Promise<number> {
    const folders = [this.target, ...(await subfolders(join(this.target, INDEX_DIR)))]
    for (const id of await subfolders(this.target)) if (!id.endsWith(`/${INDEX_DIR}`)) folders.push(...(await subfolders(id)))
    let removed = 0
    for (const folder of folders)
      for (const name of await listNames(folder)) {
        if (!TEMPORARY.test(name)) continue
        await unlink(join(folder, name)).catch(ignoreMissing)
        removed++
      }
    return removed
  }

  private async ensureFolder(): Promise<void> {
    const existing = await stat(this.target).catch(() => undefined)
    if (existing && !existing.isDirectory()) {
      throw new RegistryError(
        `The local registry target ${this.target} is a file, not a folder. Point the target at a folder (it is created when missing).`
      )
    }
    try {
      await mkdir(this.target, { recursive: true })
      await access(this.target, constants.W_OK)
    } catch (error) {
      throw this.folderError(error)
    }
  }

  private folderError(error: unknown): RegistryError {
    if (error instanceof RegistryError) return error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR' || code === 'EEXIST') {
      return new RegistryError(`The local registry target ${this.target} cannot be a folder: part of its path is a file.`, { cause: error })
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return new RegistryError(
        `The local registry target ${this.target} is not writable (${code}). Choose a folder this run may write to.`,
        { cause: error }
      )
    }
    return new RegistryError(`Cannot use ${this.target} as a local registry: ${(error as Error).message}`, { cause: error })
  }

  private async copyIn(pkg: SkillPackage, stored: string): Promise<void> {
    const destination = join(this.target, stored)
    try {
      await mkdir(dirname(destination), { recursive: true })
      const temporary = temporaryName(destination)
      try {
        await copyFile(pkg.zipPath, temporary)
        const copied = await sha256OfFile(temporary)
        if (copied !== pkg.sha256) {
          throw new RegistryError(
            `${pkg.zipPath} changed after it was built (sha256:${copied}, expected sha256:${pkg.sha256}); package it again.`
          )
        }
        await rename(temporary, destination)
      } catch (error) {
        await unlink(temporary).catch(() => undefined)
        throw error
      }
    } catch (error) {
      throw this.folderError(error)
    }
  }
}

/** What the index says about a package, read from the SKILL.md inside its zip. */
async function describeZip(zipPath: string): Promise<{ name?: string; description?: string; author?: string; license?: string }> {
  const bytes = await readZipEntry(zipPath, 'SKILL.md', MAX_SKILL_MD_BYTES)
  if (!bytes) return {}
  const manifest = parseSkillMarkdown(bytes, 'SKILL.md')
  const frontmatter = manifest.frontmatter ?? {}
  const metadata = (typeof frontmatter.metadata === 'object' && frontmatter.metadata) || {}
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  return {
    name: manifestName(manifest),
    description: text(frontmatter.description),
    author: text(frontmatter.author) ?? text((metadata as Record<string, unknown>).author),
    license: text(frontmatter.license)
  }
}

function temporaryName(path: string): string {
  return join(dirname(path), `.${path.slice(dirname(path).length + 1)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
}

async function sha256OfFile(path: string): Promise<string | undefined> {
  if (!(await isFile(path))) return undefined
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === true
}

async function listNames(folder: string): Promise<string[]> {
  return (await readdir(folder).catch(() => [])).sort()
}

async function subfolders(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
  return entries.filter((entry) => entry.isDirectory()).map((entry) => join(folder, entry.name))
}

async function removeEmptyParents(root: string, stored: string): Promise<void> {
  const parts = stored.split('/').slice(0, -1)
  for (let depth = parts.length; depth > 0; depth--) {
    try {
      await rmdir(join(root, ...parts.slice(0, depth)))
    } catch {
      return // not empty (other versions) or already gone
    }
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

function ignoreMissing(error: unknown): void {
  if (!isMissing(error)) throw error
}
