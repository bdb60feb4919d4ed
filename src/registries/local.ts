// A registry that is a folder: packages copied in (flat, or `{name}/{version}/`), with an
// `index.json` listing what the folder holds. Useful for CI artifacts, mirrors and tests.
//
// - Every write is atomic (a temporary file in the same folder, then rename), so a reader sees the
//   old state or the new one, never half a zip or half an index.
// - The zip on disk is the truth: `find` hashes it rather than trusting the index, which is a
//   catalogue (repaired when it misses a package that is there).
// - Writes to one folder are serialised within the process, so concurrent publishes cannot lose
//   index entries. Separate processes writing one folder at once are not coordinated.

import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { access, constants, copyFile, mkdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import semver from 'semver'
import type { SkillPackage } from '../core/types.js'
import { packageFileName } from '../core/package/build.js'
import { unsafeEntryReason } from '../core/package/rules.js'
import { RegistryError, type ExistingVersion, type Publication, type Registry, type RemoteState, type SkillRef } from './registry.js'

export interface LocalRegistryOptions {
  /** The folder (created when missing). */
  target: string
  layout: 'flat' | 'nested'
  /** Replace a stored version whose bytes differ. */
  force: boolean
  /** Clock for `publishedAt` (tests). */
  now?: () => Date
}

export const INDEX_FILE = 'index.json'

/** One package the folder holds, as `index.json` lists it. */
export interface IndexEntry {
  name: string
  version: string
  /** Path of the zip relative to the folder, `/` separators. */
  file: string
  sha256: string
  fingerprint: string
  size: number
  publishedAt: string
}

export interface LocalIndex {
  version: 1
  packages: IndexEntry[]
}

// One queue per folder for the whole process: two LocalRegistry objects on one folder share it.
const queues = new Map<string, Promise<unknown>>()

export class LocalRegistry implements Registry {
  readonly kind = 'local' as const
  readonly flavour = 'fastskill' as const
  readonly target: string
  private readonly layout: 'flat' | 'nested'
  private readonly force: boolean
  private readonly now: () => Date

  constructor(options: LocalRegistryOptions) {
    this.target = resolve(options.target)
    this.layout = options.layout
    this.force = options.force
    this.now = options.now ?? (() => new Date())
  }

  async find(pkg: SkillPackage): Promise<ExistingVersion | undefined> {
    const stored = await this.storedFile(pkg)
    const digest = await sha256OfFile(join(this.target, stored))
    if (digest === undefined) return undefined
    return { sameContent: digest === pkg.sha256, remoteDigest: `sha256:${digest}`, url: this.urlOf(stored) }
  }

  async publish(pkg: SkillPackage): Promise<Publication> {
    checkPathPart('name', pkg.name)
    checkPathPart('version', pkg.version)
    return this.serialised(async () => {
      await this.ensureFolder()
      const stored = await this.storedFile(pkg)
      const existing = await this.find(pkg)
      const messages: string[] = []
      if (existing?.sameContent) {
        messages.push(`${pkg.name}@${pkg.version} is already in ${this.target} with the same content (sha256:${pkg.sha256}).`)
      } else {
        if (existing && !this.force) {
          throw new RegistryError(
            `${pkg.name}@${pkg.version} is already in ${this.target} (${stored}) with other content: ` +
              `stored ${existing.remoteDigest}, new sha256:${pkg.sha256}. Publish a new version, or use force to replace it.`
          )
        }
        await this.copyIn(pkg, stored)
        if (existing) messages.push(`Replaced ${stored} (was ${existing.remoteDigest}).`)
      }
      await this.record(pkg, stored, existing?.sameContent === true)
      const url = this.urlOf(stored)
      return { name: pkg.name, version: pkg.version, url, state: { verdict: 'published', messages, url } }
    })
  }

  async status(publication: Publication): Promise<RemoteState> {
    const state = await this.lookup(publication)
    if (state) return state
    throw new RegistryError(`${publication.name}@${publication.version} is no longer in ${this.target}: it was removed after publishing.`)
  }

  async lookup(ref: SkillRef): Promise<RemoteState | undefined> {
    checkPathPart('name', ref.name)
    checkPathPart('version', ref.version)
    const stored = await this.storedFile(ref)
    if (!(await isFile(join(this.target, stored)))) return undefined
    const url = this.urlOf(stored)
    return { verdict: 'published', messages: [], url }
  }

  async remove(ref: SkillRef): Promise<void> {
    checkPathPart('name', ref.name)
    checkPathPart('version', ref.version)
    await this.serialised(async () => {
      const stored = await this.storedFile(ref)
      await unlink(join(this.target, stored)).catch(ignoreMissing)
      if (this.layout === 'nested' || stored.includes('/')) await removeEmptyParents(this.target, stored)
      const index = await this.readIndex()
      const kept = index.packages.filter((entry) => !(entry.name === ref.name && entry.version === ref.version))
      if (kept.length !== index.packages.length) await this.writeIndex({ version: 1, packages: kept })
    })
  }

  /** `version: auto`: the greatest semver version the index holds for the name. */
  async latestVersion(name: string): Promise<string | undefined> {
    const versions = (await this.readIndex()).packages.filter((entry) => entry.name === name).map((entry) => entry.version)
    return semver.rsort(versions.filter((version) => semver.valid(version) !== null))[0]
  }

  /** The stored zip's path relative to the folder: the index's word first, then the layout's. */
  private async storedFile(ref: SkillRef): Promise<string> {
    const entry = (await this.readIndex()).packages.find((e) => e.name === ref.name && e.version === ref.version)
    if (entry) return entry.file
    const fileName = packageFileName(ref.name, ref.version)
    return this.layout === 'nested' ? `${ref.name}/${ref.version}/${fileName}` : fileName
  }

  private urlOf(stored: string): string {
    return pathToFileURL(join(this.target, stored)).href
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const previous = queues.get(this.target) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(work)
    queues.set(this.target, next)
    return next
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
      throw error instanceof RegistryError ? error : this.folderError(error)
    }
  }

  private async record(pkg: SkillPackage, stored: string, unchanged: boolean): Promise<void> {
    const index = await this.readIndex()
    const previous = index.packages.find((e) => e.name === pkg.name && e.version === pkg.version)
    if (unchanged && previous && previous.sha256 === pkg.sha256) return
    const entry: IndexEntry = {
      name: pkg.name,
      version: pkg.version,
      file: stored,
      sha256: pkg.sha256,
      fingerprint: pkg.fingerprint,
      size: pkg.size,
      publishedAt: unchanged && previous ? previous.publishedAt : this.now().toISOString()
    }
    const packages = [...index.packages.filter((e) => e !== previous), entry].sort(
      (a, b) => compare(a.name, b.name) || compare(a.version, b.version)
    )
    await this.writeIndex({ version: 1, packages })
  }

  private async readIndex(): Promise<LocalIndex> {
    const path = join(this.target, INDEX_FILE)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if (isMissing(error)) return { version: 1, packages: [] }
      throw this.folderError(error)
    }
    try {
      const parsed = JSON.parse(text) as Partial<LocalIndex>
      if (!Array.isArray(parsed.packages)) throw new Error('no "packages" list')
      // The index names files to hash and overwrite: it must not point outside the folder.
      const outside = parsed.packages.find((entry) => typeof entry?.file !== 'string' || unsafeEntryReason(entry.file) !== undefined)
      if (outside) throw new Error(`entry ${JSON.stringify(outside)} names a file outside the folder`)
      return { version: 1, packages: parsed.packages }
    } catch (error) {
      throw new RegistryError(
        `${path} is not a skillpub index (${(error as Error).message}). Fix it, or move it away to start a new one.`,
        { cause: error }
      )
    }
  }

  private async writeIndex(index: LocalIndex): Promise<void> {
    const path = join(this.target, INDEX_FILE)
    const temporary = temporaryName(path)
    try {
      await writeFile(temporary, `${JSON.stringify(index, null, 2)}\n`, { flag: 'wx' })
      await rename(temporary, path)
    } catch (error) {
      await unlink(temporary).catch(() => undefined)
      throw this.folderError(error)
    }
  }
}

/** Names and versions become path segments: nothing that could climb out or split. */
function checkPathPart(what: string, value: string): void {
  if (value === '' || value === '.' || value === '..' || /[/\\:\u0000-\u001f\u007f]/.test(value)) {
    throw new RegistryError(`Cannot store ${JSON.stringify(value)} as a ${what} in a local registry: it must be a plain file-name part.`)
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
