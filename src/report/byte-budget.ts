// A document assembled from whole pieces under a byte limit. Pieces are only ever added
// whole, so a cut never falls inside a multi-byte character or an HTML tag.

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

export class ByteBudget {
  private readonly parts: string[] = []
  private used = 0

  constructor(private readonly limit: number) {}

  fits(...pieces: string[]): boolean {
    return this.used + pieces.reduce((sum, piece) => sum + utf8Bytes(piece), 0) <= this.limit
  }

  /** Adds the piece when it fits; says whether it did. */
  tryAdd(piece: string): boolean {
    if (!this.fits(piece)) return false
    this.parts.push(piece)
    this.used += utf8Bytes(piece)
    return true
  }

  /** Adds a piece whose room the caller reserved earlier (a closing tag). */
  addReserved(piece: string): void {
    this.parts.push(piece)
    this.used += utf8Bytes(piece)
  }

  toString(): string {
    return this.parts.join('')
  }
}

/** The longest prefix of whole lines within `maxBytes`: the last resort for absurdly small limits. */
export function wholeLinesWithin(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text
  const bytes = Buffer.from(text, 'utf8').subarray(0, Math.max(0, maxBytes))
  // `\n` is one byte that never occurs inside a multi-byte sequence, so cutting after it is safe.
  const lastNewline = bytes.lastIndexOf(0x0a)
  return lastNewline < 0 ? '' : bytes.subarray(0, lastNewline + 1).toString('utf8')
}
