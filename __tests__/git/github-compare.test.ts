import { createGitHubCompareApi } from '../../src/git/github-compare.js'

type Page = { status?: string; total_commits?: number; commits?: unknown[]; merge_base_commit?: { sha: string }; files?: unknown[] }

function fakeFetch(pages: Page[] | number): typeof fetch & { urls: string[]; headers: Headers[] } {
  const urls: string[] = []
  const headers: Headers[] = []
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    urls.push(String(input))
    headers.push(new Headers(init?.headers))
    if (typeof pages === 'number') return new Response('{"message":"Not Found"}', { status: pages })
    const page = Number(new URL(String(input)).searchParams.get('page'))
    return new Response(JSON.stringify(pages[page - 1] ?? { commits: [], files: [] }), { status: 200 })
  }
  return Object.assign(impl as typeof fetch, { urls, headers })
}

const options = { token: 'secret-token', repository: 'octo/skills', apiUrl: 'https://api.example.com/' }

describe('GitHub compare API', () => {
  it('maps files, merges pages and sends the token only as a header', async () => {
    const commits = (count: number): unknown[] => Array.from({ length: count }, () => ({}))
    const fetchImpl = fakeFetch([
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
      { status: 'ahead', total_commits: 150, commits: commits(50), files: [{ filename: 'a/SKILL.md', status: 'modified' }, { filename: 'e/y', status: 'added' }] }
    ])
    const result = await createGitHubCompareApi({ ...options, fetch: fetchImpl }).compare('v1.0.0', 'abc')
    expect(fetchImpl.urls).toEqual([
      'https://api.example.com/repos/octo/skills/compare/v1.0.0...abc?per_page=100&page=1',
      'https://api.example.com/repos/octo/skills/compare/v1.0.0...abc?per_page=100&page=2'
    ])
    expect(fetchImpl.headers[0]?.get('authorization')).toBe('Bearer secret-token')
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
    const result = await createGitHubCompareApi({ ...options, fetch: fakeFetch([{ total_commits: 1, commits: [{}], files }]) }).compare('a', 'b')
    expect(result.complete).toBe(false)
  })

  it('rejects on an HTTP error without the token in the message', async () => {
    const api = createGitHubCompareApi({ ...options, fetch: fakeFetch(404) })
    await expect(api.compare('a', 'b')).rejects.toThrow('GitHub compare a...b in octo/skills answered HTTP 404')
    await expect(api.compare('a', 'b')).rejects.not.toThrow(/secret-token/)
  })
})
