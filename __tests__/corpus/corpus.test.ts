// The SKILL.md corpus: every case is a skill folder with the rule ids and lines it must produce,
// nothing more and nothing less (warnings included). Cases whose bytes or file types do not
// belong in git (BOM, invalid UTF-8, symlinks, non-ASCII folder names) are generated below.
import { readdirSync } from 'node:fs'
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readSkillManifest } from '../../src/core/skillmd.js'
import { validateManifest } from '../../src/core/validate.js'
import { BODY_RULES } from '../../src/core/rules/body.js'
import { SPEC_RULES } from '../../src/core/rules/spec.js'
import { resolveVersion, type VersionOptions } from '../../src/core/version.js'
import type { Profile, RegistryKind, SkillLocation } from '../../src/core/types.js'

const CASES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases')

interface Expected {
  profile: Profile
  expect: Array<{ ruleId: string; line: number }>
  version?: VersionOptions
  /** The registry a publish would go to: rules that judge only what is published run then. */
  publishTo?: RegistryKind
}

async function judge(
  root: string,
  location: SkillLocation,
  profile: Profile,
  versionOptions: VersionOptions = {},
  publishTo?: RegistryKind
) {
  const manifest = await readSkillManifest(location, root)
  const version = resolveVersion(manifest, versionOptions)
  const diagnostics = [...manifest.diagnostics, ...validateManifest(manifest, { profile, version, publishTo })]
  return { manifest, diagnostics }
}

const pairs = (list: Array<{ ruleId: string; line: number }>) => list.map(({ ruleId, line }) => `${ruleId}@${line}`).sort()

describe('SKILL.md corpus (files)', () => {
  const folders = readdirSync(CASES)
    .filter((name) => /^\d+-/.test(name))
    .sort()

  it('makes every spec and body rule fire at least once', async () => {
    const fired = new Set<string>()
    for (const caseName of folders) {
      const expected = JSON.parse(await readFile(path.join(CASES, caseName, 'expected.json'), 'utf8')) as Expected
      for (const { ruleId } of expected.expect) fired.add(ruleId)
    }
    const unprovoked = [...SPEC_RULES, ...BODY_RULES].map((rule) => rule.id).filter((id) => !fired.has(id))
    expect(unprovoked).toEqual([])
  })

  it.each(folders)('%s', async (caseName) => {
    const caseDir = path.join(CASES, caseName)
    const expected = JSON.parse(await readFile(path.join(caseDir, 'expected.json'), 'utf8')) as Expected
    const [skillFolder] = (await readdir(caseDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
    const location = { dir: path.join(caseDir, skillFolder!), path: skillFolder! }
    const { diagnostics } = await judge(caseDir, location, expected.profile, expected.version, expected.publishTo)
    expect(pairs(diagnostics)).toEqual(pairs(expected.expect))
    for (const diagnostic of diagnostics) {
      expect(diagnostic.file).toBe(`${skillFolder}/SKILL.md`)
      expect(diagnostic.column).toBeGreaterThanOrEqual(1)
      expect(diagnostic.message.length).toBeGreaterThan(10)
    }
  })
})

describe('SKILL.md corpus (generated)', () => {
  let root: string
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'skillpub-corpus-'))
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  const DESCRIPTION = 'Does a thing. Use it when a thing is needed.'
  const frontmatter = (name: string) => `---\nname: ${name}\ndescription: ${DESCRIPTION}\n---\n# Body\n`

  async function skill(folder: string, content: string | Buffer): Promise<SkillLocation> {
    const dir = path.join(root, folder)
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'SKILL.md'), content)
    return { dir, path: folder }
  }

  type Generated = [string, () => Promise<SkillLocation>, Profile, Array<[string, number]>]
  const generated: Generated[] = [
    [
      'utf-8 BOM',
      () => skill('bom-skill', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(frontmatter('bom-skill'))])),
      'spec',
      [['skillmd/bom', 1]]
    ],
    [
      'invalid UTF-8 in the body',
      () => skill('latin1', Buffer.concat([Buffer.from(frontmatter('latin1') + 'caf'), Buffer.from([0xe9]), Buffer.from('\n')])),
      'spec',
      [['skillmd/encoding', 6]]
    ],
    [
      'invalid UTF-8 in the frontmatter',
      () =>
        skill(
          'latin1-front',
          Buffer.concat([Buffer.from('---\nname: latin1-front\ndescription: caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')])
        ),
      'spec',
      [['skillmd/encoding', 3]]
    ],
    ['CRLF line endings', () => skill('crlf-skill', frontmatter('crlf-skill').replace(/\n/g, '\r\n')), 'spec', []],
    [
      'CRLF with an error keeps lines',
      () => skill('crlf-bad', '---\r\nname: crlf-bad\r\ndescription: ""\r\n---\r\n'),
      'spec',
      [['spec/description-type', 3]]
    ],
    ['lone CR line endings', () => skill('cr-skill', frontmatter('cr-skill').replace(/\n/g, '\r')), 'spec', []],
    ['unicode letters in the name', () => skill('café', frontmatter('café')), 'spec', []],
    ['CJK name', () => skill('数据-工具', frontmatter('数据-工具')), 'spec', []],
    ['fullwidth name equals folder after NFKC', () => skill('full', frontmatter('ｆｕｌｌ')), 'spec', []],
    ['combining marks are not letters', () => skill('हिन्दी', frontmatter('हिन्दी')), 'spec', [['spec/name-characters', 2]]],
    ['unicode name refused by ClawHub', () => skill('café', frontmatter('café')), 'clawhub', [['clawhub/slug-format', 2]]],
    ['unicode name refused by Artifactory', () => skill('café', frontmatter('café')), 'artifactory', [['artifactory/slug-format', 2]]],
    ['unicode name refused by FastSkill', () => skill('café', frontmatter('café')), 'fastskill', [['fastskill/name-format', 2]]],
    [
      'SKILL.md is a folder',
      async () => {
        const dir = path.join(root, 'folder-skill')
        await mkdir(path.join(dir, 'SKILL.md'), { recursive: true })
        return { dir, path: 'folder-skill' }
      },
      'spec',
      [['skillmd/not-a-file', 1]]
    ],
    [
      'SKILL.md is a broken symlink',
      async () => {
        const dir = path.join(root, 'broken-link')
        await mkdir(dir, { recursive: true })
        await symlink(path.join(dir, 'nowhere.md'), path.join(dir, 'SKILL.md'))
        return { dir, path: 'broken-link' }
      },
      'spec',
      [['skillmd/unreadable', 1]]
    ],
    [
      'SKILL.md over 5 MB',
      () => skill('huge', frontmatter('huge') + 'x'.repeat(100) + '\n' + 'y\n'.repeat(2_700_000)),
      'artifactory',
      [
        ['skillmd/too-large', 1],
        ['artifactory/skillmd-too-large', 1],
        ['spec/body-too-long', 505]
      ]
    ]
  ]

  it.each(generated)('%s', async (_name, make, profile, expected) => {
    const location = await make()
    const { diagnostics } = await judge(root, location, profile)
    expect(pairs(diagnostics)).toEqual(expected.map(([ruleId, line]) => `${ruleId}@${line}`).sort())
  })
})
