import { mapPathsToSkills, nearestSkill, type FileChange } from '../../src/core/changes.js'

const modified = (path: string): FileChange => ({ status: 'modified', path })
const added = (path: string): FileChange => ({ status: 'added', path })
const deleted = (path: string): FileChange => ({ status: 'deleted', path })

describe('mapPathsToSkills', () => {
  const skills = ['skills/alpha', 'skills/beta', 'skills/beta/nested', 'tools/gamma']

  it('maps each path to the nearest enclosing skill, nested skills first', () => {
    const result = mapPathsToSkills(
      [modified('skills/alpha/SKILL.md'), modified('skills/beta/nested/scripts/run.sh'), modified('skills/beta/README.md')],
      skills,
      []
    )
    expect(result).toEqual({ changed: ['skills/alpha', 'skills/beta', 'skills/beta/nested'], removed: [] })
  })

  it('ignores paths outside every skill and folders that only share a name prefix', () => {
    const result = mapPathsToSkills([modified('README.md'), modified('skills/alphabet/x.md'), modified('skills/SKILL.md')], skills, [])
    expect(result).toEqual({ changed: [], removed: [] })
  })

  it('marks every skill through a shared path glob and names the path', () => {
    const result = mapPathsToSkills([modified('README.md'), modified('shared/lib/helpers.py')], skills, ['shared/**', '.github/*.yml'])
    expect(result.sharedHit).toBe('shared/lib/helpers.py')
    expect(mapPathsToSkills([modified('.github/ci.yml')], skills, ['.github/*.yml']).sharedHit).toBe('.github/ci.yml')
    expect(mapPathsToSkills([modified('docs/x.md')], skills, ['shared/**']).sharedHit).toBeUndefined()
  })

  it('reports a deleted skill as removed, never as changed', () => {
    const result = mapPathsToSkills([deleted('skills/old/SKILL.md'), deleted('skills/old/scripts/a.sh')], skills, [])
    expect(result).toEqual({ changed: [], removed: ['skills/old'] })
  })

  it('reports a renamed skill folder: new path changed, old path removed (as git --no-renames shows it)', () => {
    const asTwoChanges = mapPathsToSkills([deleted('skills/gamma/SKILL.md'), added('tools/gamma/SKILL.md')], skills, [])
    const asRename = mapPathsToSkills(
      [{ status: 'renamed', previousPath: 'skills/gamma/SKILL.md', path: 'tools/gamma/SKILL.md' }],
      skills,
      []
    )
    expect(asTwoChanges).toEqual({ changed: ['tools/gamma'], removed: ['skills/gamma'] })
    expect(asRename).toEqual(asTwoChanges)
  })

  it('treats a deleted file in a skill that still exists as a change of that skill', () => {
    expect(mapPathsToSkills([deleted('skills/alpha/old.md')], skills, [])).toEqual({ changed: ['skills/alpha'], removed: [] })
  })

  it('counts a deleted nested SKILL.md as removing the nested skill and changing its parent', () => {
    const result = mapPathsToSkills([deleted('skills/alpha/inner/SKILL.md')], skills, [])
    expect(result).toEqual({ changed: ['skills/alpha'], removed: ['skills/alpha/inner'] })
  })

  it('keeps a skill whose SKILL.md was deleted and exists again at head', () => {
    expect(mapPathsToSkills([deleted('skills/alpha/SKILL.md')], skills, [])).toEqual({ changed: ['skills/alpha'], removed: [] })
  })

  it('a copy changes the destination and leaves the source skill alone', () => {
    const result = mapPathsToSkills([{ status: 'copied', previousPath: 'skills/alpha/SKILL.md', path: 'skills/beta/SKILL.md' }], skills, [])
    expect(result.changed).toEqual(['skills/alpha', 'skills/beta'])
    expect(result.removed).toEqual([])
  })

  it('handles a skill at the repository root and odd path characters', () => {
    const rootSkills = ['.', 'sub dir/ünï', 'line\nbreak']
    const result = mapPathsToSkills(
      [modified('top.md'), modified('sub dir/ünï/a b.md'), modified('line\nbreak/SKILL.md'), deleted('gone/SKILL.md')],
      rootSkills,
      []
    )
    expect(result).toEqual({ changed: ['.', 'line\nbreak', 'sub dir/ünï'], removed: ['gone'] })
  })

  it('reports skills as the caller spelled them', () => {
    expect(mapPathsToSkills([modified('a/x.md')], ['./a/'], []).changed).toEqual(['./a/'])
  })

  it('maps many paths against many skills without scanning every skill per path', () => {
    const skills = Array.from({ length: 10_000 }, (_, index) => `skills/s${index}`)
    const changes = Array.from({ length: 50_000 }, (_, index) => modified(`skills/s${index % 10_000}/deep/er/file${index}.md`))
    // Count how often the skill list is read: a paths x skills scan reads it once per path.
    let reads = 0
    const counted = new Proxy(skills, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++
        return Reflect.get(target, key, receiver)
      }
    })
    const result = mapPathsToSkills(changes, counted, [])
    expect(result.changed).toHaveLength(10_000)
    expect(reads).toBeLessThanOrEqual(2 * skills.length)
  })
})

describe('nearestSkill', () => {
  it('walks up to the root skill', () => {
    expect(nearestSkill('a/b/c.md', new Set(['.']))).toBe('.')
    expect(nearestSkill('a/b/c.md', new Set(['a']))).toBe('a')
    expect(nearestSkill('c.md', new Set(['a']))).toBeUndefined()
  })
})
