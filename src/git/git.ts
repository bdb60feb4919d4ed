// The one place git runs. Every command goes through execFile-style spawning (no shell), with
// prompts disabled, a timeout and a cap on output; every result that lists paths is read from
// `-z` output and returned parsed and typed, so no other module guesses at git's text.

import { spawn } from 'node:child_process'
import type { FileChange, FileChangeStatus } from '../core/changes.js'

export interface GitOptions {
  /** Kill git after this long (fetches get longer than local reads). */
  timeoutMs?: number
  /** Fail rather than buffer more than this many bytes of stdout. */
  maxOutputBytes?: number
}

export interface GitResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** git exited non-zero (or could not start, or ran too long): the command and git's own words. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string
  ) {
    super(`git ${args.join(' ')} failed (exit ${exitCode}): ${stderr.trim().split('\n').slice(-3).join(' ') || 'no output'}`)
    this.name = 'GitError'
  }
}

const DEFAULT_TIMEOUT_MS = 120_000
// Large enough for a name-status listing of every file in a very large monorepo.
const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024 * 1024
const MAX_STDERR_BYTES = 64 * 1024

/** Runs git and resolves with its exit code and output; rejects only when git cannot run or overruns. */
export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...args], {
      cwd,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      // No credential prompt can ever block a CI job; a missing credential is an error instead.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C' },
      timeout: timeoutMs,
      killSignal: 'SIGKILL'
    })
    const stdout: Buffer[] = []
    let stdoutBytes = 0
    let stderr = ''
    let overrun = false
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length
      if (stdoutBytes > maxOutputBytes) {
        overrun = true
        child.kill('SIGKILL')
        return
      }
      stdout.push(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString('utf8')
    })
    child.on('error', (error) => reject(new GitError(args, -1, `could not run git: ${error.message}`)))
    child.on('close', (code, signal) => {
      if (overrun) return reject(new GitError(args, -1, `output exceeded ${maxOutputBytes} bytes`))
      if (signal !== null) return reject(new GitError(args, -1, `killed by ${signal} (timeout ${timeoutMs} ms)`))
      resolve({ exitCode: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr })
    })
  })
}

/** Runs git and returns stdout, throwing GitError on a non-zero exit. */
export async function git(cwd: string, args: readonly string[], options?: GitOptions): Promise<string> {
  const result = await runGit(cwd, args, options)
  if (result.exitCode !== 0) throw new GitError(args, result.exitCode, result.stderr)
  return result.stdout
}

const STATUS_BY_LETTER: Record<string, FileChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
  U: 'unmerged'
}

/**
 * Parses `git diff --name-status -z`: records are `STATUS\0path\0`, or `R100\0old\0new\0` and
 * `C75\0old\0new\0` for renames and copies. Paths are taken byte for byte, whatever they contain.
 */
function truncatedRecord(code: string): Error {
  return new Error(
    `git diff --name-status ended inside a record (a ${code} change without its path), so skillpub cannot tell which skills changed. ` +
      'Re-run the job; if it happens again, set changed-only: false to handle every skill, and report it with the output of git --version.'
  )
}

export function parseNameStatusZ(output: string): FileChange[] {
  const fields = output.split('\0')
  const changes: FileChange[] = []
  let index = 0
  while (index < fields.length) {
    const code = fields[index++]
    if (code === '' || code === undefined) continue
    const status = STATUS_BY_LETTER[code[0] ?? ''] ?? 'unknown'
    if (status === 'renamed' || status === 'copied') {
      const previousPath = fields[index++]
      const path = fields[index++]
      if (previousPath === undefined || path === undefined) throw truncatedRecord(code)
      changes.push({ status, path, previousPath })
    } else {
      const path = fields[index++]
      if (path === undefined) throw truncatedRecord(code)
      changes.push({ status, path })
    }
  }
  return changes
}

/** Parses a NUL-separated list of paths (`git ls-files -z`). */
export function parsePathListZ(output: string): string[] {
  return output.split('\0').filter((path) => path !== '')
}

// Options that make `git diff` output depend on nothing in the user's or repository's config.
// Renames are off on purpose: a renamed file shows as a deletion plus an addition, which maps to
// exactly the same skills (new folder changed, old folder removed) without rename detection's cost
// on very large diffs or its dependence on `diff.renameLimit`.
const DIFF_OPTIONS = [
  '--name-status',
  '-z',
  '--no-renames',
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
  '--no-relative',
  '--ignore-submodules=none'
]

// Revisions always follow `--end-of-options` (git 2.24 and later): whatever they hold, git reads
// them as revisions, never as options.

/** Files changed between two commits. */
export async function diffCommits(cwd: string, base: string, head: string): Promise<FileChange[]> {
  return parseNameStatusZ(await git(cwd, ['diff', ...DIFF_OPTIONS, '--end-of-options', base, head, '--']))
}

/** Files changed between a commit and the working tree, untracked files included (local runs). */
export async function diffWorkingTree(cwd: string, base: string): Promise<FileChange[]> {
  // Two read-only listings, so they run at once.
  const [tracked, untracked] = await Promise.all([
    git(cwd, ['diff', ...DIFF_OPTIONS, '--end-of-options', base, '--']).then(parseNameStatusZ),
    git(cwd, ['ls-files', '-z', '--others', '--exclude-standard', '--full-name', ':/']).then(parsePathListZ)
  ])
  return [...tracked, ...untracked.map((path): FileChange => ({ status: 'added', path }))]
}

/** The full object id of a commit-ish, or undefined when it is not in the local repository. */
export async function resolveCommit(cwd: string, revision: string): Promise<string | undefined> {
  const result = await runGit(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])
  return result.exitCode === 0 ? result.stdout.trim() : undefined
}

/** The best common ancestor of two commits, or undefined when the local history holds none. */
export async function mergeBase(cwd: string, a: string, b: string): Promise<string | undefined> {
  const result = await runGit(cwd, ['merge-base', '--end-of-options', a, b])
  return result.exitCode === 0 ? result.stdout.trim() : undefined
}

export async function isShallow(cwd: string): Promise<boolean> {
  return (await git(cwd, ['rev-parse', '--is-shallow-repository'])).trim() === 'true'
}

/** Top-level folder of the work tree and the prefix (`sub/dir/` or ``) of `cwd` inside it. */
export async function workTree(cwd: string): Promise<{ topLevel: string; prefix: string }> {
  const [topLevel = '', prefix = ''] = (await git(cwd, ['rev-parse', '--show-toplevel', '--show-prefix'])).split('\n')
  return { topLevel, prefix }
}

export async function hasRemote(cwd: string, remote: string): Promise<boolean> {
  const result = await runGit(cwd, ['remote', 'get-url', remote])
  return result.exitCode === 0
}

/** Local tags (ref names cannot contain newlines or spaces, so line output is unambiguous here). */
export async function listTags(cwd: string, mergedInto?: string): Promise<string[]> {
  const args = ['for-each-ref', '--format=%(refname:strip=2)', 'refs/tags']
  if (mergedInto !== undefined) args.push(`--merged=${mergedInto}`)
  return (await git(cwd, args)).split('\n').filter((tag) => tag !== '')
}

/** Local tags that point at a commit (an annotated tag counts by the commit it tags). */
export async function tagsPointingAt(cwd: string, commit: string): Promise<string[]> {
  return (await git(cwd, ['for-each-ref', '--format=%(refname:strip=2)', `--points-at=${commit}`, 'refs/tags']))
    .split('\n')
    .filter((tag) => tag !== '')
}

/** Tags on a remote with the commit each points at (peeled for annotated tags). */
export async function listRemoteTags(cwd: string, remote: string, options?: GitOptions): Promise<Map<string, string>> {
  const output = await git(cwd, ['ls-remote', '--tags', remote], options)
  const tags = new Map<string, string>()
  for (const line of output.split('\n')) {
    const [sha, ref] = line.split('\t')
    if (sha === undefined || ref === undefined || !ref.startsWith('refs/tags/')) continue
    const peeled = ref.endsWith('^{}')
    const name = ref.slice('refs/tags/'.length, peeled ? -3 : undefined)
    // The peeled line (the commit) follows the tag object's line and wins.
    if (peeled || !tags.has(name)) tags.set(name, sha)
  }
  return tags
}
