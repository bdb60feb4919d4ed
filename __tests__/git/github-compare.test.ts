// The REST fallback (Octokit from @actions/github, sent through skillpub's HTTP client) against a
// loopback server that answers as GitHub does.
import { createGitHubCompareApi, pullRequestOfEvent, type PullRequestRef } from '../../src/git/github-compare.js'
import type { Logger } from '../../src/core/types.js'
import { startServer, type TestServer } from '../servers/harness.js'

const TOKEN = 'ghs_secret_token'
const quiet: Logger = { debug() {}, info() {}, warning() {}, error() {} }
let server: TestServer

type Handler = (url: URL) => [number, unknown, Record<string, string>?]

async function serve(handler: Handler): Promise<TestServer> {
  server = await startServer((request, reply) => {
    const [status, body, headers] = handler(request.url)
    reply.json(status, body, headers)
  })
  return server
}

const api = (pullRequest?: PullRequestRef) =>
  createGitHubCompareApi({
    token: TOKEN,
    repository: 'octo/skills',
    apiUrl: `${server.url}/`,
    logger: quiet,
    http: { retryBaseMs: 1, retries: 1 },
    ...(pullRequest ? { pullRequest } : {})
  })

const paths = () => server.requests.map((request) => request.url.pathname + request.url.search)
const files = (count: number, prefix = 'f') =>
  Array.from({ length: count }, (_, index) => ({ filename: `${prefix}${index}`, status: 'modified' }))

afterEach(() => server?.close())

describe('compare API (push, tag and base ranges)', () => {
  it('maps files from page one only, and sends the token only as a header', async () => {
    await serve(() => [
      200,
      {
        status: 'ahead',
        total_commits: 150,
        commits: [],
        merge_base_commit: { sha: 'mb' },
        files: [
          { filename: 'a/SKILL.md', status: 'modified' },
          { filename: 'b/new.md', status: 'renamed', previous_filename: 'c/SKILL.md' },
          { filename: 'd/x.md', status: 'removed' }
        ]
      }
    ])
    const result = await api().compare('v1.0.0', 'abc')
    // GitHub lists a comparison's files on its first page alone: asking for page 2 would only cost requests.
    expect(paths()).toEqual(['/repos/octo/skills/compare/v1.0.0...abc?per_page=100&page=1'])
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(server.requests[0]!.headers['user-agent']).toMatch(/^skillpub/)
    expect(result).toEqual({
      complete: true,
      status: 'ahead',
      mergeBase: 'mb',
      files: [
        { status: 'modified', path: 'a/SKILL.md' },
        { status: 'renamed', path: 'b/new.md', previousPath: 'c/SKILL.md' },
        { status: 'deleted', path: 'd/x.md' }
      ]
    })
  })

  it('flags a list GitHub may have cut at 300 files', async () => {
    await serve(() => [200, { total_commits: 1, commits: [{}], files: files(300) }])
    expect((await api().compare('a', 'b')).complete).toBe(false)
    await server.close()
    await serve(() => [200, { total_commits: 1, commits: [{}], files: files(299) }])
    expect((await api().compare('a', 'b')).complete).toBe(true)
  })

  it('retries a 503 like every other request of the run', async () => {
    await serve(() => [200, { total_commits: 1, commits: [{}], files: [{ filename: 'a/SKILL.md', status: 'added' }] }])
    server.fault({ path: /compare/ }, { kind: 'status', status: 503 })
    expect((await api().compare('a', 'b')).files).toEqual([{ status: 'added', path: 'a/SKILL.md' }])
    expect(server.requests).toHaveLength(2)
  })

  it('rejects on an HTTP error with what to do, without the token or the body in the message', async () => {
    await serve(() => [404, { message: `Not Found ${TOKEN}` }])
    const error = (await api()
      .compare('a', 'b')
      .catch((caught: Error) => caught)) as Error
    expect(error.message).toMatch(
      /^GitHub compare a\.\.\.b in octo\/skills answered HTTP 404\. Check that github-token can read the repository/
    )
    expect(error.message).not.toContain(TOKEN)
  })
})

describe("a pull request's own file list", () => {
  const pull: PullRequestRef = { number: 7, base: 'base1', head: 'head1' }

  it('lists the files page by page up to GitHub cap, and says when the cap was reached', async () => {
    await serve((url) => {
      if (url.pathname === '/repos/octo/skills/pulls/7') return [200, { number: 7, head: { sha: 'head1' } }]
      const page = Number(url.searchParams.get('page') ?? '1')
      // Pages linked as GitHub links them, one more than GitHub's 30: skillpub stops at the cap.
      const next = new URL(url.href.replace(url.origin, server.url))
      next.searchParams.set('page', String(page + 1))
      return [200, files(100, `p${page}-`), page < 31 ? { link: `<${next.href}>; rel="next"` } : undefined]
    })
    const result = await api(pull).compare('base1', 'head1')
    expect(result.files).toHaveLength(3000)
    expect(result.complete).toBe(false)
    expect(paths().filter((p) => p.includes('/files'))).toHaveLength(30)
    expect(paths()[1]).toBe('/repos/octo/skills/pulls/7/files?per_page=100')
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(server.requests.map(() => `Bearer ${TOKEN}`))
  })

  it('is complete under the cap, with renames mapped', async () => {
    await serve((url) => {
      if (url.pathname === '/repos/octo/skills/pulls/7') return [200, { number: 7, head: { sha: 'head1' } }]
      return [200, [{ filename: 'a/SKILL.md', status: 'renamed', previous_filename: 'b/SKILL.md' }]]
    })
    expect(await api(pull).compare('base1', 'head1')).toEqual({
      files: [{ status: 'renamed', path: 'a/SKILL.md', previousPath: 'b/SKILL.md' }],
      complete: true
    })
  })

  it('compares commits instead when the pull request has moved on, or another range is asked for', async () => {
    await serve((url) => {
      if (url.pathname === '/repos/octo/skills/pulls/7') return [200, { number: 7, head: { sha: 'newer' } }]
      return [200, { status: 'ahead', files: [{ filename: 'a/SKILL.md', status: 'added' }] }]
    })
    expect((await api(pull).compare('base1', 'head1')).status).toBe('ahead')
    expect(paths()).toEqual(['/repos/octo/skills/pulls/7', '/repos/octo/skills/compare/base1...head1?per_page=100&page=1'])
    await api(pull).compare('other', 'head1')
    expect(paths().at(-1)).toBe('/repos/octo/skills/compare/other...head1?per_page=100&page=1')
  })

  it('is read from pull_request events only, and only with a sound number and both commits', () => {
    const payload = { pull_request: { number: 7, base: { sha: 'b' }, head: { sha: 'h' } } }
    expect(pullRequestOfEvent('pull_request', payload)).toEqual({ number: 7, base: 'b', head: 'h' })
    expect(pullRequestOfEvent('pull_request_target', payload)).toEqual({ number: 7, base: 'b', head: 'h' })
    expect(pullRequestOfEvent('push', payload)).toBeUndefined()
    expect(pullRequestOfEvent('pull_request', { pull_request: { ...payload.pull_request, number: '7/../x' } })).toBeUndefined()
    expect(pullRequestOfEvent('pull_request', { pull_request: { number: 7, base: { sha: 'b' } } })).toBeUndefined()
  })
})
