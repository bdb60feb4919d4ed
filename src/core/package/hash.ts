import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

/**
 * Files up to this size are read in one call instead of streamed: most skill files are a few KB,
 * and a read stream per file costs more (objects, events, syscalls) than the bytes themselves.
 */
export const SMALL_FILE_BYTES = 1024 * 1024

/** Larger files are hashed through one buffer of this size, reused from read to read. */
const HASH_CHUNK_BYTES = 64 * 1024

/**
 * The whole file when it holds at most `listedSize` bytes (itself at most `SMALL_FILE_BYTES`), else
 * undefined: the file grew since it was listed, so the caller streams it. The buffer is sized from
 * the listing, never a fixed megabyte per file. One open, one or two reads, one close.
 */
export async function readSmallFile(path: string, listedSize: number): Promise<Buffer | undefined> {
  const limit = Math.min(listedSize, SMALL_FILE_BYTES)
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(limit + 1)
    let filled = 0
    while (filled <= limit) {
      const { bytesRead } = await handle.read(buffer, filled, limit + 1 - filled, filled)
      if (bytesRead === 0) return buffer.subarray(0, filled)
      filled += bytesRead
    }
    return undefined
  } finally {
    await handle.close()
  }
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * Lowercase hex SHA-256 of a file. A file listed as small (`listedSize`) is read in one call;
 * anything larger is read through one reused buffer, so hashing a large file holds 64 KB and
 * leaves no garbage behind (a read stream allocates a fresh chunk per read, and those chunks pile
 * up as external memory until V8 next collects: tens of MB for a large skill).
 */
export async function sha256File(path: string, listedSize?: number): Promise<{ sha256: string; size: number }> {
  if (listedSize !== undefined && listedSize <= SMALL_FILE_BYTES) {
    const bytes = await readSmallFile(path, listedSize)
    if (bytes) return { sha256: sha256Bytes(bytes), size: bytes.length }
  }
  const hash = createHash('sha256')
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES)
    let size = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, size)
      if (bytesRead === 0) return { sha256: hash.digest('hex'), size }
      hash.update(buffer.subarray(0, bytesRead))
      size += bytesRead
    }
  } finally {
    await handle.close()
  }
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** The first `length` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const buffer = new Uint8Array(length)
    const { bytesRead } = await handle.read(buffer, 0, length, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
