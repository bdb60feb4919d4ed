// Packaging across the machine's cores. Building a package is CPU work (deflate, hashing) for the
// main thread's only core, while validation and uploads want that core too: with many skills to
// package, the jobs go to a few worker threads, each running the same `buildPackage`
// (worker.ts). Same inputs, same bytes, whichever thread builds them.
//
// The threads run the bundled dist/package-worker.js beside the bundle's code. Where there is no
// such file (the TypeScript sources under test) or too few skills to repay starting a thread,
// packages are built in the calling thread, which gives the same results.

import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { SkillPackage } from '../types.js'
import { buildPackage, type BuildOptions, type SkillToPackage } from './build.js'

/** What a build may be given: no callbacks, which cannot cross threads (so no `onSkipped`). */
type PackagingOptions = Omit<BuildOptions, 'onSkipped'>

export interface Packager {
  build(skill: SkillToPackage, options: PackagingOptions): Promise<SkillPackage>
  /** Builds worth running at once: enough to keep every packaging thread (or core) busy. */
  readonly capacity: number
  /** Ends the threads; call once every build has settled. */
  close(): Promise<void>
}

/** What a worker thread is sent, and what it answers: the answer names its job. */
export interface PackagingJob {
  id: number
  skill: SkillToPackage
  options: PackagingOptions
}

export type PackagingAnswer = { id: number } & ({ pkg: SkillPackage } | { error: { name: string; message: string } })

const WORKER_FILE = 'package-worker.js'

/**
 * A thread is worth starting for about this many skills: starting one (loading the worker bundle,
 * warming its code) costs about what packaging 50 to 100 typical skills in place does, so 100
 * skills were as fast in one thread as in two (see the README's benchmark).
 */
export const SKILLS_PER_THREAD = 100

/** A packager for `skills` packages: threads when that helps and the worker file is there. */
export function createPackager(skills: number, workerFile: URL | undefined = bundledWorker()): Packager {
  const threads = Math.min(availableParallelism(), Math.floor(skills / SKILLS_PER_THREAD))
  // In this thread, builds overlap their file reads with each other's deflating.
  if (threads < 2 || !workerFile)
    return { build: buildPackage, capacity: Math.max(2, availableParallelism()), close: async () => undefined }
  return new ThreadPackager(workerFile, threads)
}

function bundledWorker(): URL | undefined {
  const file = siblingOfThisModule(WORKER_FILE)
  return existsSync(file) ? file : undefined
}

// A function, not `new URL('./x', import.meta.url)` inline: the bundler would treat that
// literal form as an asset to copy, and the worker is a bundle of its own.
function siblingOfThisModule(name: string): URL {
  return new URL(name, import.meta.url)
}

/**
 * Jobs a thread holds at once: the one it builds and the next, so that it starts the next as soon
 * as it answers, without waiting for the main thread to wake up and send one (on a 2-core runner,
 * with both cores building, that wait was about a third of a millisecond a skill).
 */
const JOBS_PER_THREAD = 2

interface PendingJob {
  job: PackagingJob
  resolve: (pkg: SkillPackage) => void
  reject: (error: Error) => void
}

class ThreadPackager implements Packager {
  /** Each thread's jobs sent and not yet answered, by job id. */
  private readonly workers = new Map<Worker, Map<number, PendingJob>>()
  private readonly queue: PendingJob[] = []
  private nextId = 0
  readonly capacity: number

  constructor(
    private readonly workerFile: URL,
    private readonly threads: number
  ) {
    this.capacity = threads * JOBS_PER_THREAD
    // Started now, so that they load while the caller gets its first jobs ready.
    for (let i = 0; i < threads; i++) this.startWorker()
  }

  build(skill: SkillToPackage, options: PackagingOptions): Promise<SkillPackage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, skill, options }, resolve, reject })
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    const workers = [...this.workers.keys()]
    this.workers.clear()
    await Promise.all(workers.map((worker) => worker.terminate()))
  }

  private dispatch(): void {
    // A thread that died is replaced once there is work for it: each one started takes jobs, so
    // a thread that cannot even start fails the jobs it was given instead of restarting forever.
    while (this.queue.length > 0 && this.workers.size < this.threads) this.startWorker()
    for (let depth = 1; depth <= JOBS_PER_THREAD; depth++) {
      // Round by round, so that every thread has one job before any has two.
      for (const [worker, jobs] of this.workers) {
        const pending = this.queue.length > 0 && jobs.size < depth ? this.queue.shift() : undefined
        if (!pending) continue
        jobs.set(pending.job.id, pending)
        worker.postMessage(pending.job)
      }
    }
  }

  private startWorker(): void {
    const worker = new Worker(this.workerFile)
    worker.unref() // never what keeps the process alive
    const jobs = new Map<number, PendingJob>()
    this.workers.set(worker, jobs)
    worker.on('message', (answer: PackagingAnswer) => {
      const pending = jobs.get(answer.id)
      jobs.delete(answer.id)
      if (pending) {
        if ('pkg' in answer) pending.resolve(answer.pkg)
        else pending.reject(Object.assign(new Error(answer.error.message), { name: answer.error.name }))
      }
      this.dispatch()
    })
    // A thread that dies takes only its own jobs with it; the next jobs get a new thread.
    let failure: Error | undefined
    worker.once('error', (error) => (failure = error))
    worker.once('exit', (code) => this.forget(worker, failure ?? new Error(`it exited with code ${code}`)))
  }

  private forget(worker: Worker, cause: Error): void {
    const jobs = this.workers.get(worker)
    if (!jobs) return // closed
    this.workers.delete(worker)
    const failure = `The packaging thread stopped: ${cause.message}. The skill was not packaged; run again, and report it if it keeps happening.`
    for (const pending of jobs.values()) pending.reject(new Error(failure))
    this.dispatch()
  }
}
