import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { FileChange } from '../../src/core/changes.js'
import { detectChanges } from '../../src/git/detect.js'
import type { CompareApi, CompareResult } from '../../src/git/github-compare.js'
import { query, recordingLogger, removeTempFolders, repoWithSkills, skill, tempFolder, TestRepo, ZERO_SHA } from './fixture.js'

afterAll(removeTempFolders)

const STEPS = { deepenSteps: [2, 4] }

function fakeCompareApi(result: CompareResult | Error): CompareApi & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    async compare(base, head) {
      calls.push(`${base}...${head}`)
      if (result instanceof Error) throw result
      return result
    }
  }
}

describe('pull requests', () => {
  it('compares the head with its merge base, ignoring what moved on the base branch', async () => {
    const origin = repoWithSkills()
    origin.git('checkout', '-q', '-b', 'feature')
    origin.write({ 'skills/alpha/notes.md': 'new\n' })
    const head = origin.commit('alpha')
    origin.git('checkout', '-q', 'main')
    origin.write({ 'skills/beta/notes.md': 'moved on\n' })
    const base = origin.commit('beta on main')
    const clone = origin.clone({ branch: 'feature' })

    for (const eventName of ['pull_request', 'pull_request_target']) {
      const payload = { number: 7, pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head } } }
      const changes = await detectChanges(query({ eventName, eventPayload: payload }), clone.skills(), clone.dir, recordingLogger())
      expect(changes).toMatchObject({ all: false, changed: ['skills/alpha'], removed: [], notes: [] })
      expect(changes.reason).toMatch(/^Pull request #7: compared \w{7} with merge base \w{7}: 1 changed file, 1 changed skill\.$/)
    }
  })
})

describe('pushes', () => {
  it('compares before..after', async () => {
    const origin = repoWithSkills()
    const before = origin.head()
    origin.write({ 'skills/beta/SKILL.md': skill('beta', 'more\n'), 'README.md': 'changed\n' })
    const after = origin.commit('beta')
    const clone = origin.clone()
    const payload = { ref: 'refs/heads/main', before, after, forced: false }
    const changes = await detectChanges(query({ eventName: 'push', eventPayload: payload }), clone.skills(), clone.dir, recordingLogger())
    expect(changes).toMatchObject({ all: false, changed: ['skills/beta'], removed: [], notes: [] })
    expect(changes.reason).toContain('Push to main')
    expect(changes.tag).toBeUndefined()
  })

  it('compares a new branch with its merge base with the default branch', async () => {
    const origin = repoWithSkills()
    origin.git('checkout', '-q', '-b', 'feature')
    origin.write({ 'skills/gamma/x.md': 'x\n' })
    const after = origin.commit('gamma')
    origin.git('checkout', '-q', 'main')
    origin.write({ 'skills/alpha/x.md': 'x\n' })
    origin.commit('alpha on main')
    // A single-branch shallow clone, as actions/checkout makes: main must be fetched.
    const clone = origin.clone({ branch: 'feature', depth: 1 })
    const payload = { ref: 'refs/heads/feature', before: ZERO_SHA, after, repository: { default_branch: 'main' } }
    const changes = await detectChanges(
      query({ eventName: 'push', eventPayload: payload }),
      clone.skills(),
      clone.dir,
      recordingLogger(),
      STEPS
    )
    expect(changes).toMatchObject({ all: false, changed: ['skills/gamma'], removed: [] })
    expect(changes.reason).toMatch(/^New branch feature: compared \w{7} with its merge base \w{7} with main/)
  })

  it('handles every skill for a new branch whose default branch cannot be had, and says why', async () => {
    const origin = repoWithSkills()
    const clone = origin.clone()
    clone.git('remote', 'remove', 'origin')
    clone.git('checkout', '-q', '-b', 'feature')
    clone.write({ 'skills/gamma/x.md': 'x\n' })
    const after = clone.commit('gamma')
    clone.git('branch', '-q', '-D', 'main')
    const payload = { ref: 'refs/heads/feature', before: ZERO_SHA, after, repository: { default_branch: 'main' } }
    const changes = await detectChanges(query({ eventName: 'push', eventPayload: payload }), clone.skills(), clone.dir, recordingLogger())
    expect(changes.all).toBe(true)
    expect(changes.changed).toEqual(['skills/alpha', 'skills/beta', 'skills/gamma'])
    expect(changes.reason).toContain('could not be found')
    expect(changes.notes.join(' ')).toContain('History unavailable')

    const noDefault = await detectChanges(
      query({ eventName: 'push', eventPayload: { ...payload, repository: {} } }),
      clone.skills(),
      clone.dir,
      recordingLogger()
    )
    expect(noDefault).toMatchObject({ all: true, reason: expect.stringContaining('names no default branch') })
  })

  it('handles a force push by comparing with the merge base of before and after', async () => {
    const origin = repoWithSkills()
    const start = origin.head()
    origin.write({ 'skills/alpha/x.md': 'x\n' })
    const before = origin.commit('alpha, to be rewritten')
    origin.git('branch', 'old-head')
    origin.git('reset', '-q', '--hard', start)
    origin.write({ 'skills/beta/x.md': 'x\n' })
    const after = origin.commit('beta')
    const clone = origin.clone({ depth: 1 })
    const payload = { ref: 'refs/heads/main', before, after, forced: true }
    const changes = await detectChanges(
      query({ eventName: 'push', eventPayload: payload }),
      clone.skills(),
      clone.dir,
      recordingLogger(),
      STEPS
    )
    expect(changes).toMatchObject({ all: false, changed: ['skills/alpha', 'skills/beta'] })
    expect(changes.notes.join(' ')).toMatch(
      /Force push: \w{7} is not an ancestor of \w{7}; compared \w{7} with their merge base \w{7} and with/
    )
  })

  it('counts what a force push dropped: a reset to an older commit', async () => {
    const origin = repoWithSkills()
    const after = origin.head()
    origin.write({ 'skills/alpha/x.md': 'x\n', 'skills/delta/SKILL.md': skill('delta') })
    const before = origin.commit('dropped later')
    origin.git('branch', 'old-head')
    origin.git('reset', '-q', '--hard', after)
    const clone = origin.clone()
    const payload = { ref: 'refs/heads/main', before, after, forced: true }
    const changes = await detectChanges(query({ eventName: 'push', eventPayload: payload }), clone.skills(), clone.dir, recordingLogger())
    expect(changes).toMatchObject({ all: false, changed: ['skills/alpha'], removed: ['skills/delta'] })
  })
})

describe('tag pushes', () => {
  function taggedRepo(): { origin: TestRepo; first: string; second: string } {
    const origin = repoWithSkills()
    const first = origin.head()
    origin.git('tag', 'v1.0.0')
    // A later-numbered tag on a side branch is not in v1.1.0's history and must be passed over.
    origin.git('checkout', '-q', '-b', 'side')
    origin.write({ 'skills/beta/side.md': 'side\n' })
    origin.commit('side')
    origin.git('tag', '-a', '-m', 'side', 'v1.0.5')
    origin.git('checkout', '-q', 'main')
    origin.write({ 'skills/alpha/x.md': 'x\n' })
    const second = origin.commit('alpha')
    origin.git('tag', '-a', '-m', 'release', 'v1.1.0')
    origin.git('tag', 'alpha@1.2.0')
    origin.git('tag', 'gamma/v2.0.0-rc.1')
    return { origin, first, second }
  }

  it('handles every skill for the first tag of a pattern', async () => {
    const { origin, first } = taggedRepo()
    const clone = origin.clone({ branch: 'v1.0.0' })
    const payload = { ref: 'refs/tags/v1.0.0', before: ZERO_SHA, after: first }
    const changes = await detectChanges(
      query({ eventName: 'push', eventPayload: payload, ref: 'refs/tags/v1.0.0' }),
      clone.skills(),
      clone.dir,
      recordingLogger()
    )
    expect(changes).toMatchObject({
      all: true,
      changed: ['skills/alpha', 'skills/beta', 'skills/gamma'],
      tag: { name: 'v1.0.0', version: '1.0.0' }
    })
    expect(changes.reason).toContain('first tag of the form v{version}')
  })

  it('compares a repository tag with the previous reachable tag, also from a shallow clone without tags', async () => {
    const { origin, second } = taggedRepo()
    for (const clone of [origin.clone(), origin.clone({ depth: 1, branch: 'v1.1.0' })]) {
      if (clone.git('rev-parse', '--is-shallow-repository') === 'true') expect(clone.git('tag', '--list', 'v1.0.*')).toBe('')
      const payload = { ref: 'refs/tags/v1.1.0', before: ZERO_SHA, after: second }
      const changes = await detectChanges(
        query({ eventName: 'push', eventPayload: payload }),
        clone.skills(),
        clone.dir,
        recordingLogger(),
        STEPS
      )
      expect(changes).toMatchObject({ all: false, changed: ['skills/alpha'], removed: [], tag: { name: 'v1.1.0', version: '1.1.0' } })
      expect(changes.tag?.skill).toBeUndefined()
      expect(changes.reason).toContain('compared with the previous tag v1.0.0')
    }
  })

  it.each([
    ['alpha@1.2.0', '1.2.0'],
    ['gamma/v2.0.0-rc.1', '2.0.0-rc.1']
  ])('selects the one skill a per-skill tag names (%s)', async (tagName, version) => {
    const { origin, second } = taggedRepo()
    const clone = origin.clone()
    const payload = { ref: `refs/tags/${tagName}`, before: ZERO_SHA, after: second }
    const changes = await detectChanges(query({ eventName: 'push', eventPayload: payload }), clone.skills(), clone.dir, recordingLogger())
    const skillPath = `skills/${tagName.split(/[@/]/)[0]}`
    expect(changes).toMatchObject({ all: false, changed: [skillPath], removed: [], tag: { name: tagName, skill: skillPath, version } })
  })

  it('says so when a per-skill tag names no skill, and handles a tag of no known form as all skills', async () => {
    const origin = repoWithSkills()
    const after = origin.head()
    const unknownSkill = await detectChanges(
      query({ eventName: 'push', eventPayload: { ref: 'refs/tags/nope@1.0.0', after } }),
      origin.skills(),
      origin.dir,
      recordingLogger()
    )
    expect(unknownSkill).toMatchObject({ all: false, changed: [], tag: { name: 'nope@1.0.0', version: '1.0.0' } })
    expect(unknownSkill.notes[0]).toContain('selects no skill')
    const oddTag = await detectChanges(
      query({ eventName: 'push', eventPayload: { ref: 'refs/tags/release-7', after } }),
      origin.skills(),
      origin.dir,
      recordingLogger()
    )
    expect(oddTag).toMatchObject({ all: true, reason: expect.stringContaining('matches none of the tag patterns') })
    expect(oddTag.tag).toBeUndefined()
  })
})

describe('runs without a range', () => {
  it.each(['workflow_dispatch', 'schedule', 'release'])('handles every skill for %s', async (eventName) => {
    const origin = repoWithSkills()
    const changes = await detectChanges(query({ eventName, eventPayload: {} }), origin.skills(), origin.dir, recordingLogger())
    expect(changes).toMatchObject({ all: true, changed: ['skills/alpha', 'skills/beta', 'skills/gamma'], removed: [] })
    expect(changes.reason).toContain(eventName)
  })

  it('compares workflow_dispatch with since when given', async () => {
    const origin = repoWithSkills()
    const since = origin.head()
    origin.write({ 'skills/gamma/x.md': 'x\n' })
    const sha = origin.commit('gamma')
    const clone = origin.clone()
    const changes = await detectChanges(
      query({ eventName: 'workflow_dispatch', eventPayload: {}, since, sha }),
      clone.skills(),
      clone.dir,
      recordingLogger()
    )
    expect(changes).toMatchObject({ all: false, changed: ['skills/gamma'] })
    expect(changes.reason).toContain(`Since ${since}`)
    const byBranch = await detectChanges(
      query({ eventName: 'workflow_dispatch', eventPayload: {}, since: 'main', sha }),
      clone.skills(),
      clone.dir,
      recordingLogger()
    )
    expect(byBranch).toMatchObject({ all: false, changed: [] })
  })

  it('outside GitHub compares since with the working tree, untracked files included', async () => {
    const origin = repoWithSkills()
    const since = origin.head()
    origin.write({ 'skills/alpha/x.md': 'x\n' })
    origin.commit('alpha')
    origin.write({ 'skills/beta/SKILL.md': skill('beta', 'uncommitted\n'), 'skills/delta/SKILL.md': skill('delta') })
    const changes = await detectChanges(query({ since }), origin.skills(), origin.dir, recordingLogger())
    expect(changes).toMatchObject({ all: false, changed: ['skills/alpha', 'skills/beta', 'skills/delta'] })
    const noSince = await detectChanges(query(), origin.skills(), origin.dir, recordingLogger())
    expect(noSince).toMatchObject({ all: true, reason: 'No event and no base ref: every skill is handled.' })
  })

  it('refuses an explicit base outside a git work tree: nothing to resolve it in', async () => {
    const folder = tempFolder()
    mkdirSync(join(folder, 'a'))
    await expect(
      detectChanges(query({ since: 'main' }), [{ dir: join(folder, 'a'), path: 'a' }], folder, recordingLogger())
    ).rejects.toThrow(/main: .* is not inside a git work tree/)
  })

  it('refuses an explicit base that names no commit, rather than handling every skill', async () => {
    const origin = repoWithSkills()
    await expect(detectChanges(query({ since: 'nosuchref' }), origin.skills(), origin.dir, recordingLogger())).rejects.toThrow(
      "Base nosuchref: not a commit in this repository, nor one 'origin' could send."
    )
  })
})

describe('changedOnly', () => {
  it('false handles every skill even for a push, and says so', async () => {
    const origin = repoWithSkills()
    const before = origin.head()
    origin.write({ 'skills/beta/x.md': 'x\n' })
    const after = origin.commit('beta')
    const changes = await detectChanges(
      query({ changedOnly: 'false', eventName: 'push', eventPayload: { ref: 'refs/heads/main', before, after } }),
      origin.skills(),
      origin.dir,
      recordingLogger()
    )
    expect(changes).toMatchObject({
      all: true,
      changed: ['skills/alpha', 'skills/beta', 'skills/gamma'],
      reason: 'changed-only is off: every skill is handled.'
    })
  })

  it('true compares pushes and says a dispatch run has no range', async () => {
    const origin = repoWithSkills()
    const before = origin.head()
    origin.write({ 'skills/beta/x.md': 'x\n' })
    const after = origin.commit('beta')
    const push = await detectChanges(
      query({ changedOnly: 'true', eventName: 'push', eventPayload: { ref: 'refs/heads/main', before, after } }),
      origin.skills(),
      origin.dir,
      recordingLogger()
    )
    expect(push).toMatchObject({ all: false, changed: ['skills/beta'] })
    const dispatch = await detectChanges(
      query({ changedOnly: 'true', eventName: 'workflow_dispatch', eventPayload: {} }),
      origin.skills(),
      origin.dir,
      recordingLogger()
    )
    expect(dispatch).toMatchObject({ all: true, reason: expect.stringContaining('has no range to compare') })
  })
})

describe('shallow clones', () => {
  function longHistory(): { origin: TestRepo; before: string; after: string } {
    const origin = repoWithSkills()
    const before = origin.head()
    origin.write({ 'skills/alpha/x.md': '1\n' })
    origin.commit('1')
    for (let index = 2; index <= 6; index++) {
      origin.write({ 'README.md': `${index}\n` })
      origin.commit(String(index))
    }
    return { origin, before, after: origin.head() }
  }

  it('deepens a depth-1 clone until the range is there', async () => {
    const { origin, before, after } = longHistory()
    const clone = origin.clone({ depth: 1 })
    const payload = { ref: 'refs/heads/main', before, after }
    const changes = await detectChanges(
      query({ eventName: 'push', eventPayload: payload }),
      clone.skills(),
      clone.dir,
      recordingLogger(),
      STEPS
    )
    expect(changes).toMatchObject({ all: false, changed: ['skills/alpha'] })
    expect(changes.notes.join(' ')).toMatch(/Shallow clone: fetched/)
  })

  it('unshallows after the bounded steps when needed', async () => {
    const { origin, before, after } = longHistory()
    const clone = origin.clone({ depth: 1 })
    const payload = { ref: 'refs/heads/main', before, after }
    const changes = await detectChanges(query({ eventName: 'push', eventPayload: payload }), clone.skills(), clone.dir, recordingLogger(), {
      deepenSteps: [1]
    })
    expect(changes).toMatchObject({ all: false, changed: ['skills/alpha'] })
    expect(changes.notes.join(' ')).toContain('fetched the whole history')
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('false')
  })

  it('falls back to the compare API when history cannot be fetched', async () => {
    const { origin, before, after } = longHistory()
    const clone = origin.clone({ depth: 1 })
    clone.git('remote', 'remove', 'origin')
    const files: FileChange[] = [
      { status: 'modified', path: 'skills/gamma/SKILL.md' },
      { status: 'renamed', previousPath: 'skills/old/SKILL.md', path: 'skills/alpha/old.md' }
    ]
    const api = fakeCompareApi({ files, complete: true, status: 'ahead', mergeBase: before })
    const payload = { ref: 'refs/heads/main', before, after }
    const changes = await detectChanges(query({ eventName: 'push', eventPayload: payload }), clone.skills(), clone.dir, recordingLogger(), {
      compareApi: api
    })
    expect(api.calls).toEqual([`${before}...${after}`])
    expect(changes).toMatchObject({ all: false, changed: ['skills/alpha', 'skills/gamma'], removed: ['skills/old'] })
    expect(changes.reason).toContain('(via compare API)')
    expect(changes.notes.join(' ')).toContain("used GitHub's compare API")
  })

  it.each([
    ['no compare API', undefined, /is not in the clone and could not be fetched from 'origin'/],
    ['a failing compare API', fakeCompareApi(new Error('HTTP 404')), /compare API failed: HTTP 404/],
    ['a truncated compare API answer', fakeCompareApi({ files: [], complete: false }), /too many files/]
  ])('handles every skill, with a note, when nothing is available (%s)', async (_, compareApi, why) => {
    const { origin, before, after } = longHistory()
    const clone = origin.clone({ depth: 1 })
    clone.git('remote', 'remove', 'origin')
    const payload = { ref: 'refs/heads/main', before, after }
    const changes = await detectChanges(
      query({ eventName: 'push', eventPayload: payload }),
      clone.skills(),
      clone.dir,
      recordingLogger(),
      compareApi ? { compareApi } : {}
    )
    expect(changes).toMatchObject({ all: true, changed: ['skills/alpha', 'skills/beta', 'skills/gamma'] })
    expect(changes.reason).toContain('could not be compared')
    expect(changes.notes.join(' ')).toMatch(why)
  })
})

describe('what a change touches', () => {
  async function pushOf(edit: (repo: TestRepo) => void, sharedPaths: string[] = []) {
    const origin = repoWithSkills()
    origin.write({ 'skills/alpha/inner/SKILL.md': skill('inner') })
    const before = origin.commit('nested')
    edit(origin)
    const after = origin.commit('edit')
    const payload = { ref: 'refs/heads/main', before, after }
    return detectChanges(query({ eventName: 'push', eventPayload: payload, sharedPaths }), origin.skills(), origin.dir, recordingLogger())
  }

  it('a renamed skill folder: new path changed, old path removed', async () => {
    const changes = await pushOf((repo) => {
      mkdirSync(join(repo.dir, 'tools'))
      repo.git('mv', 'skills/gamma', 'tools/gamma')
    })
    expect(changes).toMatchObject({ all: false, changed: ['tools/gamma'], removed: ['skills/gamma'] })
  })

  it('a deleted skill is removed and not changed', async () => {
    const changes = await pushOf((repo) => repo.remove('skills/beta'))
    expect(changes).toMatchObject({ all: false, changed: [], removed: ['skills/beta'] })
  })

  it('a change inside a nested skill changes only the nested skill', async () => {
    const changes = await pushOf((repo) => repo.write({ 'skills/alpha/inner/x.md': 'x\n' }))
    expect(changes).toMatchObject({ all: false, changed: ['skills/alpha/inner'], removed: [] })
  })

  it('a change to a shared path changes every skill', async () => {
    const changes = await pushOf((repo) => repo.write({ 'shared/common.md': 'changed\n' }), ['shared/**'])
    expect(changes).toMatchObject({ all: true, changed: ['skills/alpha', 'skills/alpha/inner', 'skills/beta', 'skills/gamma'] })
    expect(changes.reason).toContain('shared path shared/common.md changed')
  })

  it('a change outside every skill changes nothing', async () => {
    const changes = await pushOf((repo) => repo.write({ 'README.md': 'changed\n' }))
    expect(changes).toMatchObject({ all: false, changed: [], removed: [], notes: [] })
  })

  it('odd file names: spaces, unicode and a newline', async () => {
    const origin = repoWithSkills()
    origin.write({ 'odd skills/ünï cödé/SKILL.md': skill('unicode'), 'odd skills/line\nbreak/SKILL.md': skill('newline') })
    const before = origin.commit('odd skills')
    origin.write({ 'odd skills/ünï cödé/a "quoted"\tfile.md': 'x\n', 'odd skills/line\nbreak/new\nline.md': 'x\n' })
    const after = origin.commit('odd files')
    const payload = { ref: 'refs/heads/main', before, after }
    const changes = await detectChanges(query({ eventName: 'push', eventPayload: payload }), origin.skills(), origin.dir, recordingLogger())
    expect(changes).toMatchObject({ all: false, changed: ['odd skills/line\nbreak', 'odd skills/ünï cödé'], removed: [] })
  })

  it('maps paths relative to a root below the top of the work tree', async () => {
    const origin = TestRepo.init()
    origin.write({ 'packages/skills/a/SKILL.md': skill('a'), 'packages/skills/b/SKILL.md': skill('b'), 'other/x.md': 'x\n' })
    const before = origin.commit('initial')
    origin.write({ 'packages/skills/b/x.md': 'x\n', 'other/x.md': 'y\n' })
    const after = origin.commit('b')
    const root = join(origin.dir, 'packages')
    const skills = [
      { dir: join(root, 'skills/a'), path: 'skills/a' },
      { dir: join(root, 'skills/b'), path: 'skills/b' }
    ]
    const changes = await detectChanges(
      query({ eventName: 'push', eventPayload: { ref: 'refs/heads/main', before, after } }),
      skills,
      root,
      recordingLogger()
    )
    expect(changes).toMatchObject({ all: false, changed: ['skills/b'] })
    expect(changes.reason).toContain('1 changed file,')
  })
})
