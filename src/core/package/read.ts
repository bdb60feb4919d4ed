// Reading the files of a skill.
//
// Small files are read with synchronous calls. A skill is mostly files of a few KB, fresh in the
// page cache of a CI checkout, and for those one synchronous open/read/close costs about a fifth
// of the promise-based equivalent (7,000 files: 0.1 s against 0.5 s on a 2-core runner; see the
// README's benchmark), while the wait it imposes on the event loop is microseconds. Larger files
// are read asynchronously, a piece at a time (zip.ts), so a big skill never blocks the loop for long.

import { closeSync, openSync, readSync } from 'node:fs'

/** Files up to this size are read in one synchronous call instead of piece by piece. */
export const SMALL_FILE_BYTES = 1024 * 1024

/**
 * Up to `length` bytes from the start of a file (fewer when it is shorter), in one buffer of
 * exactly that many bytes: sized from the caller's listing, never a fixed megabyte per file.
 */
export function readHead(path: string, length: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(length)
    let filled = 0
    while (filled < length) {
      const bytesRead = readSync(fd, buffer, filled, length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return buffer.subarray(0, filled)
  } finally {
    closeSync(fd)
  }
}
