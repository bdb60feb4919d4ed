import { spawnSync } from 'node:child_process'
import { readdir, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { LockTimeoutError, withFolderLock } from '../../src/registries/folder-lock.js'
import { removeTempDirs, tempDir } from '../package/fixtures.js'

afterAll(removeTempDirs)

const OPTIONS = { timeoutMs: 60_000, staleMs: 30_000 }

/** Many writers at once, each holding the lock across an await: at most one may be inside. */
async function mostAtOnce(lock: string, writers: number): Promise<number> {
  let inside = 0
  let most = 0
  await Promise.all(
    Array.from({ length: writers }, () =>
      withFolderLock(
        lock,
        async () => {
          most = Math.max(most, ++inside)
          await new Promise((resolve) => setTimeout(resolve, 2))
          inside--
        },
        OPTIONS
      )
    )
  )
  return most
}

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!
}

test('one holder at a time, and the lock file is gone afterwards', async () => {
  const dir = tempDir()
  expect(await mostAtOnce(join(dir, '.lock'), 20)).toBe(1)
  expect(await readdir(dir)).toEqual([])
})

test("waiters that all find a dead holder's lock break it once: still one holder at a time", async () => {
  const dir = tempDir()
  const lock = join(dir, '.lock')
  await writeFile(lock, JSON.stringify({ token: 'dead', pid: deadPid(), host: hostname(), since: 'then' }))
  expect(await mostAtOnce(lock, 20)).toBe(1)
  expect(await readdir(dir)).toEqual([])
})

test('a live holder is waited for, then named when the wait runs out; its lock is left alone', async () => {
  const dir = tempDir()
  const lock = join(dir, '.lock')
  await writeFile(lock, JSON.stringify({ token: 'live', pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00Z' }))
  const waits: number[] = []
  const attempt = withFolderLock(lock, async () => 'ran', {
    timeoutMs: 0,
    staleMs: 30_000,
    sleep: async (ms) => void waits.push(ms)
  })
  await expect(attempt).rejects.toThrow(LockTimeoutError)
  await expect(attempt).rejects.toThrow(`held by process ${process.pid} on ${hostname()}, since 2026-01-01T00:00:00Z`)
  expect(await readdir(dir)).toEqual(['.lock'])
})

test('a lock from another host is stale only once nobody has touched it for staleMs', async () => {
  const dir = tempDir()
  const lock = join(dir, '.lock')
  await writeFile(lock, JSON.stringify({ token: 'far', pid: 1, host: 'elsewhere', since: 'then' }))
  const quick = { timeoutMs: 0, staleMs: 60_000, sleep: async () => undefined }
  await expect(withFolderLock(lock, async () => 'ran', quick)).rejects.toThrow(/held by process 1 on elsewhere/)
  const old = new Date(Date.now() - 120_000)
  await utimes(lock, old, old)
  expect(await withFolderLock(lock, async () => 'ran', quick)).toBe('ran')
})
