// The reference validator's own test cases (agentskills/agentskills skills-ref/tests/test_validator.py
// and test_parser.py, at 69ef37e), ported as a table: each skill folder as the reference test
// writes it, what the reference reports (the words its test asserts), and what skillpub reports
// under the spec profile. Where we differ on purpose, the last column says why; everywhere else
// our message must carry the reference's words, so that the two can be compared line by line.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { discoverSkills, UnmatchedPatternsError } from '../../src/core/discover.js'
import { readSkillManifest } from '../../src/core/skillmd.js'
import { validateManifest } from '../../src/core/validate.js'
import { resolveVersion } from '../../src/core/version.js'

const fm = (body: string) => `---\n${body}---\nBody\n`

interface Case {
  /** The reference test's name. */
  test: string
  /** Folder given to the validator, relative to the temp root. */
  folder: string
  /** Files to write, relative to the temp root. */
  files: Record<string, string>
  /** What the reference's test asserts: [] for no errors, else words one of its errors contains. */
  reference: string[]
  /** skillpub's rule ids; `usage-error` when the folder is no skill at all (the CLI exits 2). */
  ours: string[]
  /** Why we differ, when we do on purpose. */
  differs?: string
}

const long = 'a'.repeat(70)
const CASES: Case[] = [
  {
    test: 'test_valid_skill',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('name: my-skill\ndescription: A test skill\n') },
    reference: [],
    ours: []
  },
  {
    test: 'test_nonexistent_path',
    folder: 'nonexistent',
    files: {},
    reference: ['does not exist'],
    ours: ['usage-error'],
    differs: 'a path that selects no skill is a mistake in the paths input: exit 2 naming the path, not a skill verdict'
  },
  {
    test: 'test_not_a_directory',
    folder: 'file.txt',
    files: { 'file.txt': 'test' },
    reference: ['Not a directory'],
    ours: ['usage-error'],
    differs: 'as above: no skill folder there, so a usage error naming the path'
  },
  {
    test: 'test_missing_skill_md',
    folder: 'my-skill',
    files: { 'my-skill/notes.md': 'no SKILL.md here' },
    reference: ['Missing required file: SKILL.md'],
    ours: ['usage-error'],
    differs:
      'a folder without SKILL.md (in any casing) is not a skill; skillpub searches whole repositories, where most folders are not skills'
  },
  {
    test: 'test_invalid_name_uppercase',
    folder: 'MySkill',
    files: { 'MySkill/SKILL.md': fm('name: MySkill\ndescription: A test skill\n') },
    reference: ['lowercase'],
    ours: ['spec/name-lowercase']
  },
  {
    test: 'test_name_too_long',
    folder: long,
    files: { [`${long}/SKILL.md`]: fm(`name: ${long}\ndescription: A test skill\n`) },
    reference: ['exceeds', 'character limit'],
    ours: ['spec/name-too-long']
  },
  {
    test: 'test_name_leading_hyphen',
    folder: '-my-skill',
    files: { '-my-skill/SKILL.md': fm('name: -my-skill\ndescription: A test skill\n') },
    reference: ['cannot start or end with a hyphen'],
    ours: ['spec/name-hyphen-edge']
  },
  {
    test: 'test_name_consecutive_hyphens',
    folder: 'my--skill',
    files: { 'my--skill/SKILL.md': fm('name: my--skill\ndescription: A test skill\n') },
    reference: ['consecutive hyphens'],
    ours: ['spec/name-consecutive-hyphens']
  },
  {
    test: 'test_name_invalid_characters',
    folder: 'my_skill',
    files: { 'my_skill/SKILL.md': fm('name: my_skill\ndescription: A test skill\n') },
    reference: ['invalid characters'],
    ours: ['spec/name-characters']
  },
  {
    test: 'test_name_directory_mismatch',
    folder: 'wrong-name',
    files: { 'wrong-name/SKILL.md': fm('name: correct-name\ndescription: A test skill\n') },
    reference: ['must match skill name'],
    ours: ['spec/name-directory-mismatch']
  },
  {
    test: 'test_unexpected_fields',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('name: my-skill\ndescription: A test skill\nunknown_field: should not be here\n') },
    reference: ['Unexpected fields'],
    ours: ['spec/unknown-field']
  },
  {
    test: 'test_valid_with_all_fields',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('name: my-skill\ndescription: A test skill\nlicense: MIT\nmetadata:\n  author: Test\n') },
    reference: [],
    ours: []
  },
  {
    test: 'test_allowed_tools_accepted',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('name: my-skill\ndescription: A test skill\nallowed-tools: Bash(jq:*) Bash(git:*)\n') },
    reference: [],
    ours: []
  },
  {
    test: 'test_i18n_chinese_name',
    folder: '技能',
    files: { '技能/SKILL.md': fm('name: 技能\ndescription: A skill with Chinese name\n') },
    reference: [],
    ours: []
  },
  {
    test: 'test_i18n_russian_name_with_hyphens',
    folder: 'мой-навык',
    files: { 'мой-навык/SKILL.md': fm('name: мой-навык\ndescription: A skill with Russian name\n') },
    reference: [],
    ours: []
  },
  {
    test: 'test_i18n_russian_lowercase_valid',
    folder: 'навык',
    files: { 'навык/SKILL.md': fm('name: навык\ndescription: A skill with Russian lowercase name\n') },
    reference: [],
    ours: []
  },
  {
    test: 'test_i18n_russian_uppercase_rejected',
    folder: 'НАВЫК',
    files: { 'НАВЫК/SKILL.md': fm('name: НАВЫК\ndescription: A skill with Russian uppercase name\n') },
    reference: ['lowercase'],
    ours: ['spec/name-lowercase']
  },
  {
    test: 'test_description_too_long',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm(`name: my-skill\ndescription: ${'x'.repeat(1100)}\n`) },
    reference: ['exceeds', '1024'],
    ours: ['spec/description-too-long']
  },
  {
    test: 'test_valid_compatibility',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('name: my-skill\ndescription: A test skill\ncompatibility: Requires Python 3.11+\n') },
    reference: [],
    ours: []
  },
  {
    test: 'test_compatibility_too_long',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm(`name: my-skill\ndescription: A test skill\ncompatibility: ${'x'.repeat(550)}\n`) },
    reference: ['exceeds', '500'],
    ours: ['spec/compatibility-too-long']
  },
  {
    test: 'test_nfkc_normalization',
    folder: 'café',
    files: { 'café/SKILL.md': fm('name: cafe\u0301\ndescription: A test skill\n') },
    reference: [],
    ours: []
  },
  // test_parser.py
  {
    test: 'test_missing_frontmatter',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': '# No frontmatter here' },
    reference: ['must start with YAML frontmatter'],
    ours: ['skillmd/frontmatter-missing']
  },
  {
    test: 'test_unclosed_frontmatter',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': '---\nname: my-skill\ndescription: A test skill\n' },
    reference: ['not properly closed'],
    ours: ['skillmd/frontmatter-unclosed']
  },
  {
    test: 'test_invalid_yaml',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': '---\nname: [invalid\ndescription: broken\n---\nBody here\n' },
    reference: ['Invalid YAML'],
    ours: ['skillmd/yaml-invalid']
  },
  {
    test: 'test_non_dict_frontmatter',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': '---\n- just\n- a\n- list\n---\nBody\n' },
    reference: ['must be a YAML mapping'],
    ours: ['skillmd/frontmatter-not-mapping']
  },
  {
    test: 'test_read_with_metadata',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('name: my-skill\ndescription: A test skill\nmetadata:\n  author: Test Author\n  version: 1.0\n') },
    reference: [],
    ours: ['spec/metadata-value-type', 'version/metadata-not-semver'],
    differs:
      'two warnings, no error (exit 0): YAML 1.2 readers (registries) see the number 1, not "1.0", so we advise quoting; and metadata.version is data under the spec, but the semver registries would refuse "1.0"'
  },
  {
    test: 'test_missing_name',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('description: A test skill\n') },
    reference: ['Missing required field in frontmatter: name'],
    ours: ['spec/name-required']
  },
  {
    test: 'test_missing_description',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('name: my-skill\n') },
    reference: ['Missing required field in frontmatter: description'],
    ours: ['spec/description-required']
  },
  {
    test: 'test_find_skill_md_prefers_uppercase',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('name: my-skill\ndescription: upper\n'), 'my-skill/skill.md': 'lowercase' },
    reference: [],
    ours: []
  },
  {
    test: 'test_find_skill_md_accepts_lowercase',
    folder: 'my-skill',
    files: { 'my-skill/skill.md': fm('name: my-skill\ndescription: A test skill\n') },
    reference: [],
    ours: ['skillmd/wrong-file-name'],
    differs: 'registries, gh skill and case-sensitive file systems look for SKILL.md: a skill.md is reported as that skill’s error'
  },
  {
    test: 'test_read_with_allowed_tools',
    folder: 'my-skill',
    files: { 'my-skill/SKILL.md': fm('name: my-skill\ndescription: A test skill\nallowed-tools: Bash(jq:*) Bash(git:*)\n') },
    reference: [],
    ours: []
  }
]

let root: string
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'skillpub-reference-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

async function judge(testCase: Case, index: number): Promise<{ ids: string[]; messages: string[] }> {
  const caseRoot = path.join(root, String(index))
  await mkdir(caseRoot, { recursive: true })
  for (const [file, content] of Object.entries(testCase.files)) {
    await mkdir(path.dirname(path.join(caseRoot, file)), { recursive: true })
    await writeFile(path.join(caseRoot, file), content)
  }
  let locations
  try {
    locations = await discoverSkills(caseRoot, [testCase.folder])
  } catch (error) {
    if (error instanceof UnmatchedPatternsError) return { ids: ['usage-error'], messages: [error.message] }
    throw error
  }
  const diagnostics = []
  for (const location of locations) {
    const manifest = await readSkillManifest(location, caseRoot)
    diagnostics.push(...manifest.diagnostics, ...validateManifest(manifest, { profile: 'spec', version: resolveVersion(manifest, {}) }))
  }
  return { ids: diagnostics.map((diagnostic) => diagnostic.ruleId), messages: diagnostics.map((diagnostic) => diagnostic.message) }
}

describe('the reference validator’s own test cases (skills-ref/tests)', () => {
  it.each(CASES.map((testCase, index) => [testCase.test, testCase, index] as const))('%s', async (_name, testCase, index) => {
    const { ids, messages } = await judge(testCase, index)
    expect(ids).toEqual(testCase.ours)
    if (testCase.differs !== undefined) {
      expect(testCase.differs.length).toBeGreaterThan(20)
      return
    }
    // Same verdict: clean for the reference means clean here, and our message starts with its words.
    if (testCase.reference.length === 0) expect(ids).toEqual([])
    else expect(messages.some((message) => testCase.reference.every((words) => message.includes(words)))).toBe(true)
  })

  it('covers every test of the reference that judges a skill', () => {
    expect(CASES).toHaveLength(31)
    expect(CASES.filter((testCase) => testCase.differs).map((testCase) => testCase.test)).toEqual([
      'test_nonexistent_path',
      'test_not_a_directory',
      'test_missing_skill_md',
      'test_read_with_metadata',
      'test_find_skill_md_accepts_lowercase'
    ])
  })
})
