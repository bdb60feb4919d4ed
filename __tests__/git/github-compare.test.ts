// The compare API fallback against a loopback server that answers as GitHub does.
import { createGitHubCompareApi } from '../../src/git/github-compare.js'
import type { Logger } from '../../src/core/types.js'
import { startServer, type TestServer } from '../servers/harness.js'

type Page = { status?: string; total_commits?: number; commits?: unknown[]; merge_base_commit?: { sha: string }; files?: unknown[] }

const TOKEN = 'ghs_secret_token'
const quiet: Logger = { debug() {}, info() {}, warning() {}, error() {} }
let server: TestServer

async function serve(pages: Page[] | number): Promise<TestServer> {
  server = await startServer((request, reply) => {
    if (typeof pages === 'number') return reply.json(pages, { message: 'Not Found' })
    const page = Number(request.url.searchParams.get('page'))
    reply.json(200, pages[page - 1] ?? { commits: [], files: [] })
  })
  return server
}

const api = () =>
  createGitHubCompareApi({
    token: TOKEN,
    repository: 'octo/skills',
    apiUrl: `${server.url}/`,
    logger: quiet,
    http: { retryBaseMs: 1, retries: 1 }
  })

afterEach(() => server?.close())

describe('GitHub compare API', () => {
  it('maps files, merges pages and sends the token only as a header', async () => {
    const commits = (count: number): unknown[] => Array.from({ length: count }, () => ({}))
    await serve([
      {
        status: 'ahead',
        total_commits: 150,
        commits: commits(100),
        merge_base_commit: { sha: 'mb' },
        files: [
          { filename: 'a/SKILL.md', status: 'modified' },
          { filename: 'b/new.md', status: 'renamed', previous_filename: 'c/SKILL.md' },
          { filename: 'd/x.md', status: 'removed' }
        ]
      },
      {
        status: 'ahead',
        total_commits: 150,
        commits: commits(50),
        files: [
          { filename: 'a/SKILL.md', status: 'modified' },
          { filename: 'e/y', status: 'added' }
        ]
      }
    ])
    const result = await api().compare('v1.0.0', 'abc')
    expect(server.requests.map((request) => request.url.pathname + request.url.search)).toEqual([
      '/repos/octo/skills/compare/v1.0.0...abc?per_page=100&page=1',
      '/repos/octo/skills/compare/v1.0.0...abc?per_page=100&page=2'
    ])
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(result).toEqual({
      complete: true,
      status: 'ahead',
      mergeBase: 'mb',
      files: [
        { status: 'modified', path: 'a/SKILL.md' },
        { status: 'renamed', path: 'b/new.md', previousPath: 'c/SKILL.md' },
        { status: 'deleted', path: 'd/x.md' },
        { status: 'added', path: 'e/y' }
      ]
    })
  })

  it('flags a list GitHub may have cut at 300 files', async () => {
    const files = Array.from({ length: 300 }, (_, index) => ({ filename: `f${index}`, status: 'modified' }))
    await serve([{ total_commits: 1, commits: [{}], files }])
    expect((await api().compare('a', 'b')).complete).toBe(false)
  })

  it('retries a 503 like every other request of the run', async () => {
    await serve([{ total_commits: 1, commits: [{}], files: [{ filename: 'a/SKILL.md', status: 'added' }] }])
    server.fault({ path: /compare/ }, { kind: 'status', status: 503 })
    expect((await api().compare('a', 'b')).files).toEqual([{ status: 'added', path: 'a/SKILL.md' }])
    expect(server.requests).toHaveLength(2)
  })

  it('rejects on an HTTP error without the token in the message', async () => {
    await serve(404)
    const error = await api()
      .compare('a', 'b')
      .catch((caught: Error) => caught)
    expect((error as Error).message).toBe('GitHub compare a...b in octo/skills answered HTTP 404')
    expect((error as Error).message).not.toContain(TOKEN)
  })
})
