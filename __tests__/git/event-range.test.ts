import { isNullCommit, planRange, runTag } from '../../src/git/event-range.js'
import { query } from './fixture.js'

// Commit ids as GitHub sends them (the event's SHAs must be full hex ids).
const [A, B, C, H, S] = ['a', 'b', 'c', 'd', 'e'].map((digit) => digit.repeat(40))

describe('planRange', () => {
  it('plans pull requests from base and head', () => {
    const payload = { pull_request: { number: 3, base: { sha: B }, head: { sha: H } } }
    expect(planRange(query({ eventName: 'pull_request', eventPayload: payload }))).toEqual({
      kind: 'range',
      event: 'pull-request',
      base: B,
      head: H,
      label: 'Pull request #3'
    })
  })

  it('plans pushes, new branches, force pushes and tags', () => {
    expect(
      planRange(query({ eventName: 'push', eventPayload: { ref: 'refs/heads/dev', before: A, after: B, forced: true } }))
    ).toMatchObject({
      kind: 'range',
      event: 'push',
      forcedPush: true,
      label: 'Push to dev'
    })
    const newBranch = { ref: 'refs/heads/dev', before: '0'.repeat(64), after: B, repository: { default_branch: 'main' } }
    expect(planRange(query({ eventName: 'push', eventPayload: newBranch }))).toEqual({
      kind: 'new-branch',
      head: B,
      branch: 'dev',
      defaultBranch: 'main'
    })
    expect(planRange(query({ eventName: 'push', eventPayload: { ref: 'refs/tags/v2.0.0', after: C } }))).toMatchObject({
      kind: 'repository-tag',
      head: C
    })
    expect(planRange(query({ eventName: 'push', eventPayload: { ref: 'refs/tags/x@2.0.0' } }))).toEqual({
      kind: 'skill-tag',
      tagName: 'x@2.0.0',
      skillName: 'x'
    })
  })

  it('lets since replace the event range, except for a per-skill tag', () => {
    expect(planRange(query({ eventName: 'push', since: 'main', sha: S, eventPayload: { before: A, after: B } }))).toEqual({
      kind: 'since',
      since: 'main',
      head: S,
      workingTree: false
    })
    expect(planRange(query({ since: 'main' }))).toEqual({ kind: 'since', since: 'main', head: 'HEAD', workingTree: true })
    expect(planRange(query({ eventName: 'push', since: 'main', eventPayload: { ref: 'refs/tags/x@2.0.0' } })).kind).toBe('skill-tag')
  })

  it('handles every skill when changed-only is off or there is no range', () => {
    expect(planRange(query({ changedOnly: 'false', eventName: 'pull_request' })).kind).toBe('all')
    expect(planRange(query({ eventName: 'schedule' })).kind).toBe('all')
    expect(planRange(query({ eventName: 'pull_request', eventPayload: {} })).kind).toBe('all')
  })
})

describe('planRange with hostile revisions', () => {
  const hostile = '--upload-pack=touch /tmp/pwned'
  it.each([
    ['pull_request.base.sha', 'pull_request', { pull_request: { base: { sha: hostile }, head: { sha: H } } }],
    ['pull_request.head.sha', 'pull_request_target', { pull_request: { base: { sha: B }, head: { sha: hostile } } }],
    ['before', 'push', { ref: 'refs/heads/dev', before: hostile, after: B }],
    ['after', 'push', { ref: 'refs/heads/dev', before: A, after: hostile }],
    [
      'repository.default_branch',
      'push',
      { ref: 'refs/heads/dev', before: '0'.repeat(40), after: B, repository: { default_branch: hostile } }
    ]
  ])('refuses a %s that is not a commit id or a revision', (field, eventName, eventPayload) => {
    expect(() => planRange(query({ eventName, eventPayload }))).toThrow(new RegExp(`${field.replace(/\./g, '\\.')} is "--upload-pack`))
  })

  it('refuses a base ref git would read as an option, and a GITHUB_SHA that is not a commit id', () => {
    expect(() => planRange(query({ since: hostile }))).toThrow(
      /base input \(CLI: --since\) is "--upload-pack=touch \/tmp\/pwned", which is not a git revision/
    )
    expect(() => planRange(query({ since: 'main:refs/heads/evil' }))).toThrow(/not a git revision/)
    expect(() => planRange(query({ eventName: 'push', sha: hostile, eventPayload: {} }))).toThrow(/GITHUB_SHA is "--upload-pack/)
  })

  it('accepts revisions people write', () => {
    for (const since of ['main', 'origin/main', 'v1.2.0', 'HEAD~3', 'main@{1}', A]) expect(planRange(query({ since })).kind).toBe('since')
  })
})

describe('runTag', () => {
  it('reads the tag from the ref, parsed when it matches a pattern', () => {
    expect(runTag(query({ ref: 'refs/tags/v1.0.0' }))).toEqual({ tagName: 'v1.0.0', parsed: { version: '1.0.0', pattern: 'v{version}' } })
    expect(runTag(query({ ref: 'refs/tags/nightly' }))).toEqual({ tagName: 'nightly' })
    expect(runTag(query({ ref: 'refs/heads/main' }))).toBeUndefined()
  })

  it('recognises null commits of both hash widths', () => {
    expect(isNullCommit('0'.repeat(40))).toBe(true)
    expect(isNullCommit('0'.repeat(64))).toBe(true)
    expect(isNullCommit('0a')).toBe(false)
  })
})
