// A deterministic zip: the same files give the same bytes on any machine, checkout, umask and run.
//
// - Entries in UTF-16 code-unit order of their paths (JavaScript's default string order, locale-free;
//   it equals byte order for every character below U+E000), files only, no folder entries.
// - One timestamp for every entry, 1980-01-01 00:00:00 (the DOS epoch, zip's earliest time),
//   written as fixed DOS fields, so no time zone can leak in.
// - Modes 0644, or 0755 when the owner-execute bit was set; "made by" Unix so unzip applies them.
// - No extra fields, no comments, no ZIP64 (a zip past 4 GiB is refused; skills are far smaller).
// - Deflate at level 6 (zip's and gzip's default), with each entry's CRC and sizes in a data
//   descriptor after its data, so an entry is written as it is read.
//
// Why our own writer and not archiver: packaging 1,000 skills spent most of its time in archiver's
// per-entry stream machinery (a zlib stream, a CRC stream and queue hops for every file), several
// times the deflate work itself (see the README's benchmark). Here a file is read in pieces of
// 1 MB (small files in one read); a small piece is deflated in place and a large one on libuv's
// thread pool, and the output goes out in writes of about 1 MB, so a small skill's zip is one
// open, one write and one rename. Never more than a few pieces of a skill are in memory, whatever
// its size.
//
// A file of several pieces is deflated piece by piece: every piece but the last ends with a sync
// flush instead of a final block, and the pieces join into one valid deflate stream (what pigz
// does). Piece boundaries are fixed offsets, so the bytes stay deterministic. The deflate bytes
// come from the zlib built into Node; a Node release with a different zlib may compress
// differently, which is why registries compare the ClawHub fingerprint (over file contents)
// rather than zip checksums.
//
// Each file is read once, and hashed on the way: the SHA-256 a package reports for a file (and so
// its fingerprint) is that of the bytes in its zip. A file whose size changed since it was listed
// fails the build instead of shipping bytes of a half-written file.

import { createHash, randomBytes } from 'node:crypto'
import { closeSync, openSync, renameSync, unlinkSync, writevSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { constants, crc32, deflateRaw, deflateRawSync, type ZlibOptions } from 'node:zlib'
import type { ListedFile, PackageFile } from '../types.js'
import { readHead, SMALL_FILE_BYTES } from './read.js'
import { unsafeEntryReason } from './rules.js'
import { compareCodeUnits } from './walk.js'

const DEFLATE_LEVEL = 6
/** Files are read, hashed and deflated in pieces of this size; a small file is one piece. */
const PIECE_BYTES = SMALL_FILE_BYTES
/** Output is gathered up to about this size before it is written. */
const WRITE_BYTES = 1024 * 1024
/** Past this, offsets and sizes need ZIP64, which this writer does not write. */
const ZIP32_LIMIT = 0xffffffff
const ZIP32_ENTRIES = 0xffff

/**
 * Pieces up to this size are deflated in place, in the thread that packages: for a file of a few
 * KB, a trip to libuv's thread pool (a zlib stream, a thread hop, a wake-up) costs several times
 * the deflate itself (7,000 skill files: 0.9 s of CPU in place against 2.6 s through the pool).
 * Larger pieces go to the pool, so a big file never holds its event loop for long.
 */
const DEFLATE_IN_PLACE_BYTES = 128 * 1024
const deflateOnPool = promisify<Buffer, ZlibOptions, Buffer>(deflateRaw)
const MIDDLE_PIECE: ZlibOptions = { level: DEFLATE_LEVEL, finishFlush: constants.Z_SYNC_FLUSH }
const LAST_PIECE: ZlibOptions = { level: DEFLATE_LEVEL }

const VERSION_NEEDED = 20 // 2.0: deflate
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED // Unix, so unzip applies the modes
const FLAG_DATA_DESCRIPTOR = 0x0008
const FLAG_UTF8 = 0x0800
const METHOD_DEFLATE = 8
const DOS_TIME = 0 // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1 // 1980-01-01

/**
 * Temporary zips are named by process, by a random tag drawn once per thread (each packaging
 * thread loads this module anew) and by a counter, so that no two writers share a name, without
 * asking the system for random bytes per zip.
 */
const TEMPORARY_TAG = `${process.pid}.${randomBytes(6).toString('hex')}`
let temporaries = 0

/** The zip's digests, and the files it holds with the SHA-256 of the bytes zipped. */
export interface ZipResult extends ZipDigest {
  files: PackageFile[]
}

interface ZipDigest {
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

interface WrittenEntry {
  sha256: string
  name: Buffer
  flags: number
  crc: number
  compressedSize: number
  size: number
  offset: number
  mode: number
}

/**
 * Writes `files` as a deterministic zip at `destination`, atomically: a temporary file in the same
 * folder, renamed into place once complete, so a reader never sees half a zip.
 */
export async function writeDeterministicZip(files: ListedFile[], destination: string): Promise<ZipResult> {
  const entries = checkedEntries(files)
  const temporary = join(dirname(destination), `.${basename(destination)}.${TEMPORARY_TAG}.${++temporaries}.tmp`)
  const fd = openSync(temporary, 'wx', 0o644)
  const out = new ZipOutput(fd)
  try {
    const written: WrittenEntry[] = []
    for (const file of entries) written.push(await writeEntry(out, file))
    writeCentralDirectory(out, written)
    const digest = out.finish()
    closeSync(fd)
    renameSync(temporary, destination)
    return { ...digest, files: entries.map((file, i) => ({ ...file, sha256: written[i].sha256 })) }
  } catch (error) {
    ignoreError(() => closeSync(fd))
    ignoreError(() => unlinkSync(temporary))
    throw error
  }
}

function checkedEntries(files: ListedFile[]): ListedFile[] {
  const entries = [...files].sort((a, b) => compareCodeUnits(a.path, b.path))
  entries.forEach((file, i) => {
    const unsafe = unsafeEntryReason(file.path)
    if (unsafe) throw new ZipInputError(`Refusing zip entry ${JSON.stringify(file.path)}: ${unsafe}`)
    if (i > 0 && entries[i - 1].path === file.path) throw new ZipInputError(`Duplicate zip entry ${JSON.stringify(file.path)}`)
  })
  if (entries.length > ZIP32_ENTRIES) throw new ZipInputError(`Too many files for one zip: ${entries.length} (at most ${ZIP32_ENTRIES})`)
  return entries
}

/** Local header, deflated pieces, data descriptor. */
async function writeEntry(out: ZipOutput, file: ListedFile): Promise<WrittenEntry> {
  const name = Buffer.from(file.path, 'utf8')
  const flags = FLAG_DATA_DESCRIPTOR | (name.length === file.path.length ? 0 : FLAG_UTF8)
  const offset = out.size
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(VERSION_NEEDED, 4)
  header.writeUInt16LE(flags, 6)
  header.writeUInt16LE(METHOD_DEFLATE, 8)
  header.writeUInt16LE(DOS_TIME, 10)
  header.writeUInt16LE(DOS_DATE, 12)
  // CRC and sizes (14-25) stay zero: they follow the data, in the descriptor.
  header.writeUInt16LE(name.length, 26)
  out.push(header, name)

  const sha256 = createHash('sha256')
  let crc = 0
  let size = 0
  let compressedSize = 0
  for await (const { piece, last } of entryPieces(file)) {
    sha256.update(piece)
    crc = crc32(piece, crc)
    size += piece.length
    const options = last ? LAST_PIECE : MIDDLE_PIECE
    const deflated = piece.length <= DEFLATE_IN_PLACE_BYTES ? deflateRawSync(piece, options) : await deflateOnPool(piece, options)
    compressedSize += deflated.length
    out.push(deflated)
    out.drain()
  }
  if (compressedSize > ZIP32_LIMIT || size > ZIP32_LIMIT) throw new ZipInputError(`${file.path} is too large for a zip without ZIP64`)

  const descriptor = Buffer.alloc(16)
  descriptor.writeUInt32LE(0x08074b50, 0)
  descriptor.writeUInt32LE(crc, 4)
  descriptor.writeUInt32LE(compressedSize, 8)
  descriptor.writeUInt32LE(size, 12)
  out.push(descriptor)
  return { name, flags, crc, compressedSize, size, offset, mode: file.mode === 0o755 ? 0o755 : 0o644, sha256: sha256.digest('hex') }
}

/**
 * The listed bytes of a file, in pieces of `PIECE_BYTES` (the last one shorter). Exactly the
 * listed size is read: a file that shrank fails, and so does a small one that grew (a large one
 * is zipped as far as it was listed, and hashed as zipped). A piece is only valid until the next
 * is asked for (one buffer is reused).
 */
async function* entryPieces(file: ListedFile): AsyncGenerator<{ piece: Buffer; last: boolean }> {
  if (file.content !== undefined) {
    yield { piece: Buffer.from(file.content, 'utf8'), last: true }
    return
  }
  if (file.size <= PIECE_BYTES) {
    // One byte more than listed, to notice a file that grew.
    const read = readListed(file, () => readHead(file.absolutePath, file.size + 1))
    if (read.length !== file.size) throw changedSize(file, read.length)
    yield { piece: read, last: true }
    return
  }
  const handle = await readListed(file, () => open(file.absolutePath, 'r'))
  try {
    const buffer = Buffer.allocUnsafe(PIECE_BYTES)
    for (let position = 0; position < file.size;) {
      const length = Math.min(PIECE_BYTES, file.size - position)
      await readFully(handle, buffer, length, position, file)
      position += length
      yield { piece: buffer.subarray(0, length), last: position === file.size }
    }
  } finally {
    await handle.close()
  }
}

async function readFully(handle: FileHandle, buffer: Buffer, length: number, position: number, file: ListedFile): Promise<void> {
  for (let filled = 0; filled < length;) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled)
    if (bytesRead === 0) throw changedSize(file, position + filled)
    filled += bytesRead
  }
}

/** Opening or reading a listed file, with a failure that names it and says what to check. */
function readListed<T>(file: ListedFile, read: () => T): T {
  try {
    return read()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new ZipInputError(`${file.path} cannot be read (${code}): check that it still exists and is readable, then run again`)
  }
}

function changedSize(file: ListedFile, read: number): ZipInputError {
  return new ZipInputError(
    `${file.path} changed while it was being packaged (${file.size} bytes listed, ${read === file.size + 1 ? 'more' : read} read); run again`
  )
}

function writeCentralDirectory(out: ZipOutput, entries: WrittenEntry[]): void {
  const start = out.size
  for (const entry of entries) {
    const record = Buffer.alloc(46)
    record.writeUInt32LE(0x02014b50, 0)
    record.writeUInt16LE(VERSION_MADE_BY, 4)
    record.writeUInt16LE(VERSION_NEEDED, 6)
    record.writeUInt16LE(entry.flags, 8)
    record.writeUInt16LE(METHOD_DEFLATE, 10)
    record.writeUInt16LE(DOS_TIME, 12)
    record.writeUInt16LE(DOS_DATE, 14)
    record.writeUInt32LE(entry.crc, 16)
    record.writeUInt32LE(entry.compressedSize, 20)
    record.writeUInt32LE(entry.size, 24)
    record.writeUInt16LE(entry.name.length, 28)
    // Extra field and comment lengths, disk number and internal attributes (30-37) stay zero.
    record.writeUInt32LE(((0o100000 | entry.mode) << 16) >>> 0, 38) // regular file, mode
    record.writeUInt32LE(entry.offset, 42)
    out.push(record, entry.name)
  }
  const directorySize = out.size - start
  if (out.size > ZIP32_LIMIT) throw new ZipInputError('The zip would be over 4 GiB, which needs ZIP64')
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directorySize, 12)
  end.writeUInt32LE(start, 16)
  out.push(end)
}

/**
 * The zip's bytes on their way to the file: counted, hashed, and written about a megabyte at a
 * time, so a small skill's zip is one write. Writes are synchronous: a thread-pool trip per write
 * costs more than the write into the page cache, and on a 2-core runner the wake-ups of the pool's
 * threads take turns with the main thread.
 */
class ZipOutput {
  private readonly sha256 = createHash('sha256')
  private readonly sha1 = createHash('sha1')
  private pending: Buffer[] = []
  private pendingBytes = 0
  size = 0

  constructor(private readonly fd: number) {}

  push(...chunks: Buffer[]): void {
    for (const chunk of chunks) {
      this.sha256.update(chunk)
      this.sha1.update(chunk)
      this.pending.push(chunk)
      this.pendingBytes += chunk.length
      this.size += chunk.length
    }
  }

  /** Writes what is gathered once it is worth a write. */
  drain(): void {
    if (this.pendingBytes >= WRITE_BYTES) this.flush()
  }

  finish(): ZipDigest {
    this.flush()
    return { size: this.size, sha256: this.sha256.digest('hex'), sha1: this.sha1.digest('hex') }
  }

  private flush(): void {
    let chunks = this.pending
    this.pending = []
    this.pendingBytes = 0
    while (chunks.length > 0) {
      const bytesWritten = writevSync(this.fd, chunks)
      // A short write (rare for files) leaves the rest for another round.
      let left = bytesWritten
      let first = 0
      while (first < chunks.length && left >= chunks[first].length) left -= chunks[first++].length
      chunks = chunks.slice(first)
      if (left > 0) chunks[0] = chunks[0].subarray(left)
    }
  }
}

function ignoreError(action: () => void): void {
  try {
    action()
  } catch {
    // Cleaning up after an earlier error, which is the one to report.
  }
}
