// A packaging thread: runs the same `buildPackage` as the main thread, one job at a time, and
// answers each job with its package or its error's message. Started by packager.ts from the
// bundle (dist/package-worker.js), never imported.
import { parentPort } from 'node:worker_threads'
import { buildPackage } from './build.js'
import type { PackagingJob, PackagingAnswer } from './packager.js'

const port = parentPort
if (!port) throw new Error('package-worker.js runs as a worker thread of skillpub, not on its own.')

port.on('message', async ({ id, skill, options }: PackagingJob) => {
  let answer: PackagingAnswer
  try {
    answer = { id, pkg: await buildPackage(skill, options) }
  } catch (error) {
    answer = {
      id,
      error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) }
    }
  }
  port.postMessage(answer)
})
