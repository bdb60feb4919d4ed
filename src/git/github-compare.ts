// The hosted fallback when a shallow clone's history cannot be fetched: GitHub's compare API
// (`base...head`, i.e. since the merge base, like the git path). Behind a one-method interface so
// tests can inject a fake; requests go through the shared HTTP client (proxy, timeout, retries,
// the token never in a message).

import type { FileChange, FileChangeStatus } from '../core/changes.js'
import type { Logger } from '../core/types.js'
import type { HttpClient, HttpClientOptions } from '../http/client.js'

export interface CompareResult {
  files: FileChange[]
  /** False when GitHub may have cut the file list short (it lists at most 300 files). */
  complete: boolean
  /** `ahead` and `identical` mean base is an ancestor of head. */
  status?: 'ahead' | 'behind' | 'diverged' | 'identical'
  mergeBase?: string
}

export interface CompareApi {
  /** Files changed from the merge base of `base` and `head` to `head`. Rejects on any failure. */
  compare(base: string, head: string): Promise<CompareResult>
}

export interface GitHubCompareOptions {
  token: string
  /** `owner/name`. */
  repository: string
  /** e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  apiUrl: string
  logger: Logger
  /** Tests shorten waits. */
  http?: Partial<Omit<HttpClientOptions, 'logger' | 'authorization' | 'credentialOrigins' | 'secrets'>>
}

// GitHub documents that a comparison lists at most 300 files; a page that full may be truncated.
const MAX_FILES_PER_COMPARISON = 300
const COMMITS_PER_PAGE = 100
const MAX_PAGES = 30

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

interface ComparePage {
  status?: string
  total_commits?: number
  commits?: unknown[]
  merge_base_commit?: { sha?: string }
  files?: Array<{ filename?: string; status?: string; previous_filename?: string }>
}

export function createGitHubCompareApi(options: GitHubCompareOptions): CompareApi {
  // The HTTP stack is loaded on the first comparison: most runs never need the fallback, and
  // loading it is a good part of the action's start-up.
  let client: Promise<HttpClient> | undefined
  const http = (): Promise<HttpClient> =>
    (client ??= import('../http/client.js').then(
      ({ HttpClient }) =>
        new HttpClient({
          timeoutMs: 30_000,
          ...options.http,
          logger: options.logger,
          authorization: `Bearer ${options.token}`,
          credentialOrigins: [options.apiUrl],
          secrets: [options.token],
          userAgent: 'skillpub'
        })
    ))
  const base = options.apiUrl.replace(/\/+$/, '')

  async function getPage(baseRef: string, headRef: string, page: number): Promise<ComparePage> {
    const basehead = `${encodeURIComponent(baseRef)}...${encodeURIComponent(headRef)}`
    const url = `${base}/repos/${options.repository}/compare/${basehead}?per_page=${COMMITS_PER_PAGE}&page=${page}`
    const what = `GitHub compare ${baseRef}...${headRef} in ${options.repository}`
    const response = await (
      await http()
    ).request({ url, headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' }, what })
    // The body may echo request details; the status is what a person needs (and holds no token).
    if (!response.ok) throw new Error(`${what} answered HTTP ${response.status}`)
    return response.json<ComparePage>()
  }

  return {
    async compare(baseRef, headRef) {
      const byPath = new Map<string, FileChange>()
      let complete = true
      let first: ComparePage | undefined
      for (let page = 1; ; page++) {
        const body = await getPage(baseRef, headRef, page)
        first ??= body
        const files = body.files ?? []
        if (files.length >= MAX_FILES_PER_COMPARISON) complete = false
        for (const file of files) {
          if (typeof file.filename !== 'string') continue
          const change: FileChange = { status: STATUS_BY_NAME[file.status ?? ''] ?? 'unknown', path: file.filename }
          if (typeof file.previous_filename === 'string') change.previousPath = file.previous_filename
          byPath.set(`${change.previousPath ?? ''}\0${change.path}`, change)
        }
        const commitsSoFar = page * COMMITS_PER_PAGE
        const lastPage = (body.commits?.length ?? 0) < COMMITS_PER_PAGE || commitsSoFar >= (body.total_commits ?? 0)
        if (lastPage) break
        if (page >= MAX_PAGES) {
          complete = false
          break
        }
      }
      const status = first?.status
      return {
        files: [...byPath.values()],
        complete,
        ...(status === 'ahead' || status === 'behind' || status === 'diverged' || status === 'identical' ? { status } : {}),
        ...(typeof first?.merge_base_commit?.sha === 'string' ? { mergeBase: first.merge_base_commit.sha } : {})
      }
    }
  }
}
