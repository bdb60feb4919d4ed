// Core knows no registry: it waits on anything that says whether it is still pending and how long
// to wait before the next look, and hands back the same kind of answer it was given.

/** What waiting needs of an answer: is it final yet, and did the other side ask us to wait. */
export interface Pollable {
  verdict: string
  retryAfterMs?: number
}

export interface WaitOptions {
  maxWaitMs: number
  pollIntervalMs: number
  /** The interval grows by this factor after each look, up to `maxIntervalMs`. */
  backoff?: number
  maxIntervalMs?: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

export interface WaitOutcome<State extends Pollable = Pollable> {
  state: State
  /** The deadline passed while the verdict was still pending. */
  timedOut: boolean
  polls: number
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Look at a publication until its verdict is final or the deadline passes. The registry's own
 * Retry-After beats our interval; we never sleep past the deadline, and we look once more at it
 * so that a verdict that lands during the last sleep is not reported as a timeout.
 */
export async function waitForVerdict<State extends Pollable>(
  first: State,
  look: () => Promise<State>,
  options: WaitOptions
): Promise<WaitOutcome<State>> {
  const sleep = options.sleep ?? sleepFor
  const now = options.now ?? Date.now
  const backoff = options.backoff ?? 1.5
  const maxInterval = options.maxIntervalMs ?? 30_000
  const deadline = now() + options.maxWaitMs
  let state = first
  let interval = options.pollIntervalMs
  let polls = 0
  while (state.verdict === 'pending') {
    const remaining = deadline - now()
    if (remaining <= 0) return { state, timedOut: true, polls }
    await sleep(Math.min(Math.max(state.retryAfterMs ?? 0, interval), remaining))
    state = await look()
    polls++
    interval = Math.min(interval * backoff, maxInterval)
  }
  return { state, timedOut: false, polls }
}
