import { parseSkillMarkdown, type SkillManifest } from '../../src/core/skillmd.js'
import { findDuplicateNames, RULES, validateManifest } from '../../src/core/validate.js'
import { appliesTo, CHECKS } from '../../src/core/rules/index.js'
import { resolveVersion } from '../../src/core/version.js'
import type { Profile } from '../../src/core/types.js'

const DESCRIPTION = 'Does a thing. Use it when a thing is needed.'

function skill(frontmatter: string, folder = 'my-skill', body = '# Body\n'): SkillManifest {
  return parseSkillMarkdown(`---\n${frontmatter}---\n${body}`, `skills/${folder}/SKILL.md`, {
    location: { dir: '', path: `skills/${folder}` }
  })
}

function check(manifest: SkillManifest, profile: Profile = 'spec', files?: Array<{ path: string; size: number }>) {
  return validateManifest(manifest, { profile, version: resolveVersion(manifest, {}), files })
}
const messages = (manifest: SkillManifest, profile: Profile = 'spec') => check(manifest, profile).map((d) => d.message)

describe('spec profile speaks like skills-ref validate', () => {
  it('words the name checks as the reference does, then names the value and the fix', () => {
    expect(messages(skill(`name: -My--Skill_-\ndescription: ${DESCRIPTION}\n`, 'my-skill'))).toEqual([
      "Skill name '-My--Skill_-' must be lowercase; try 'my-skill'.",
      "Skill name cannot start or end with a hyphen: '-My--Skill_-'; try 'my-skill'.",
      "Skill name cannot contain consecutive hyphens: '-My--Skill_-'; try 'my-skill'.",
      "Skill name '-My--Skill_-' contains invalid characters. Only letters, digits, and hyphens are allowed. Found '_', try 'my-skill'.",
      "Directory name 'my-skill' must match skill name '-My--Skill_-'; rename the folder to '-My--Skill_-' or set name: my-skill."
    ])
    expect(messages(skill(`name: My-Skill\ndescription: d\n`, 'My-Skill'))).toEqual([
      "Skill name 'My-Skill' must be lowercase; try 'my-skill'."
    ])
    const long = 'a'.repeat(65)
    expect(messages(skill(`name: ${long}\ndescription: d\n`, long))).toEqual([
      `Skill name '${long}' exceeds 64 character limit (65 chars); shorten it by 1.`
    ])
  })

  it('words required fields, types and lengths as the reference does', () => {
    expect(messages(skill('license: MIT\n'))).toEqual([
      "Missing required field in frontmatter: name. Add name: my-skill (the folder's name).",
      'Missing required field in frontmatter: description. Add one that says what the skill does and when to use it.'
    ])
    expect(messages(skill('name: ""\ndescription:\n'))).toEqual([
      "Field 'name' must be a non-empty string; found a string. Write name: my-skill.",
      "Field 'description' must be a non-empty string; found empty. Say what the skill does and when to use it."
    ])
    expect(messages(skill(`name: my-skill\ndescription: ${'d'.repeat(1025)}\ncompatibility: ${'c'.repeat(501)}\n`))).toEqual([
      'Description exceeds 1024 character limit (1025 chars); shorten it by 1 and move detail into the body.',
      'Compatibility exceeds 500 character limit (501 chars); shorten it by 1.'
    ])
    expect(messages(skill('name: my-skill\ndescription: d\ncompatibility:\n  - a\n'))).toEqual([
      "Field 'compatibility' must be a string; found a list. Write it as one line of text, e.g. compatibility: Requires Python 3.11+."
    ])
  })

  it('lists every unknown field in one sorted message, and the allowed fields as the reference prints them', () => {
    expect(messages(skill(`name: my-skill\ndescription: d\nversion: 1.0.0\n`))).toEqual([
      "Unexpected fields in frontmatter: version. Only ['allowed-tools', 'compatibility', 'description', 'license', 'metadata', 'name'] are allowed. Move them under metadata (metadata.version for the version) or remove them."
    ])
    expect(messages(skill(`name: my-skill\ndescription: d\nauthor: a\nversion: 1.0.0\n`), 'clawhub')).toEqual([
      "Unexpected fields in frontmatter: author. Only ['allowed-tools', 'compatibility', 'description', 'license', 'metadata', 'name', 'version'] are allowed. Move them under metadata or remove them."
    ])
    const [both] = check(skill(`name: my-skill\ndescription: d\nzeta: 1\nalpha: 2\n`))
    expect(both!.message).toMatch(/^Unexpected fields in frontmatter: alpha, zeta\. Only \[/)
    expect(both!.line).toBe(4)
  })

  it('counts code points, and NFKC-normalises the name (not the description)', () => {
    expect(check(skill(`name: my-skill\ndescription: ${'😀'.repeat(1024)}\n`))).toEqual([])
    expect(check(skill(`name: ${'é'.repeat(64)}\ndescription: d\n`, 'é'.repeat(64)))).toEqual([])
    // U+FB01 (ﬁ) becomes "fi" under NFKC: the name is compared with the folder after normalising both.
    expect(check(skill('name: \uFB01le-tools\ndescription: d\n', 'file-tools'))).toEqual([])
  })

  it('accepts unicode letters and digits in names, as the reference does', () => {
    expect(check(skill('name: données-２\ndescription: d\n', 'données-2'))).toEqual([])
    expect(check(skill('name: 日本語\ndescription: d\n', '日本語'))).toEqual([])
    expect(check(skill('name: skill✓\ndescription: d\n', 'skill✓')).map((d) => d.ruleId)).toEqual(['spec/name-characters'])
  })

  it('points at the value concerned', () => {
    const [diagnostic] = check(skill('description: d\nname: Upper\n', 'Upper'))
    expect(diagnostic).toEqual({
      ruleId: 'spec/name-lowercase',
      severity: 'error',
      message: "Skill name 'Upper' must be lowercase; try 'upper'.",
      file: 'skills/Upper/SKILL.md',
      line: 3,
      column: 7
    })
  })

  it('skips frontmatter rules when the frontmatter did not parse', () => {
    expect(check(parseSkillMarkdown('---\nname: [\n---\n', 'a/SKILL.md'))).toEqual([])
  })
})

describe('warnings the reference lacks', () => {
  it('flags allowed-tools that is not a string, and metadata values that are not strings', () => {
    const manifest = skill('name: my-skill\ndescription: d\nallowed-tools:\n  - Read\nmetadata:\n  n: 3\n  ok: "3"\n')
    expect(check(manifest).map((d) => [d.ruleId, d.severity, d.line])).toEqual([
      ['spec/allowed-tools-type', 'warning', 5],
      ['spec/metadata-value-type', 'warning', 7]
    ])
  })

  it('checks body links against the packaged file list when given', () => {
    const manifest = skill(
      'name: my-skill\ndescription: d\n',
      'my-skill',
      'See [a](references/a.md), [b](references/b.md "B") and ![c](<assets/c d.png>).\n'
    )
    const files = [
      { path: 'SKILL.md', size: 10 },
      { path: 'references/a.md', size: 1 },
      { path: 'assets/c d.png', size: 1 }
    ]
    const diagnostics = check(manifest, 'spec', files)
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['spec/file-reference-missing', 5, 31]])
    expect(diagnostics[0]!.message).toBe(
      'The body refers to references/b.md, but the skill has no file references/b.md: add it or fix the link.'
    )
  })

  it('judges nothing missing when neither a file list nor a folder is known', () => {
    expect(check(skill('name: my-skill\ndescription: d\n', 'my-skill', '[x](nothing.md)\n'))).toEqual([])
  })
})

describe('registry profiles', () => {
  const named = (name: string, extra = '') => skill(`name: ${name}\ndescription: ${DESCRIPTION}\n${extra}`, name)
  const ruleIds = (manifest: SkillManifest, profile: Profile, files?: Array<{ path: string; size: number }>) =>
    check(manifest, profile, files).map((d) => d.ruleId)

  it('clawhub: slug shape, reserved words and protected namespaces', () => {
    expect(ruleIds(named('admin'), 'clawhub')).toEqual(['clawhub/reserved-slug'])
    expect(ruleIds(named('null'), 'clawhub')).toEqual(['clawhub/reserved-slug'])
    expect(ruleIds(named('clawhub-sync'), 'clawhub')).toEqual(['clawhub/protected-slug'])
    expect(ruleIds(named('sync-verified'), 'clawhub')).toEqual(['clawhub/protected-slug'])
    expect(ruleIds(named('verifiedsync'), 'clawhub')).toEqual([])
    expect(ruleIds(named('ab'), 'clawhub')).toEqual(['clawhub/slug-format'])
    expect(ruleIds(named('a'.repeat(49)), 'clawhub')).toEqual(['clawhub/slug-long'])
    expect(ruleIds(skill(`name: ${'a'.repeat(97)}\ndescription: d\n`, 'a'.repeat(97)), 'clawhub')).toEqual([
      'spec/name-too-long',
      'clawhub/slug-format'
    ])
    expect(ruleIds(named('admin'), 'spec')).toEqual([])
  })

  it('clawhub: 10 MB per file and 50 MB per skill, from the listed sizes', () => {
    const MB = 1024 * 1024
    const files = [
      { path: 'SKILL.md', size: 100 },
      { path: 'data/big.bin', size: 11 * MB },
      { path: 'skill-card.md', size: 60 * MB }
    ]
    const diagnostics = check(named('sizes'), 'clawhub', files)
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['clawhub/file-too-large'])
    expect(diagnostics[0]!.message).toMatch(/"data\/big\.bin" is 11\.0 MB/)
    const many = Array.from({ length: 6 }, (_, index) => ({ path: `part${index}.bin`, size: 9 * MB }))
    expect(ruleIds(named('sizes'), 'clawhub', many)).toEqual(['clawhub/skill-too-large'])
  })

  it('artifactory: ASCII slug', () => {
    expect(ruleIds(named('ünïcode'), 'artifactory')).toEqual(['artifactory/slug-format'])
    expect(ruleIds(named('9lives', 'version: 1.0.0\n'), 'artifactory')).toEqual([])
  })

  it('fastskill: package name, byte-counted description, string metadata, path-safe version', () => {
    expect(ruleIds(named('ünïcode'), 'fastskill')).toEqual(['fastskill/name-format'])
    expect(ruleIds(skill(`name: fs\ndescription: ${'é'.repeat(600)}\n`, 'fs'), 'fastskill')).toEqual(['fastskill/description-length'])
    expect(ruleIds(named('fs', 'metadata: plain\n'), 'fastskill')).toEqual(['spec/metadata-type', 'fastskill/metadata-not-string'])
    const manifest = named('fs')
    const unsafe = validateManifest(manifest, { profile: 'fastskill', version: { value: '1.0.0/../x', source: 'input' } }).map(
      (d) => d.ruleId
    )
    expect(unsafe).toEqual(['version/invalid', 'fastskill/version-path-unsafe'])
  })
})

describe('findDuplicateNames', () => {
  it('reports each skill sharing a name, naming the other folders', () => {
    const first = parseSkillMarkdown('---\nname: same\ndescription: d\n---\n', 'a/same/SKILL.md')
    const second = parseSkillMarkdown('---\ndescription: d\nname: same\n---\n', 'b/same/SKILL.md')
    const other = parseSkillMarkdown('---\nname: other\ndescription: d\n---\n', 'c/other/SKILL.md')
    const diagnostics = findDuplicateNames([second, other, first])
    expect(diagnostics.map((d) => [d.ruleId, d.file, d.line, d.column])).toEqual([
      ['repo/duplicate-name', 'a/same/SKILL.md', 2, 7],
      ['repo/duplicate-name', 'b/same/SKILL.md', 3, 7]
    ])
    expect(diagnostics[0]!.message).toMatch(/'same' in a\/same is also used by b\/same/)
  })

  it('compares names after stripping and NFKC, and ignores unnamed skills', () => {
    const first = parseSkillMarkdown('---\nname: " ｓame "\ndescription: d\n---\n', 'a/same/SKILL.md')
    const second = parseSkillMarkdown('---\nname: same\ndescription: d\n---\n', 'b/same/SKILL.md')
    const unnamed = parseSkillMarkdown('---\ndescription: d\n---\n', 'c/x/SKILL.md')
    expect(findDuplicateNames([first, second, unnamed, unnamed])).toHaveLength(2)
  })
})

describe('RULES catalogue', () => {
  it('has unique ids, each with a summary, and lists every check and stage rule', () => {
    const ids = RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of RULES) expect(rule.summary.length).toBeGreaterThan(10)
    for (const check of CHECKS) expect(ids).toContain(check.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'skillmd/yaml-invalid',
        'repo/duplicate-name',
        'version/missing',
        'version/tag-mismatch',
        'clawhub/reserved-slug'
      ])
    )
  })

  it('limits registry rules to their profile', () => {
    const clawhub = RULES.find((rule) => rule.id === 'clawhub/reserved-slug')!
    expect(appliesTo(clawhub, 'clawhub')).toBe(true)
    expect(appliesTo(clawhub, 'spec')).toBe(false)
    expect(
      appliesTo(
        RULES.find((rule) => rule.id === 'spec/yaml-strict')!,
        'fastskill'
      )
    ).toBe(false)
  })
})
