// Reading a zip someone else made (a package built by an earlier job): every entry checked
// before a byte is written, since the archive is input we do not trust.
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import type { PackageLimits } from '../../config.js'
import { PackageError } from './errors.js'
import { unsafeEntryReason } from './rules.js'

const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

/**
 * Extract `zipPath` into the empty folder `destination`: regular files only (a symlink entry is
 * refused, it could point anywhere), names free of zip-slip, sizes within `limits` as the
 * central directory declares them and as yauzl verifies them while inflating.
 */
export async function extractZip(zipPath: string, destination: string, limits: PackageLimits): Promise<string[]> {
  const zip = await openZip(zipPath)
  const refuse = (why: string) => new PackageError(`${zipPath} is not a package skillpub can publish: ${why}.`, zipPath)
  const extracted: string[] = []
  let total = 0
  try {
    for await (const entry of entries(zip)) {
      const name = entry.fileName
      const type = (entry.externalFileAttributes >>> 16) & S_IFMT
      if (name.endsWith('/') || type === S_IFDIR) continue
      const unsafe = unsafeEntryReason(name)
      if (unsafe) throw refuse(`entry ${JSON.stringify(name)} has an unsafe name (${unsafe})`)
      if (type !== 0 && type !== S_IFREG)
        throw refuse(`entry ${JSON.stringify(name)} is not a regular file (symbolic links are never extracted)`)
      if (entry.uncompressedSize > limits.maxFileBytes)
        throw refuse(
          `entry ${JSON.stringify(name)} is ${entry.uncompressedSize} bytes, over the ${limits.maxFileBytes}-byte limit per file`
        )
      total += entry.uncompressedSize
      if (total > limits.maxSkillBytes) throw refuse(`its files add up to more than the ${limits.maxSkillBytes}-byte limit per skill`)
      if (extracted.length >= limits.maxFiles) throw refuse(`it holds more than ${limits.maxFiles} files`)
      const target = join(destination, ...name.split('/'))
      await mkdir(dirname(target), { recursive: true })
      const executable = ((entry.externalFileAttributes >>> 16) & 0o100) !== 0
      await pipeline(await readStream(zip, entry), createWriteStream(target, { flags: 'wx', mode: executable ? 0o755 : 0o644 }))
      extracted.push(name)
    }
  } catch (error) {
    if (error instanceof PackageError) throw error
    throw refuse(`it could not be read (${(error as Error).message})`)
  } finally {
    zip.close()
  }
  return extracted
}

/**
 * The bytes of one entry of a zip (`undefined` when it holds none by that name), at most
 * `maxBytes` of them: enough to read a package's SKILL.md back without extracting the rest.
 */
export async function readZipEntry(zipPath: string, name: string, maxBytes: number): Promise<Buffer | undefined> {
  const zip = await openZip(zipPath)
  try {
    for await (const entry of entries(zip)) {
      if (entry.fileName !== name) continue
      if (entry.uncompressedSize > maxBytes) {
        throw new PackageError(`${zipPath}: ${name} is ${entry.uncompressedSize} bytes, over the ${maxBytes}-byte limit.`, zipPath)
      }
      const chunks: Buffer[] = []
      for await (const chunk of await readStream(zip, entry)) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    }
    return undefined
  } catch (error) {
    if (error instanceof PackageError) throw error
    throw new PackageError(`${zipPath} could not be read (${(error as Error).message}).`, zipPath)
  } finally {
    zip.close()
  }
}

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip)
        reject(new PackageError(`${zipPath} is not a zip archive skillpub can read (${error?.message ?? 'unknown error'}).`, zipPath))
      else resolve(zip)
    })
  })
}

/** yauzl's entries, one at a time, as an async iterator. */
async function* entries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  while (true) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      const cleanup = () => zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error')
      zip.once('entry', (found: yauzl.Entry) => (cleanup(), resolve(found)))
      zip.once('end', () => (cleanup(), resolve(undefined)))
      zip.once('error', (error: Error) => (cleanup(), reject(error)))
      zip.readEntry()
    })
    if (!entry) return
    yield entry
  }
}

function readStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error('no stream')) : resolve(stream)))
  })
}
