// Getting the history a comparison needs into the local repository. CI checkouts are usually
// shallow (actions/checkout fetches one commit), so commits are fetched by id and history is
// deepened in bounded steps until the merge base shows up, and only then unshallowed.

import type { Logger } from '../core/types.js'
import { hasRemote, isShallow, mergeBase, resolveCommit, runGit } from './git.js'

export const REMOTE = 'origin'

/** `--deepen` steps tried before `--unshallow`; most pull requests resolve at the first. */
const DEFAULT_DEEPEN_STEPS = [50, 250, 1000]

const FETCH_TIMEOUT_MS = 180_000

export type MergeBaseResult =
  | { mergeBase: string; notes: string[] }
  /** The history needed is not here and could not be fetched; `why` completes "because ...". */
  | { unavailable: string; notes: string[] }

export interface HistoryOptions {
  deepenSteps?: readonly number[]
}

/**
 * Makes `revision` (a commit id or a ref the remote knows) available locally and returns its
 * commit id. Shallow repositories fetch it at depth 1; the merge-base search deepens it later.
 */
export async function ensureCommit(cwd: string, revision: string, logger: Logger): Promise<string | undefined> {
  return (await resolveCommit(cwd, revision)) ?? fetchCommit(cwd, revision, logger)
}

/**
 * `ensureCommit` for several revisions: looked up in the local repository all at once (a git
 * process each, read-only); the missing ones then get `ensureCommit` one after the other, since
 * two fetches into one repository would race for its shallow file and FETCH_HEAD (and an earlier
 * fetch may bring a later revision in).
 */
export async function ensureCommits(cwd: string, revisions: string[], logger: Logger): Promise<(string | undefined)[]> {
  const local = await Promise.all(revisions.map((revision) => resolveCommit(cwd, revision)))
  const commits: (string | undefined)[] = []
  for (const [i, revision] of revisions.entries()) commits.push(local[i] ?? (await ensureCommit(cwd, revision, logger)))
  return commits
}

async function fetchCommit(cwd: string, revision: string, logger: Logger): Promise<string | undefined> {
  if (!(await hasRemote(cwd, REMOTE))) return undefined
  const depth = (await isShallow(cwd)) ? ['--depth=1'] : []
  logger.debug(`Fetching ${revision} from ${REMOTE}`)
  const fetched = await runGit(
    cwd,
    ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet', ...depth, '--end-of-options', REMOTE, revision],
    {
      timeoutMs: FETCH_TIMEOUT_MS
    }
  )
  if (fetched.exitCode !== 0) {
    logger.debug(`Could not fetch ${revision}: ${fetched.stderr.trim()}`)
    return undefined
  }
  return resolveCommit(cwd, 'FETCH_HEAD')
}

/**
 * The merge base of two local commits, deepening a shallow repository step by step (then
 * unshallowing it) until one is found. Unrelated histories and missing remotes are reported as
 * unavailable, never as an empty range.
 */
export async function findMergeBase(
  cwd: string,
  base: string,
  head: string,
  logger: Logger,
  options: HistoryOptions = {}
): Promise<MergeBaseResult> {
  const notes: string[] = []
  const found = await mergeBase(cwd, base, head)
  if (found !== undefined) return { mergeBase: found, notes }
  if (!(await isShallow(cwd))) return { unavailable: `${short(base)} and ${short(head)} share no history`, notes }
  if (!(await hasRemote(cwd, REMOTE)))
    return { unavailable: `the clone is shallow and has no '${REMOTE}' remote to fetch history from`, notes }

  let fetchedCommits = 0
  for (const step of options.deepenSteps ?? DEFAULT_DEEPEN_STEPS) {
    logger.debug(`Shallow clone: deepening by ${step} commits to find the merge base of ${short(base)} and ${short(head)}`)
    const deepened = await fetchHistory(cwd, [`--deepen=${step}`], [base, head])
    if (!deepened) return { unavailable: `the clone is shallow and fetching more history from '${REMOTE}' failed`, notes }
    fetchedCommits += step
    const afterDeepen = await mergeBase(cwd, base, head)
    if (afterDeepen !== undefined) {
      notes.push(`Shallow clone: fetched up to ${fetchedCommits} more commits of history to find the merge base.`)
      return { mergeBase: afterDeepen, notes }
    }
    if (!(await isShallow(cwd))) break
  }

  if (await isShallow(cwd)) {
    logger.debug('Shallow clone: fetching the whole history')
    if (!(await fetchHistory(cwd, ['--unshallow'], [base, head]))) {
      return { unavailable: `the clone is shallow and fetching its whole history from '${REMOTE}' failed`, notes }
    }
  }
  const afterUnshallow = await mergeBase(cwd, base, head)
  if (afterUnshallow === undefined) return { unavailable: `${short(base)} and ${short(head)} share no history`, notes }
  notes.push('Shallow clone: fetched the whole history to find the merge base (set fetch-depth: 0 on actions/checkout to skip this).')
  return { mergeBase: afterUnshallow, notes }
}

async function fetchHistory(cwd: string, depthOptions: string[], revisions: string[]): Promise<boolean> {
  const result = await runGit(
    cwd,
    ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet', ...depthOptions, '--end-of-options', REMOTE, ...revisions],
    {
      timeoutMs: FETCH_TIMEOUT_MS
    }
  )
  return result.exitCode === 0
}

/** Fetches remote tags' commits by id (for tag comparisons in clones that have none). */
export async function fetchTagCommit(cwd: string, tag: string, logger: Logger): Promise<string | undefined> {
  const local = await resolveCommit(cwd, `refs/tags/${tag}`)
  if (local !== undefined) return local
  return ensureCommit(cwd, `refs/tags/${tag}`, logger)
}

export function short(revision: string): string {
  return /^[0-9a-f]{40,64}$/.test(revision) ? revision.slice(0, 7) : revision
}
