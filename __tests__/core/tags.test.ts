import { DEFAULT_TAG_PATTERNS } from '../../src/config.js'
import { parseTag, previousTagCandidates } from '../../src/core/tags.js'

describe('parseTag', () => {
  it('parses the default forms', () => {
    expect(parseTag('v1.2.3', DEFAULT_TAG_PATTERNS)).toEqual({ version: '1.2.3', pattern: 'v{version}' })
    expect(parseTag('pdf-tools@1.2.3', DEFAULT_TAG_PATTERNS)).toEqual({ name: 'pdf-tools', version: '1.2.3', pattern: '{name}@{version}' })
    expect(parseTag('pdf-tools/v2.0.0-rc.1', DEFAULT_TAG_PATTERNS)).toEqual({
      name: 'pdf-tools',
      version: '2.0.0-rc.1',
      pattern: '{name}/v{version}'
    })
  })

  it('accepts a full ref name', () => {
    expect(parseTag('refs/tags/v0.1.0', DEFAULT_TAG_PATTERNS)?.version).toBe('0.1.0')
  })

  it('finds the split that leaves a semver version', () => {
    expect(parseTag('@scope/tool@1.0.0+build.5', DEFAULT_TAG_PATTERNS)).toMatchObject({ name: '@scope/tool', version: '1.0.0+build.5' })
    expect(parseTag('my-2-tool-1.0.0-rc.1', ['{name}-{version}'])).toMatchObject({ name: 'my-2-tool', version: '1.0.0-rc.1' })
    expect(parseTag('a/v1/v3.0.0', DEFAULT_TAG_PATTERNS)).toMatchObject({ name: 'a/v1', version: '3.0.0' })
  })

  it('rejects tags that carry no strict semver version', () => {
    expect(parseTag('vnext', DEFAULT_TAG_PATTERNS)).toBeUndefined()
    expect(parseTag('v1.2', DEFAULT_TAG_PATTERNS)).toBeUndefined()
    expect(parseTag('v01.2.3', DEFAULT_TAG_PATTERNS)).toBeUndefined()
    expect(parseTag('release-2024', DEFAULT_TAG_PATTERNS)).toBeUndefined()
    expect(parseTag('@1.2.3', DEFAULT_TAG_PATTERNS)).toBeUndefined()
  })

  it('uses patterns in order and escapes their literal parts', () => {
    expect(parseTag('release.1.0.0', ['release.{version}'])).toEqual({ version: '1.0.0', pattern: 'release.{version}' })
    expect(parseTag('releaseX1.0.0', ['release.{version}'])).toBeUndefined()
    expect(parseTag('skill+1.0.0', ['{name}+{version}', '{version}'])).toMatchObject({ name: 'skill' })
  })

  it('skips patterns without exactly one {version}', () => {
    expect(parseTag('x', ['{name}'])).toBeUndefined()
    expect(parseTag('x-1.0.0', ['{name}-{version}-{version}'])).toBeUndefined()
    expect(parseTag('1.0.0', ['{version}-{version}', '{version}'])).toEqual({ version: '1.0.0', pattern: '{version}' })
  })
})

describe('previousTagCandidates', () => {
  const current = parseTag('v1.3.0', DEFAULT_TAG_PATTERNS)!

  it('orders older repository tags of the same pattern by semver, newest first', () => {
    const tags = ['v1.0.0', 'v1.10.0', 'v1.2.0', 'v1.2.0-rc.1', 'v1.3.0', 'v1.3.1', 'tool@1.2.9', 'release', 'v1.1.0']
    expect(previousTagCandidates(current, tags, DEFAULT_TAG_PATTERNS)).toEqual(['v1.2.0', 'v1.2.0-rc.1', 'v1.1.0', 'v1.0.0'])
  })

  it('returns nothing for the first tag', () => {
    expect(previousTagCandidates(current, ['v1.3.0', 'v2.0.0', 'a@1.0.0'], DEFAULT_TAG_PATTERNS)).toEqual([])
  })

  it('keeps per-skill tags to the same skill', () => {
    const skillTag = parseTag('a@1.3.0', DEFAULT_TAG_PATTERNS)!
    expect(previousTagCandidates(skillTag, ['a@1.2.0', 'b@1.2.0', 'a/v1.1.0', 'v1.0.0'], DEFAULT_TAG_PATTERNS)).toEqual(['a@1.2.0'])
  })
})
