// What a Claude skill version holds, as per-file SHA-256: read from the zip the Skills API's
// content download answers, in memory, never written to disk. The archive is the registry's
// answer, so it is input we do not trust: sizes are capped as declared and as inflated.
import { createHash } from 'node:crypto'
import type yauzl from 'yauzl'
import { RegistryError } from './registry.js'

export interface ContentLimits {
  maxEntries: number
  maxTotalBytes: number
}

/** File path (without the top-level folder) -> lowercase hex SHA-256 of its bytes. */
export type FileDigests = Map<string, string>

/**
 * The version's files by path inside the skill. The API stores them under one top-level folder
 * named after the skill; that folder is taken off so the paths compare with the package's.
 */
export async function digestSkillZip(zip: Buffer, limits: ContentLimits): Promise<FileDigests> {
  // Imported here: create.ts loads every registry, and only this one reads zips from a server.
  const { default: yauzl } = await import('yauzl')
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
      error || !file ? reject(error ?? new Error('no zip')) : resolve(file)
    )
  )
  const digests = new Map<string, string>()
  let total = 0
  try {
    for await (const entry of entries(archive)) {
      if (entry.fileName.endsWith('/')) continue
      total += entry.uncompressedSize
      if (digests.size >= limits.maxEntries || total > limits.maxTotalBytes) {
        throw new Error(`it holds more than ${limits.maxEntries} files or ${limits.maxTotalBytes} bytes`)
      }
      digests.set(entry.fileName, await hashEntry(archive, entry))
    }
  } finally {
    archive.close()
  }
  return withoutTopFolder(digests)
}

/** Same files (by path) with the same bytes. */
export function sameFiles(ours: ReadonlyArray<{ path: string; sha256: string }>, theirs: FileDigests): boolean {
  return ours.length === theirs.size && ours.every((file) => theirs.get(file.path) === file.sha256.toLowerCase())
}

function withoutTopFolder(digests: FileDigests): FileDigests {
  const tops = new Set([...digests.keys()].map((path) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '')))
  if (tops.size !== 1 || tops.has('')) return digests
  return new Map([...digests].map(([path, sha]) => [path.slice(path.indexOf('/') + 1), sha]))
}

async function* entries(archive: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const next = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      const onEntry = (entry: yauzl.Entry): void => {
        archive.off('end', onEnd).off('error', onError)
        resolve(entry)
      }
      const onEnd = (): void => {
        archive.off('entry', onEntry).off('error', onError)
        resolve(undefined)
      }
      const onError = (error: Error): void => {
        archive.off('entry', onEntry).off('end', onEnd)
        reject(error)
      }
      archive.once('entry', onEntry).once('end', onEnd).once('error', onError)
      archive.readEntry()
    })
    if (!next) return
    yield next
  }
}

function hashEntry(archive: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    archive.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error(`cannot read ${entry.fileName}`))
      const hash = createHash('sha256')
      stream.on('data', (chunk: Buffer) => hash.update(chunk))
      stream.on('error', reject)
      stream.on('end', () => resolve(hash.digest('hex')))
    })
  })
}

/** A content answer that is not a readable zip: named, never taken as "different content" silently. */
export function unreadableContent(what: string, cause: unknown): RegistryError {
  const why = cause instanceof Error ? cause.message : String(cause)
  return new RegistryError(
    `${what}: the version's content download is not a zip skillpub can read (${why}). Check that the target is a Claude Skills API server.`,
    { cause }
  )
}
