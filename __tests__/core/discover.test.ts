import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { discoverSkills, PatternOutsideRootError, UnmatchedPatternsError } from '../../src/core/discover.js'

let root: string
const SKILL = '---\nname: x\ndescription: d\n---\n'

async function skillAt(folder: string): Promise<void> {
  await mkdir(path.join(root, folder), { recursive: true })
  await writeFile(path.join(root, folder, 'SKILL.md'), SKILL)
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'skillpub-discover-'))
  for (const folder of [
    'skills/alpha',
    'skills/beta',
    'skills/group/nested/gamma',
    'tools/delta',
    'node_modules/pkg/skill',
    'skills/alpha/node_modules/dep',
    '.hidden/secret',
    '.claude/skills/claude-one',
    'dist/skills/built',
    'skills/B-upper'
  ]) {
    await skillAt(folder)
  }
  await mkdir(path.join(root, 'skills/empty-folder/references'), { recursive: true })
  // A SKILL.md that is a broken symlink still marks a skill (reading it reports the problem).
  await mkdir(path.join(root, 'skills/broken'), { recursive: true })
  await symlink('nowhere.md', path.join(root, 'skills/broken/SKILL.md'))
  // A symlinked folder is not followed: no loops, no skills from outside.
  await symlink(path.join(root, 'skills'), path.join(root, 'tools/loop'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const paths = async (patterns: string[], exclude?: string[]) =>
  (await discoverSkills(root, patterns, { exclude })).map((skill) => skill.path)

describe('discoverSkills: agent folders, misnamed files and links out (issue 21, issue 15)', () => {
  let repo: string
  let outside: string
  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'skillpub-discover-agents-'))
    outside = await mkdtemp(path.join(tmpdir(), 'skillpub-discover-outside-'))
    for (const folder of [
      '.claude/skills/a',
      '.github/skills/b',
      '.github/workflows/not-a-skill',
      '.vscode/skills/c',
      'pkg/.cursor/skills/d'
    ]) {
      await mkdir(path.join(repo, folder), { recursive: true })
      await writeFile(path.join(repo, folder, 'SKILL.md'), SKILL)
    }
    await mkdir(path.join(repo, 'lower'))
    await writeFile(path.join(repo, 'lower/skill.md'), SKILL)
    await mkdir(path.join(repo, 'both'))
    await writeFile(path.join(repo, 'both/SKILL.md'), SKILL)
    await writeFile(path.join(repo, 'both/skill.md'), SKILL)
    await mkdir(path.join(outside, 'away'))
    await writeFile(path.join(outside, 'away/SKILL.md'), SKILL)
    await symlink(path.join(outside, 'away'), path.join(repo, 'away'))
    await symlink(path.join(repo, '.claude/skills/a'), path.join(repo, 'inside-link'))
  })
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true })
    await rm(outside, { recursive: true, force: true })
  })

  it('searches the agent folders at any depth and nothing else in their dot-folders', async () => {
    const found = await discoverSkills(repo, [])
    expect(found.map((skill) => skill.path)).toEqual([
      '.claude/skills/a',
      '.github/skills/b',
      'away',
      'both',
      'lower',
      'pkg/.cursor/skills/d'
    ])
  })

  it('marks a folder with skill.md and no SKILL.md, and lists a link to a skill outside so that it is refused', async () => {
    const found = await discoverSkills(repo, [])
    expect(found.find((skill) => skill.path === 'lower')).toEqual({
      dir: path.join(repo, 'lower'),
      path: 'lower',
      misnamedSkillFile: 'skill.md'
    })
    expect(found.find((skill) => skill.path === 'both')).toEqual({ dir: path.join(repo, 'both'), path: 'both' })
    expect(found.find((skill) => skill.path === 'away')).toEqual({ dir: path.join(repo, 'away'), path: 'away' })
  })
})

describe('discoverSkills', () => {
  it('finds nested skills in the whole repository, sorted, skipping node_modules and dot-folders but the agent folders', async () => {
    expect(await paths([])).toEqual([
      '.claude/skills/claude-one',
      'dist/skills/built',
      'skills/B-upper',
      'skills/alpha',
      'skills/beta',
      'skills/broken',
      'skills/group/nested/gamma',
      'tools/delta'
    ])
  })

  it('gives absolute folders and repository-relative paths', async () => {
    const [first] = await discoverSkills(root, ['tools'])
    expect(first).toEqual({ dir: path.join(root, 'tools/delta'), path: 'tools/delta' })
  })

  it('leaves out the excluded folder, relative or absolute', async () => {
    expect(await paths([], ['dist'])).not.toContain('dist/skills/built')
    expect(await paths([], [path.join(root, 'dist')])).not.toContain('dist/skills/built')
  })

  it('takes folders, a skill folder itself, and SKILL.md paths', async () => {
    expect(await paths(['skills/group'])).toEqual(['skills/group/nested/gamma'])
    expect(await paths(['./tools/', 'skills/beta'])).toEqual(['skills/beta', 'tools/delta'])
    expect(await paths(['skills/alpha/SKILL.md'])).toEqual(['skills/alpha'])
    expect(await paths([path.join(root, 'tools')])).toEqual(['tools/delta'])
  })

  it('searches a dot-folder that is named explicitly', async () => {
    expect(await paths(['.claude/skills'])).toEqual(['.claude/skills/claude-one'])
    expect(await paths(['.claude/skills/*'])).toEqual(['.claude/skills/claude-one'])
  })

  it('matches globs against skill folders, their parents and their SKILL.md', async () => {
    expect(await paths(['skills/*'])).toEqual([
      'skills/B-upper',
      'skills/alpha',
      'skills/beta',
      'skills/broken',
      'skills/group/nested/gamma'
    ])
    expect(await paths(['**/gamma'])).toEqual(['skills/group/nested/gamma'])
    expect(await paths(['skills/**/SKILL.md'])).toEqual([
      'skills/B-upper',
      'skills/alpha',
      'skills/beta',
      'skills/broken',
      'skills/group/nested/gamma'
    ])
    expect(await paths(['{tools,dist}/**'])).toEqual(['dist/skills/built', 'tools/delta'])
  })

  it('names every pattern that matched nothing', async () => {
    const attempt = discoverSkills(root, ['skills/alpha', 'skils', 'skills/empty-folder', 'nothing/*'])
    await expect(attempt).rejects.toBeInstanceOf(UnmatchedPatternsError)
    await expect(attempt).rejects.toMatchObject({ patterns: ['skils', 'skills/empty-folder', 'nothing/*'] })
    await expect(attempt).rejects.toThrow(/'skils', 'skills\/empty-folder', 'nothing\/\*'/)
  })

  it('refuses patterns outside the repository', async () => {
    await expect(discoverSkills(root, ['../elsewhere'])).rejects.toBeInstanceOf(PatternOutsideRootError)
    await expect(discoverSkills(root, ['/definitely/not/here'])).rejects.toBeInstanceOf(PatternOutsideRootError)
  })

  it('finds a skill at the repository root as "."', async () => {
    const single = await mkdtemp(path.join(tmpdir(), 'skillpub-root-skill-'))
    await writeFile(path.join(single, 'SKILL.md'), SKILL)
    expect(await discoverSkills(single, [])).toEqual([{ dir: single, path: '.' }])
    expect(await discoverSkills(single, ['.'])).toEqual([{ dir: single, path: '.' }])
    await rm(single, { recursive: true, force: true })
  })

  it('finds every skill of a wide, deep tree once, sorted by path whatever the order of creation', async () => {
    const wide = await mkdtemp(path.join(tmpdir(), 'skillpub-wide-'))
    const folders: string[] = []
    for (let group = 0; group < 12; group++) {
      for (let skill = 0; skill < 8; skill++) folders.push(`g${(group * 7) % 12}/s-${(skill * 5) % 8}`)
      folders.push(`g${group}/deep/er/still/deeper`)
    }
    folders.push('g0/s-0/nested-skill', 'g1/.dot/hidden', 'g2/node_modules/dep', 'skip/me')
    for (const folder of folders) {
      await mkdir(path.join(wide, folder), { recursive: true })
      await writeFile(path.join(wide, folder, 'SKILL.md'), SKILL)
    }
    await mkdir(path.join(wide, 'g3', 'SKILL.md', 'inner'), { recursive: true }) // a folder named SKILL.md still marks g3
    const expected = [...new Set(folders)]
      .filter((folder) => !/\/(\.dot|node_modules)\//.test(folder) && !folder.startsWith('skip/'))
      .concat('g3')
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const found = (await discoverSkills(wide, [], { exclude: ['skip'] })).map((skill) => skill.path)
    expect(found).toEqual(expected)
    expect(found).toHaveLength(12 * 8 + 12 + 2)
    await rm(wide, { recursive: true, force: true })
  })

  it('returns nothing for a repository without skills when no pattern was given', async () => {
    const bare = await mkdtemp(path.join(tmpdir(), 'skillpub-bare-'))
    expect(await discoverSkills(bare, [])).toEqual([])
    await rm(bare, { recursive: true, force: true })
  })
})
