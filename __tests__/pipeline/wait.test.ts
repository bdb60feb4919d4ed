import { waitForVerdict } from '../../src/core/wait.js'
import { mapWithConcurrency } from '../../src/core/pool.js'
import type { RemoteState } from '../../src/registries/registry.js'

/** A fake clock: sleeping advances time instantly, and every sleep is recorded. */
function fakeClock() {
  let now = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    }
  }
}

const pending = (extra: Partial<RemoteState> = {}): RemoteState => ({ verdict: 'pending', messages: [], ...extra })

describe('waitForVerdict', () => {
  it('polls until a final verdict, backing off between looks', async () => {
    const clock = fakeClock()
    const states: RemoteState[] = [pending(), pending(), { verdict: 'accepted', messages: ['ok'] }]
    const outcome = await waitForVerdict(pending(), async () => states.shift() as RemoteState, {
      maxWaitMs: 60_000,
      pollIntervalMs: 1000,
      ...clock
    })
    expect(outcome).toMatchObject({ timedOut: false, polls: 3, state: { verdict: 'accepted' } })
    expect(clock.sleeps).toEqual([1000, 1500, 2250])
  })

  it('honours Retry-After when it asks for longer than the interval', async () => {
    const clock = fakeClock()
    const states: RemoteState[] = [{ verdict: 'approved', messages: [] }]
    await waitForVerdict(pending({ retryAfterMs: 7000 }), async () => states.shift() as RemoteState, {
      maxWaitMs: 60_000,
      pollIntervalMs: 1000,
      ...clock
    })
    expect(clock.sleeps).toEqual([7000])
  })

  it('reports a timeout, never a pass, when the deadline passes while pending', async () => {
    const clock = fakeClock()
    const outcome = await waitForVerdict(pending(), async () => pending({ scan: 'SCAN_IN_PROGRESS' }), {
      maxWaitMs: 10_000,
      pollIntervalMs: 2000,
      ...clock
    })
    expect(outcome.timedOut).toBe(true)
    expect(outcome.state.verdict).toBe('pending')
    expect(clock.now()).toBe(10_000)
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(10_000)
  })

  it('does not sleep at all when the first state is final', async () => {
    const clock = fakeClock()
    const outcome = await waitForVerdict({ verdict: 'published', messages: [] }, async () => pending(), {
      maxWaitMs: 1000,
      pollIntervalMs: 10,
      ...clock
    })
    expect(outcome).toMatchObject({ timedOut: false, polls: 0 })
    expect(clock.sleeps).toEqual([])
  })
})

describe('mapWithConcurrency', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0
    let peak = 0
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (delay) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((resolve) => setTimeout(resolve, delay * 3))
      running--
      return delay * 10
    })
    expect(results).toEqual([50, 10, 40, 20, 30, 0])
    expect(peak).toBe(2)
  })

  it('gives items it never started the skipped result once told to stop', async () => {
    let stop = false
    const results = await mapWithConcurrency(
      ['a', 'b', 'c'],
      1,
      async (item) => {
        stop = true
        return `did ${item}`
      },
      { shouldStop: () => stop, skipped: (item) => `skipped ${item}` }
    )
    expect(results).toEqual(['did a', 'skipped b', 'skipped c'])
  })
})
