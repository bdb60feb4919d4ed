/**
 * Run `work` over `items` with at most `limit` at once, keeping the input order in the output.
 * `shouldStop` is asked before each new item starts (fail-fast); items never started get
 * `skipped(item)` instead, so every item has a result and none is silently lost.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  options: { shouldStop?: () => boolean; skipped?: (item: T) => R } = {}
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      const item = items[index]
      results[index] = options.shouldStop?.() && options.skipped ? options.skipped(item) : await work(item, index)
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)
  await Promise.all(workers)
  return results
}
