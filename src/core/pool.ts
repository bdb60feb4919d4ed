export interface StopOptions<T, R> {
  /** Asked before each item is handed to `work` (fail-fast). */
  shouldStop?: () => boolean
  /** The result of an item never handed to `work` once `shouldStop` said so. */
  skipped?: (item: T) => R
}

/**
 * Run `work` over `items` with at most `limit` at once, keeping the input order in the output.
 * `shouldStop` is asked before each new item starts (fail-fast); items never started get
 * `skipped(item)` instead, so every item has a result and none is silently lost.
 */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  options: StopOptions<T, R> = {}
): Promise<R[]> {
  return mapInTwoStages(items, limit, { prepare: async (item) => item, work, ahead: 0 }, options)
}

export interface TwoStages<T, P, R> {
  /** The first stage (e.g. packaging, CPU), started up to `ahead` items before a worker is free for them. */
  prepare: (item: T, index: number) => Promise<P>
  /** The second stage (e.g. uploading, waiting on the network), at most `limit` at once. */
  work: (prepared: P, index: number) => Promise<R>
  ahead: number
  /** Told about each prepared item that `work` never got because `shouldStop` said so (e.g. to delete its file). */
  discard?: (prepared: P) => Promise<void>
}

/**
 * `mapWithConcurrency` with a first stage that runs ahead: while `limit` items are in `work`,
 * the next `ahead` items are already being prepared, so the two overlap. Nothing new is prepared
 * once `shouldStop` says so, and every preparation started has settled when this returns.
 */
export async function mapInTwoStages<T, P, R>(
  items: readonly T[],
  limit: number,
  stages: TwoStages<T, P, R>,
  options: StopOptions<T, R> = {}
): Promise<R[]> {
  const results = new Array<R>(items.length)
  const prepared: Promise<P>[] = []
  const stopped = (): boolean => options.skipped !== undefined && options.shouldStop?.() === true
  const prepareUpTo = (end: number): void => {
    while (prepared.length < Math.min(end, items.length) && !stopped()) {
      const preparation = stages.prepare(items[prepared.length], prepared.length)
      // Awaited when its turn comes; until then a rejection must not count as unhandled.
      preparation.catch(() => undefined)
      prepared.push(preparation)
    }
  }
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      prepareUpTo(index + 1 + stages.ahead)
      if (!stopped()) {
        results[index] = await stages.work(await prepared[index], index)
        continue
      }
      results[index] = (options.skipped as (item: T) => R)(items[index])
      if (index < prepared.length)
        await prepared[index].then(
          (value) => stages.discard?.(value),
          () => undefined
        )
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)
  await Promise.all(workers)
  return results
}
