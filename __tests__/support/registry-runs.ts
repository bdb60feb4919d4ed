// Shared pieces of the end-to-end tests that run the bundled faces against the loopback
// registries: fast polling inputs, result parsing, upload counting, a port nothing listens on,
// and a scan of everything a run leaves on disk for a secret.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import type { ActionRun } from './runner.js'
import type { RecordedRequest, TestServer } from '../servers/index.js'
import { createRepo, skillMd, type TestRepo } from './repo.js'

/** Waits kept short so the suite stays quick; a verdict still takes several polls. */
export const FAST = { 'poll-interval': '0.05', 'max-wait': '2', 'request-timeout': '2', retries: '1' } as const

/** The same settings as CLI flags. */
export const FAST_FLAGS = Object.entries(FAST).flatMap(([name, value]) => [`--${name}`, value])

export interface ResultJson {
  name: string
  path: string
  version?: string
  versionSource?: string
  registry?: string
  status: string
  storedAs?: string
  jobId?: string
  url?: string
  sha256?: string
  fingerprint?: string
  scan?: string
  messages: string[]
  error?: string
  diagnostics: { ruleId: string; severity: string; message: string; file: string; line: number; column: number }[]
}

export function actionResults(run: ActionRun): ResultJson[] {
  return JSON.parse(run.outputs.results ?? '[]') as ResultJson[]
}

export function resultOf(results: ResultJson[], name: string): ResultJson {
  const found = results.find((result) => result.name === name)
  if (!found) throw new Error(`no result for ${name} in ${JSON.stringify(results.map((r) => r.name))}`)
  return found
}

export function listOutput(run: ActionRun, name: 'published' | 'failed' | 'changed'): string[] {
  return JSON.parse(run.outputs[name] ?? '[]') as string[]
}

/** The CLI's `--json` document. */
export interface CliJson {
  results: ResultJson[]
  changes?: { changed: string[] }
}

export function cliJson(stdout: string): CliJson {
  try {
    return JSON.parse(stdout) as CliJson
  } catch {
    throw new Error(`the CLI printed no JSON document:\n${stdout}`)
  }
}

/** Requests that carry a package: FastSkill and ClawHub multipart POSTs, Artifactory deploys. */
export function uploads(server: TestServer): RecordedRequest[] {
  return server.requests.filter(
    (req) =>
      (req.method === 'POST' && /\/publish$|\/api\/v1\/skills$/.test(req.path)) || (req.method === 'PUT' && req.path.endsWith('.zip'))
  )
}

/** A loopback port that was just listening and is now closed: connection refused. */
export async function closedPort(): Promise<string> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** Every file under a folder, as bytes (empty when the folder does not exist). */
export function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? filesUnder(file) : [{ file, bytes: readFileSync(file) }]
  })
}

/** What the run wrote, without the `::add-mask::` commands, whose whole point is to carry the secret to the runner. */
export function writtenWithoutMaskCommands(run: ActionRun): string {
  return run.written
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

export function maskedValues(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length))
}

/** A Node stack frame, as an unhandled error would print it. */
export const STACK_TRACE = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m

/** A repository with one or more small valid skills under skills/, committed. */
export function createSkillsRepo(skills: Record<string, string>): TestRepo {
  const files: Record<string, string> = {}
  for (const [name, version] of Object.entries(skills)) {
    files[`skills/${name}/SKILL.md`] = skillMd(name, { metadata: `\n  version: "${version}"` })
    files[`skills/${name}/references/guide.md`] = `# ${name}\n\nHow to use ${name}.\n`
  }
  const repo = createRepo(files)
  repo.commit('skills')
  return repo
}
