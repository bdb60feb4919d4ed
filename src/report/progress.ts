// What a long run says while it runs: each skill's verdict as it lands, with a count
// (`12/60 accepted: name 1.2.0`), a line now and then while skills are still pending (which ones,
// and for how long), and, on a terminal only, a live status line the face redraws in place.

import type { Logger, SkillResult } from '../core/types.js'
import { isFailing, statusText } from './verdict.js'

export interface ProgressOptions {
  logger: Logger
  total: number
  /** How often to say what is still pending, while something is. */
  heartbeatMs: number
  /** Redraws the live status line (a terminal); absent in CI logs, which get only whole lines. */
  live?: (line: string) => void
  now?: () => number
}

export interface Progress {
  started(name: string): void
  landed(result: SkillResult): void
  /** Stops the heartbeat and clears the live line. */
  close(): void
}

// Enough names to say what is slow; the rest are counted.
const NAMES_SHOWN = 5

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now
  const pending = new Map<string, number>()
  let done = 0
  let failing = 0

  const pendingText = (): string => {
    const at = now()
    const names = [...pending].slice(0, NAMES_SHOWN).map(([name, since]) => `${name} (${seconds(at - since)})`)
    const more = pending.size > NAMES_SHOWN ? `, and ${pending.size - NAMES_SHOWN} more` : ''
    return `${names.join(', ')}${more}`
  }
  const redraw = (): void => {
    if (!options.live) return
    const status = `${done}/${options.total} done${failing > 0 ? `, ${failing} failed` : ''}`
    options.live(pending.size > 0 ? `${status}; pending: ${pendingText()}` : status)
  }
  const heartbeat = setInterval(() => {
    if (pending.size === 0) return
    options.logger.info(`Still waiting on ${pending.size} of ${options.total} skills: ${pendingText()}.`)
  }, options.heartbeatMs)
  // A heartbeat must never be what keeps the process alive.
  heartbeat.unref()
  const ticker = options.live ? setInterval(redraw, 1000) : undefined
  ticker?.unref()

  return {
    started(name) {
      pending.set(name, now())
      redraw()
    },
    landed(result) {
      pending.delete(result.name)
      done++
      if (isFailing(result)) failing++
      const subject = result.version ? `${result.name} ${result.version}` : result.name
      options.logger.info(`${done}/${options.total} ${statusText(result)}: ${subject}`)
      redraw()
    },
    close() {
      clearInterval(heartbeat)
      if (ticker) clearInterval(ticker)
      options.live?.('')
    }
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`
}
