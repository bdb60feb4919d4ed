// A status line redrawn in place on a terminal (never in a CI log, where each redraw would be a
// line of its own). Log lines are written above it: the line is cleared, the message written,
// and the line drawn again.

import type { CliIo } from './main.js'

export interface LiveLine {
  /** Replace the status line ('' clears it). */
  update(line: string): void
  /** Write whole lines above the status line. */
  print(text: string): void
}

const CLEAR = '\r\u001b[K'

export function liveLine(io: Pick<CliIo, 'stderr'>, columns = 100): LiveLine {
  let current = ''
  const draw = (): void => io.stderr(current === '' ? CLEAR : `${CLEAR}${current}`)
  return {
    update(line) {
      // One terminal row: a wrapped line could not be redrawn in place.
      const next = line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line
      if (next === current) return
      current = next
      draw()
    },
    print(text) {
      io.stderr(current === '' ? text : `${CLEAR}${text}`)
      if (current !== '') draw()
    }
  }
}
