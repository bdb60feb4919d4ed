import { parseSkillMarkdown } from '../../src/core/skillmd.js'
import { resolveVersion, withPrerelease } from '../../src/core/version.js'
import { validateManifest } from '../../src/core/validate.js'

const skill = (extra: string) => parseSkillMarkdown(`---\nname: s\ndescription: d\n${extra}---\n`, 's/SKILL.md')

describe('resolveVersion', () => {
  const both = skill('version: 1.0.0\nmetadata:\n  version: 2.0.0\n')

  it('prefers explicit input, then the tag, then frontmatter, then metadata', () => {
    expect(resolveVersion(both, { explicit: '9.0.0', tagVersion: '8.0.0' })).toEqual({ value: '9.0.0', source: 'input' })
    expect(resolveVersion(both, { tagVersion: '8.0.0' })).toEqual({ value: '8.0.0', source: 'tag' })
    expect(resolveVersion(both, {})).toEqual({ value: '1.0.0', source: 'frontmatter', line: 4, column: 10 })
    expect(resolveVersion(skill('metadata:\n  version: 2.0.0\n'), {})).toEqual({ value: '2.0.0', source: 'metadata', line: 5, column: 12 })
    expect(resolveVersion(skill(''), {})).toEqual({ source: 'none' })
  })

  it('treats blank inputs and empty values as absent', () => {
    expect(resolveVersion(both, { explicit: '  ', tagVersion: '' }).source).toBe('frontmatter')
    expect(resolveVersion(skill('version:\nmetadata:\n  version: "3.0.0"\n'), {})).toMatchObject({ value: '3.0.0', source: 'metadata' })
  })

  it('keeps the version as written, not as YAML would read it', () => {
    expect(resolveVersion(skill('version: 1.10\n'), {}).value).toBe('1.10')
    expect(resolveVersion(skill('metadata:\n  version: 2\n'), {}).value).toBe('2')
  })

  it('appends a pre-release suffix without touching SKILL.md', () => {
    const manifest = skill('metadata:\n  version: 1.2.0\n')
    expect(resolveVersion(manifest, { prerelease: 'pr.42.abc1234' })).toMatchObject({
      value: '1.2.0-pr.42.abc1234',
      source: 'metadata',
      line: 5
    })
    expect(manifest.frontmatterText).toEqual({ name: 's', description: 'd', metadata: { version: '1.2.0' } })
    expect(resolveVersion(skill(''), { prerelease: 'pr.1' })).toEqual({ source: 'none' })
  })

  it('extends an existing pre-release and keeps build metadata last', () => {
    expect(withPrerelease('1.2.0', 'pr.42.abc1234')).toBe('1.2.0-pr.42.abc1234')
    expect(withPrerelease('1.2.0-beta.1', 'pr.42')).toBe('1.2.0-beta.1.pr.42')
    expect(withPrerelease('1.2.0+build.5', 'pr.42')).toBe('1.2.0-pr.42+build.5')
    expect(withPrerelease('1.2.0-rc.1+build.5', '-pr.7')).toBe('1.2.0-rc.1.pr.7+build.5')
    expect(withPrerelease('1.2.0', '  ')).toBe('1.2.0')
  })
})

describe('version/invalid', () => {
  const judge = (manifest: ReturnType<typeof skill>, options = {}) =>
    validateManifest(manifest, { profile: 'clawhub', version: resolveVersion(manifest, options) }).filter(
      (d) => d.ruleId === 'version/invalid'
    )

  it('says where the version came from, with the line for the file', () => {
    const [fromFile] = judge(skill('metadata:\n  version: "1.0"\n'))
    expect(fromFile).toMatchObject({ line: 5, column: 12, severity: 'error' })
    expect(fromFile!.message).toBe(
      "Version '1.0' from SKILL.md's field 'metadata.version' (line 5) is not valid semver. Use all three parts, e.g. 1.0.0."
    )
    const [fromInput] = judge(skill(''), { explicit: 'v1.2.3' })
    expect(fromInput).toMatchObject({ line: 1, column: 1 })
    expect(fromInput!.message).toBe('Version \'v1.2.3\' from the version input is not valid semver. Drop the leading "v": 1.2.3.')
    expect(judge(skill(''), { tagVersion: 'latest' })[0]!.message).toMatch(/from the pushed tag is not valid semver/)
    expect(judge(skill('version: 1.0.0\n'), {})[0]).toBeUndefined()
  })

  it('judges the version with its pre-release suffix', () => {
    expect(judge(skill('version: 1.0.0\n'), { prerelease: 'pr.3.abc' })).toEqual([])
    expect(judge(skill('version: 1.0.0\n'), { prerelease: 'pr.3.007' })).toHaveLength(1)
    expect(judge(skill('version: 1.0.0\n'), { prerelease: 'pr_3' })).toHaveLength(1)
  })
})
