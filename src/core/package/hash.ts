import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'

/**
 * Files up to this size are read in one call instead of streamed: most skill files are a few KB,
 * and a read stream per file costs more (objects, events, syscalls) than the bytes themselves.
 */
export const SMALL_FILE_BYTES = 1024 * 1024

/**
 * The whole file when it holds at most `limit` bytes, else undefined (read no further: the caller
 * streams it). One open, one or two reads, one close.
 */
export async function readSmallFile(path: string, limit: number = SMALL_FILE_BYTES): Promise<Buffer | undefined> {
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
 * anything larger is streamed, so a skill's large files are never held in memory whole.
 */
export async function sha256File(path: string, listedSize?: number): Promise<{ sha256: string; size: number }> {
  if (listedSize !== undefined && listedSize <= SMALL_FILE_BYTES) {
    const bytes = await readSmallFile(path)
    if (bytes) return { sha256: sha256Bytes(bytes), size: bytes.length }
  }
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), size }
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
