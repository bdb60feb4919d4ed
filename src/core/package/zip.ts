// A deterministic zip: the same files give the same bytes on any machine, checkout, umask and run.
//
// - Entries in UTF-16 code-unit order of their paths (JavaScript's default string order, locale-free;
//   it equals byte order for every character below U+E000), files only, no folder entries.
// - One timestamp for every entry, 1980-01-01T00:00:00 (the DOS epoch, zip's earliest time).
//   zip-stream converts dates in UTC unless `forceLocalTime`, so the time zone cannot leak in.
// - Modes 0644, or 0755 when the owner-execute bit was set; "made by" Unix so unzip applies them.
// - No extra fields: zip-stream (compress-commons 7) writes none except ZIP64 records, which only
//   appear past 4 GiB, far over any skill limit. No comments.
// - Deflate at a fixed level (9), streamed with data descriptors. The deflate bytes come from the
//   zlib built into Node; a Node release with a different zlib may compress differently, which is
//   why registries compare the ClawHub fingerprint (over file contents) rather than zip checksums.
//
// Files go in one at a time (never the whole skill in memory; files over 1 MB are streamed) and
// are hashed on the way: a file that changed since it was listed fails the build instead of shipping bytes nobody hashed.

import { ZipArchive } from 'archiver'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Readable, Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { PackageFile } from '../types.js'
import { readSmallFile, sha256Bytes, SMALL_FILE_BYTES } from './hash.js'
import { unsafeEntryReason } from './rules.js'
import { compareCodeUnits } from './walk.js'

export const ZIP_TIMESTAMP = new Date('1980-01-01T00:00:00Z')
const DEFLATE_LEVEL = 9

export interface ZipDigest {
  size: number
  sha256: string
  sha1: string
}

/** Thrown when the inputs of a zip are wrong (unsafe or duplicate names, files changed while zipping). */
export class ZipInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ZipInputError'
  }
}

/** Hashes (and counts) whatever flows through. */
class DigestStream extends Transform {
  private readonly sha256 = createHash('sha256')
  private readonly sha1 = createHash('sha1')
  private size = 0

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.sha256.update(chunk)
    this.sha1.update(chunk)
    this.size += chunk.length
    callback(null, chunk)
  }

  /** Call once the stream has ended. */
  digest(): ZipDigest {
    return { size: this.size, sha256: this.sha256.digest('hex'), sha1: this.sha1.digest('hex') }
  }
}

/**
 * Writes `files` as a deterministic zip at `destination`, atomically: a temporary file in the same
 * folder, renamed into place once complete, so a reader never sees half a zip.
 */
export async function writeDeterministicZip(files: PackageFile[], destination: string): Promise<ZipDigest> {
  const entries = checkedEntries(files)
  const temporary = join(dirname(destination), `.${basename(destination)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  const archive = new ZipArchive({ zlib: { level: DEFLATE_LEVEL } })
  const zipDigest = new DigestStream()
  const written = pipeline(archive, zipDigest, createWriteStream(temporary, { flags: 'wx', mode: 0o644 }))
  // Observed below; until then a failure must not surface as an unhandled rejection.
  written.catch(() => undefined)
  try {
    for (const file of entries) {
      // Small files go in as one Buffer (no read stream per file); the bytes are identical, as
      // deflate output does not depend on how its input was cut. Empty files keep the stream
      // path: zip-stream would store an empty Buffer instead of deflating it, changing the bytes.
      const small = file.content === undefined && file.size > 0 && file.size <= SMALL_FILE_BYTES ? await readSmallFile(file.absolutePath, file.size) : undefined
      if (small && small.length > 0) {
        const sha256 = sha256Bytes(small)
        if (sha256 !== file.sha256) {
          throw new ZipInputError(`${file.path} changed while it was being packaged (sha256 ${file.sha256} listed, ${sha256} read); run again`)
        }
        await appendEntry(archive, small, file)
        continue
      }
      const contentDigest = new DigestStream()
      const source = file.content !== undefined ? Readable.from([Buffer.from(file.content, 'utf8')]) : createReadStream(file.absolutePath)
      // pipe() does not forward a read error, and archiver would wait for the entry forever:
      // race the read error against the entry instead.
      const readFailed = new Promise<never>((_resolve, reject) => source.once('error', reject))
      readFailed.catch(() => undefined)
      await Promise.race([appendEntry(archive, source.pipe(contentDigest), file), readFailed])
      const { sha256 } = contentDigest.digest()
      if (sha256 !== file.sha256) {
        throw new ZipInputError(`${file.path} changed while it was being packaged (sha256 ${file.sha256} listed, ${sha256} read); run again`)
      }
    }
    await archive.finalize()
    await written
    await rename(temporary, destination)
    return zipDigest.digest()
  } catch (error) {
    // abort() alone leaves the pipeline pending; destroying it settles it. Late errors from
    // archiver's queue must not surface as uncaught once the pipeline has let go.
    archive.on('error', () => undefined)
    archive.destroy(error as Error)
    await written.catch(() => undefined)
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}

function checkedEntries(files: PackageFile[]): PackageFile[] {
  const entries = [...files].sort((a, b) => compareCodeUnits(a.path, b.path))
  entries.forEach((file, i) => {
    const unsafe = unsafeEntryReason(file.path)
    if (unsafe) throw new ZipInputError(`Refusing zip entry ${JSON.stringify(file.path)}: ${unsafe}`)
    if (i > 0 && entries[i - 1].path === file.path) throw new ZipInputError(`Duplicate zip entry ${JSON.stringify(file.path)}`)
  })
  return entries
}

/** Appends one entry and waits until archiver has consumed it, so only one file is open at a time. */
function appendEntry(archive: ZipArchive, source: Readable | Buffer, file: PackageFile): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEntry = (): void => {
      archive.off('error', onError)
      resolve()
    }
    const onError = (error: Error): void => {
      archive.off('entry', onEntry)
      reject(error)
    }
    archive.once('entry', onEntry)
    archive.once('error', onError)
    archive.append(source, { name: file.path, date: ZIP_TIMESTAMP, mode: file.mode === 0o755 ? 0o755 : 0o644 })
  })
}
