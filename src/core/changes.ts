// Pure mapping from changed file paths to skill folders. Git (or the hosted compare API) produces
// the FileChange list; everything here is plain data in, plain data out, so it is tested without git.

import picomatch from 'picomatch'

export type FileChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed' | 'unmerged' | 'unknown'

/** One changed file between two commits (or a commit and the working tree). */
export interface FileChange {
  status: FileChangeStatus
  /** Path at head, relative to the repository root, `/` separators (the old path for `deleted`). */
  path: string
  /** Path at base, for `renamed` and `copied`. */
  previousPath?: string
}

export interface SkillChanges {
  /** Skill folders (as given) holding at least one changed path, sorted. */
  changed: string[]
  /** Skill folders whose SKILL.md existed at base and is gone at head (deleted or renamed away), sorted. */
  removed: string[]
  /** The first changed path matching a shared-path glob: every skill counts as changed. */
  sharedHit?: string
}

const SKILL_FILE = 'SKILL.md'

/**
 * Maps each changed path to the nearest enclosing skill folder in `skillPaths` (the skills at head).
 *
 * The lookup walks a path's parent folders against a Set, so its cost is paths x depth and does not
 * grow with the number of skills (a 10,000-skill repository maps as fast as a small one).
 */
export function mapPathsToSkills(
  changes: readonly FileChange[],
  skillPaths: readonly string[],
  sharedPaths: readonly string[]
): SkillChanges {
  // Normalised folder -> the path as the caller spelled it, which is what the result reports.
  const skillsAtHead = new Map(skillPaths.map((path) => [normalizeSkillPath(path), path]))
  const isShared = sharedPaths.length > 0 ? picomatch([...sharedPaths], { dot: true }) : undefined
  const changed = new Set<string>()
  const removed = new Set<string>()
  let sharedHit: string | undefined

  const visit = (path: string, existsAtHead: boolean): void => {
    if (sharedHit === undefined && isShared?.(path)) sharedHit = path
    const skill = nearestSkill(path, skillsAtHead)
    if (skill !== undefined) changed.add(skillsAtHead.get(skill) ?? skill)
    // A SKILL.md gone from head takes its folder's skill with it, unless a SKILL.md is there again
    // (re-added or replaced in the same range), in which case the folder is simply changed.
    if (!existsAtHead && baseName(path) === SKILL_FILE) {
      const folder = parentFolder(path)
      if (!skillsAtHead.has(folder)) removed.add(folder)
    }
  }

  for (const change of changes) {
    if (change.status === 'deleted') {
      visit(change.path, false)
      continue
    }
    visit(change.path, true)
    if (change.previousPath !== undefined && change.previousPath !== change.path) {
      // A copy leaves its source in place; a rename moves it away from the old folder.
      visit(change.previousPath, change.status === 'copied')
    }
  }

  return { changed: [...changed].sort(), removed: [...removed].sort(), ...(sharedHit !== undefined ? { sharedHit } : {}) }
}

/** The nearest folder in `skills` that holds `path` (the root skill is `.`), or undefined. */
export function nearestSkill(path: string, skills: { has(folder: string): boolean }): string | undefined {
  let folder = parentFolder(path)
  for (;;) {
    if (skills.has(folder)) return folder
    if (folder === '.') return undefined
    folder = parentFolder(folder)
  }
}

/** `a/b/c.txt` -> `a/b`; `c.txt` -> `.`. */
function parentFolder(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash <= 0 ? '.' : path.slice(0, slash)
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** Skill paths arrive as discovery wrote them; tolerate `./x`, `x/` and `` for the root. */
function normalizeSkillPath(path: string): string {
  let normalized = path.replace(/\\/g, '/')
  while (normalized.startsWith('./')) normalized = normalized.slice(2)
  while (normalized.endsWith('/')) normalized = normalized.slice(0, -1)
  return normalized === '' ? '.' : normalized
}
