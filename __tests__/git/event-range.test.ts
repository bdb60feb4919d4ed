import { isNullCommit, planRange, runTag } from '../../src/git/event-range.js'
import { query } from './fixture.js'

describe('planRange', () => {
  it('plans pull requests from base and head', () => {
    const payload = { pull_request: { number: 3, base: { sha: 'b' }, head: { sha: 'h' } } }
    expect(planRange(query({ eventName: 'pull_request', eventPayload: payload }))).toEqual({
      kind: 'range',
      event: 'pull-request',
      base: 'b',
      head: 'h',
      label: 'Pull request #3'
    })
  })

  it('plans pushes, new branches, force pushes and tags', () => {
    expect(
      planRange(query({ eventName: 'push', eventPayload: { ref: 'refs/heads/dev', before: 'a', after: 'b', forced: true } }))
    ).toMatchObject({
      kind: 'range',
      event: 'push',
      forcedPush: true,
      label: 'Push to dev'
    })
    const newBranch = { ref: 'refs/heads/dev', before: '0'.repeat(64), after: 'b', repository: { default_branch: 'main' } }
    expect(planRange(query({ eventName: 'push', eventPayload: newBranch }))).toEqual({
      kind: 'new-branch',
      head: 'b',
      branch: 'dev',
      defaultBranch: 'main'
    })
    expect(planRange(query({ eventName: 'push', eventPayload: { ref: 'refs/tags/v2.0.0', after: 'c' } }))).toMatchObject({
      kind: 'repository-tag',
      head: 'c'
    })
    expect(planRange(query({ eventName: 'push', eventPayload: { ref: 'refs/tags/x@2.0.0' } }))).toEqual({
      kind: 'skill-tag',
      tagName: 'x@2.0.0',
      skillName: 'x'
    })
  })

  it('lets since replace the event range, except for a per-skill tag', () => {
    expect(planRange(query({ eventName: 'push', since: 'main', sha: 's', eventPayload: { before: 'a', after: 'b' } }))).toEqual({
      kind: 'since',
      since: 'main',
      head: 's',
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
