// One writer at a time in a registry folder, across processes: a lock file created with O_EXCL.
//
// Stale-lock rule: a lock is stale when its holder is a process of this host that no longer runs
// (killed, crashed), or when nobody has touched it for `staleMs` (a holder elsewhere on a shared
// folder that died). A live holder touches its lock every `staleMs / 4`, so it never looks stale.
// Breaking a stale lock happens under a second, short-lived lock (`<lock>.break`) and only after
// reading the lock again, so two waiters that both saw it stale cannot both remove it (one of
// them would otherwise remove the fresh lock the other had just taken).

import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises'

export interface LockOptions {
  /** Give up waiting after this long. */
  timeoutMs: number
  /** A lock untouched for this long is stale. */
  staleMs: number
  /** Waiting (tests shorten it). */
  sleep?: (ms: number) => Promise<void>
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = { timeoutMs: 120_000, staleMs: 30_000 }

interface Holder {
  token: string
  pid: number
  host: string
  since: string
}

/** Thrown when the lock stays held by a live writer for longer than `timeoutMs`. */
export class LockTimeoutError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: Holder | undefined
  ) {
    const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'another writer'
    super(`${lockFile} is held by ${who}. Another publish into this folder is still running; if none is, delete that file and run again.`)
    this.name = 'LockTimeoutError'
  }
}

/** Run `work` while holding the lock file `lockFile`; the lock is released however `work` ends. */
export async function withFolderLock<T>(lockFile: string, work: () => Promise<T>, options: LockOptions = DEFAULT_LOCK_OPTIONS): Promise<T> {
  const token = await acquire(lockFile, options)
  const heartbeat = setInterval(() => {
    const now = new Date()
    utimes(lockFile, now, now).catch(() => undefined)
  }, options.staleMs / 4)
  heartbeat.unref()
  try {
    return await work()
  } finally {
    clearInterval(heartbeat)
    // Remove only our own lock: after a long stall someone may have judged it stale and taken it.
    if ((await readHolder(lockFile))?.token === token) await unlink(lockFile).catch(() => undefined)
  }
}

async function acquire(lockFile: string, options: LockOptions): Promise<string> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const token = randomBytes(12).toString('hex')
  const started = Date.now()
  let pause = 10
  for (;;) {
    if (await tryCreate(lockFile, token)) return token
    const holder = await readHolder(lockFile)
    if (await isStale(lockFile, holder, options.staleMs)) {
      await breakStale(lockFile, holder, options.staleMs)
      continue
    }
    if (Date.now() - started > options.timeoutMs) throw new LockTimeoutError(lockFile, holder)
    await sleep(pause + Math.floor(Math.random() * pause))
    pause = Math.min(pause * 2, 200)
  }
}

async function tryCreate(lockFile: string, token: string): Promise<boolean> {
  const holder: Holder = { token, pid: process.pid, host: hostname(), since: new Date().toISOString() }
  try {
    await writeFile(lockFile, `${JSON.stringify(holder)}\n`, { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/** Under the break lock: remove the lock only if it is still the stale one we looked at. */
async function breakStale(lockFile: string, seen: Holder | undefined, staleMs: number): Promise<void> {
  const breaker = `${lockFile}.break`
  if (!(await tryCreate(breaker, randomBytes(12).toString('hex')))) {
    // Held for a few milliseconds by a live breaker; a dead one left it behind.
    if (await isStale(breaker, await readHolder(breaker), staleMs)) await unlink(breaker).catch(() => undefined)
    return
  }
  try {
    const now = await readHolder(lockFile)
    if (now?.token === seen?.token && (await isStale(lockFile, now, staleMs))) await unlink(lockFile).catch(() => undefined)
  } finally {
    await unlink(breaker).catch(() => undefined)
  }
}

async function isStale(file: string, holder: Holder | undefined, staleMs: number): Promise<boolean> {
  if (holder && holder.host === hostname() && !isRunning(holder.pid)) return true
  const info = await stat(file).catch(() => undefined)
  if (!info) return false // gone: the next attempt takes it
  return Date.now() - info.mtimeMs > staleMs
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Holder>
    if (typeof parsed.token !== 'string' || typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined
    return { token: parsed.token, pid: parsed.pid, host: parsed.host, since: String(parsed.since) }
  } catch {
    return undefined // missing, or half-written by a holder that is creating it right now
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // alive, owned by another user
  }
}
