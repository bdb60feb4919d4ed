// The hosted fallback when a shallow clone's history cannot be fetched: GitHub's REST API through
// @actions/github's Octokit. For the pull request of a pull_request event, its own file list (up to
// 3000 files); otherwise the compare API (`base...head`, i.e. since the merge base, like the git
// path), whose first page alone lists files, up to 300. Octokit sends every request through
// skillpub's HTTP client (`request.fetch`), so these calls get the proxy, timeout, retry budget
// and token rules of every other request of the run. Behind a one-method interface so tests can
// inject a fake.

import type { FileChange, FileChangeStatus } from '../core/changes.js'
import type { Logger } from '../core/types.js'
import type { HttpClient, HttpClientOptions } from '../http/client.js'

export interface CompareResult {
  files: FileChange[]
  /** False when GitHub may have cut the file list short. */
  complete: boolean
  /** `ahead` and `identical` mean base is an ancestor of head. */
  status?: 'ahead' | 'behind' | 'diverged' | 'identical'
  mergeBase?: string
}

export interface CompareApi {
  /** Files changed from the merge base of `base` and `head` to `head`. Rejects on any failure. */
  compare(base: string, head: string): Promise<CompareResult>
}

/** The pull request an event is about: its files are the ones from its base to its head. */
export interface PullRequestRef {
  number: number
  base: string
  head: string
}

export interface GitHubCompareOptions {
  token: string
  /** `owner/name`. */
  repository: string
  /** e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  apiUrl: string
  logger: Logger
  /** The event's pull request, whose own file list is used when its base and head are asked for. */
  pullRequest?: PullRequestRef
  /** Tests shorten waits. */
  http?: Partial<Omit<HttpClientOptions, 'logger' | 'authorization' | 'credentialOrigins' | 'secrets'>>
}

// GitHub documents these caps: a comparison lists at most 300 files (on its first page only), a
// pull request's file list at most 3000.
const MAX_COMPARE_FILES = 300
const MAX_PULL_REQUEST_FILES = 3000
const PER_PAGE = 100

const STATUS_BY_NAME: Record<string, FileChangeStatus> = {
  added: 'added',
  removed: 'deleted',
  modified: 'modified',
  renamed: 'renamed',
  copied: 'copied',
  changed: 'type-changed',
  // Listed but unchanged (a pure rename's twin, say): counted as modified, to err towards "changed".
  unchanged: 'modified'
}

interface ListedFile {
  filename?: string
  status?: string
  previous_filename?: string
}

type Fetch = (url: string | URL, init?: { method?: string; headers?: Record<string, string> }) => Promise<Response>

export function createGitHubCompareApi(options: GitHubCompareOptions): CompareApi {
  const [owner = '', repo = ''] = options.repository.split('/')
  // Octokit and the HTTP stack are loaded on the first call: most runs never need the fallback,
  // and loading them would be most of the action's start-up.
  let loaded: Promise<{ GitHub: GitHubClass; http: HttpClient }> | undefined
  const load = () =>
    (loaded ??= Promise.all([import('@actions/github/lib/utils'), import('../http/client.js')]).then(([{ GitHub }, { HttpClient }]) => ({
      GitHub,
      http: new HttpClient({
        timeoutMs: 30_000,
        ...options.http,
        logger: options.logger,
        authorization: `Bearer ${options.token}`,
        credentialOrigins: [options.apiUrl],
        secrets: [options.token],
        userAgent: 'skillpub'
      })
    })))

  /**
   * One API call on an Octokit of its own, whose every request (pages included) our client sends
   * under `what`; a failure says what failed and what to do.
   */
  async function call<T>(what: string, send: (octokit: Octokit) => Promise<T>): Promise<T> {
    const { GitHub, http } = await load()
    const octokit = new GitHub({
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      userAgent: 'skillpub',
      request: { fetch: fetchThrough(http, what) }
    })
    try {
      return await send(octokit)
    } catch (error) {
      const status = (error as { status?: unknown }).status
      // GitHub's error body may echo request details; the status and our advice are what a person needs.
      if (typeof status === 'number') throw new Error(`${what} answered HTTP ${status}. ${adviceFor(status)}`, { cause: error })
      throw error
    }
  }

  async function pullRequestFiles(pull: PullRequestRef): Promise<CompareResult | undefined> {
    const what = `GitHub pull request #${pull.number} in ${options.repository}`
    const current = await call(what, (octokit) => octokit.rest.pulls.get({ owner, repo, pull_number: pull.number }))
    // New commits since the event: the list would describe another head, so compare instead.
    if (current.data.head.sha !== pull.head) return undefined
    const files: ListedFile[] = []
    await call(what, async (octokit) => {
      const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
        owner,
        repo,
        pull_number: pull.number,
        per_page: PER_PAGE
      })
      for await (const page of pages) {
        files.push(...page.data)
        if (files.length >= MAX_PULL_REQUEST_FILES) break
      }
    })
    return { files: mapFiles(files), complete: files.length < MAX_PULL_REQUEST_FILES }
  }

  async function compareCommits(base: string, head: string): Promise<CompareResult> {
    const what = `GitHub compare ${base}...${head} in ${options.repository}`
    const { data } = await call(what, (octokit) =>
      octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${encodeURIComponent(base)}...${encodeURIComponent(head)}`,
        per_page: PER_PAGE,
        page: 1
      })
    )
    const files = data.files ?? []
    const status = data.status
    return {
      files: mapFiles(files),
      complete: files.length < MAX_COMPARE_FILES,
      ...(status === 'ahead' || status === 'behind' || status === 'diverged' || status === 'identical' ? { status } : {}),
      ...(typeof data.merge_base_commit?.sha === 'string' ? { mergeBase: data.merge_base_commit.sha } : {})
    }
  }

  return {
    async compare(base, head) {
      const pull = options.pullRequest
      if (pull !== undefined && pull.base === base && pull.head === head) {
        const listed = await pullRequestFiles(pull)
        if (listed !== undefined) return listed
        options.logger.debug(`Pull request #${pull.number} has moved on from ${head}; comparing commits instead.`)
      }
      return compareCommits(base, head)
    }
  }
}

/** The pull request of a pull_request or pull_request_target event, when the payload names one. */
export function pullRequestOfEvent(
  eventName: string | undefined,
  payload: Record<string, unknown> | undefined
): PullRequestRef | undefined {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return undefined
  const pull = payload?.pull_request as { number?: unknown; base?: { sha?: unknown }; head?: { sha?: unknown } } | undefined
  const number = pull?.number
  const base = pull?.base?.sha
  const head = pull?.head?.sha
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) return undefined
  return typeof base === 'string' && typeof head === 'string' ? { number, base, head } : undefined
}

type GitHubClass = (typeof import('@actions/github/lib/utils'))['GitHub']
type Octokit = InstanceType<GitHubClass>

function mapFiles(listed: ListedFile[]): FileChange[] {
  const byPath = new Map<string, FileChange>()
  for (const file of listed) {
    if (typeof file.filename !== 'string') continue
    const change: FileChange = { status: STATUS_BY_NAME[file.status ?? ''] ?? 'unknown', path: file.filename }
    if (typeof file.previous_filename === 'string') change.previousPath = file.previous_filename
    byPath.set(`${change.previousPath ?? ''}\0${change.path}`, change)
  }
  return [...byPath.values()]
}

/**
 * Octokit's `fetch`, answered by our client. Octokit's own Authorization header is dropped (it has
 * none: the client adds the token itself, and only to the origin each request starts at).
 */
function fetchThrough(http: HttpClient, what: string): Fetch {
  return async (url, init = {}) => {
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization'))
    const response = await http.request({ method: 'GET', url: String(url), headers, what })
    const bodiless = response.status === 204 || response.status === 205 || response.status === 304
    return new Response(bodiless ? null : response.text, { status: response.status, headers: response.headers })
  }
}

function adviceFor(status: number): string {
  if (status === 401) return 'The github-token input was refused: keep its default, ${{ github.token }}, or pass a valid token.'
  if (status === 403 || status === 404)
    return 'Check that github-token can read the repository (permissions: contents: read, and pull-requests: read for pull requests) and that both commits were pushed.'
  if (status === 422)
    return 'GitHub cannot compare these commits (unrelated histories?); fetch the history instead (actions/checkout with fetch-depth: 0).'
  return 'GitHub may be having trouble; re-run the job, or fetch the history instead (actions/checkout with fetch-depth: 0).'
}
