// Finding skills: every folder holding a SKILL.md under the configured folders or globs.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import type { SkillLocation } from './types.js'
import { ConfigError } from '../config.js'

export interface DiscoverOptions {
  /** Folders (relative to root, or absolute) never searched, such as the artifacts folder. */
  exclude?: string[]
}

/** Some configured patterns found no skill: a typo in `paths` must not pass as "nothing to do". */
/** A paths input that selects nothing is a mistake in the input (the CLI's usage error), not a passing run. */
export class UnmatchedPatternsError extends ConfigError {
  constructor(readonly patterns: string[]) {
    super(
      `No skill (a folder with a SKILL.md) found for ${patterns.map((pattern) => `'${pattern}'`).join(', ')}. ` +
        'Check the paths input: folders and globs are relative to the repository root, and node_modules and dot-folders (other than the agent folders such as .claude/skills) are only searched when named explicitly.'
    )
    this.name = 'UnmatchedPatternsError'
  }
}

/** Thrown for a pattern that leaves the repository. */
export class PatternOutsideRootError extends ConfigError {
  constructor(readonly pattern: string) {
    super(`The path '${pattern}' is outside the repository root: skill paths must stay inside it.`)
    this.name = 'PatternOutsideRootError'
  }
}

/**
 * The folders where agents keep a project's skills, searched by default although they sit in
 * dot-folders: the folders the GitHub CLI (`gh skill`) and the agentskills ecosystem's installers
 * (`npx skills`) read and write. Other dot-folders (`.git`, `.vscode`, ...) stay unsearched.
 */
export const AGENT_SKILL_FOLDERS: readonly string[] = [
  '.agents/skills',
  '.claude/skills',
  '.github/skills',
  '.cursor/skills',
  '.codex/skills',
  '.gemini/skills',
  '.windsurf/skills',
  '.opencode/skills',
  '.cline/skills',
  '.roo/skills',
  '.kiro/skills',
  '.augment/skills',
  '.continue/skills',
  '.goose/skills',
  '.junie/skills',
  '.qoder/skills',
  '.qwen/skills',
  '.trae/skills',
  '.openhands/skills',
  '.kilocode/skills',
  '.pi/skills',
  '.factory/skills'
]

/**
 * Every skill folder under `root` that the patterns select, sorted by path.
 *
 * - `patterns` are folders or globs relative to `root`; empty means the whole repository. A folder
 *   selects every skill at or below it; a glob selects a skill when it matches the skill's folder,
 *   one of its parent folders, or its `SKILL.md`.
 * - `node_modules` and dot-folders are skipped below the folder a pattern starts from, except the
 *   `AGENT_SKILL_FOLDERS` (at any depth), and naming a dot-folder explicitly works. Symlinked
 *   folders are not followed (no loops, no escape); a SKILL.md entry of any kind counts, so a
 *   broken SKILL.md symlink is reported when read. A folder holding `skill.md` (any casing but
 *   SKILL.md) and no SKILL.md is a skill too, marked `misnamedSkillFile`, so that it is reported
 *   as that skill's error rather than as "no skill found".
 * - Throws `UnmatchedPatternsError` naming every pattern that selected nothing (after searching
 *   all of them), and `PatternOutsideRootError` for a pattern that leaves the repository.
 */
export async function discoverSkills(root: string, patterns: string[], options: DiscoverOptions = {}): Promise<SkillLocation[]> {
  const absoluteRoot = path.resolve(root)
  const excluded = (options.exclude ?? [])
    .map((folder) => toRelative(absoluteRoot, folder))
    .filter((folder): folder is string => folder !== undefined && folder !== '.')
  const selectors = patterns.map((pattern) => selectorFor(absoluteRoot, pattern)).filter((selector) => selector.pattern !== '')
  const starts = selectors.length === 0 ? ['.'] : [...new Set(selectors.map((selector) => selector.base))]

  const found = new Map<string, Found>()
  const realRoot = realFolder(absoluteRoot)
  for (const start of starts) walk(absoluteRoot, realRoot, start, excluded, found)

  const skills = [...found.keys()].sort(compareCodeUnits)
  const locationOf = (skill: string): SkillLocation => {
    const { dir, misnamed } = found.get(skill)!
    return misnamed === undefined ? { dir, path: skill } : { dir, path: skill, misnamedSkillFile: misnamed }
  }
  if (selectors.length === 0) return skills.map(locationOf)
  const matching = selectors.map((selector) => skills.filter((skill) => selector.matches(skill)))
  const unmatched = selectors.filter((_, index) => matching[index]!.length === 0).map((selector) => selector.original)
  if (unmatched.length > 0) throw new UnmatchedPatternsError(unmatched)
  return [...new Set(matching.flat())].sort(compareCodeUnits).map(locationOf)
}

interface Selector {
  original: string
  /** Normalised, relative to root. */
  pattern: string
  /** Folder the search starts from. */
  base: string
  matches(skillPath: string): boolean
}

function selectorFor(root: string, original: string): Selector {
  let pattern = original.trim().replace(/\\/g, '/')
  if (path.isAbsolute(pattern)) {
    const relative = toRelative(root, pattern)
    if (relative === undefined) throw new PatternOutsideRootError(original)
    pattern = relative
  }
  pattern = pattern.replace(/^(\.\/)+/, '').replace(/\/+$/, '')
  if (pattern === '' || pattern === '.') return { original, pattern: '.', base: '.', matches: () => true }
  if (pattern === 'SKILL.md' || pattern.endsWith('/SKILL.md')) pattern = path.posix.dirname(pattern)

  const scan = picomatch.scan(pattern)
  if (!scan.isGlob) {
    const folder = path.posix.normalize(pattern)
    if (folder === '..' || folder.startsWith('../')) throw new PatternOutsideRootError(original)
    return { original, pattern, base: folder, matches: (skill) => folder === '.' || skill === folder || skill.startsWith(`${folder}/`) }
  }
  const base = scan.base === '' ? '.' : path.posix.normalize(scan.base)
  if (base === '..' || base.startsWith('../')) throw new PatternOutsideRootError(original)
  // dot: true because a pattern written by the user may well mean a dot-folder (`.github/skills/*`).
  const isMatch = picomatch(pattern, { dot: true })
  return {
    original,
    pattern,
    base,
    matches: (skill) => [`${skill}/SKILL.md`, ...selfAndParents(skill)].some((candidate) => isMatch(candidate))
  }
}

function selfAndParents(skill: string): string[] {
  if (skill === '.') return ['.']
  const parts = skill.split('/')
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'))
}

/** A skill folder found: its absolute path, and the name of its skill file when that is not `SKILL.md`. */
interface Found {
  dir: string
  misnamed?: string
}

/** For each first segment of an agent folder (`.claude`), the rest of its path (`['skills']`). */
const AGENT_FOLDER_STARTS = new Map<string, string[][]>()
for (const folder of AGENT_SKILL_FOLDERS) {
  const [first, ...rest] = folder.split('/')
  AGENT_FOLDER_STARTS.set(first!, [...(AGENT_FOLDER_STARTS.get(first!) ?? []), rest])
}

/**
 * Depth-first, one synchronous readdir per folder. Measured on 10,000 skills (20,000 folders, warm
 * cache): about 200 ms, against about 500 ms for awaited readdir one folder at a time and no better
 * with 4 to 64 readdirs in flight (each one is a thread-pool round trip that costs more than the
 * system call). The order of visits does not matter: results are sorted by path.
 */
function walk(root: string, realRoot: string, start: string, excluded: string[], found: Map<string, Found>): void {
  // Folders as [relative with `/`, absolute, only]: an entry name holds no separator, so joining is
  // concatenating. `only` is set on the way into an agent folder (`.claude` on the way to
  // `.claude/skills`): the paths still to follow, and nothing else in it is searched.
  const pending: Array<[string, string, string[][]?]> = [[start, start === '.' ? root : path.join(root, ...start.split('/'))]]
  while (pending.length > 0) {
    const [folder, absolute, only] = pending.pop()!
    if (isExcluded(folder, excluded)) continue
    let entries: Dirent[]
    try {
      entries = readdirSync(absolute, { withFileTypes: true })
    } catch {
      continue // a missing start folder is reported as an unmatched pattern; unreadable folders hold no skills we can read
    }
    const prefix = absolute.endsWith(path.sep) ? absolute : absolute + path.sep
    const child = (name: string) => (folder === '.' ? name : `${folder}/${name}`)
    let misnamed: string | undefined
    for (const entry of entries) {
      if (only) {
        if (!entry.isDirectory()) continue
        const rests = only.filter((rest) => rest[0] === entry.name).map((rest) => rest.slice(1))
        if (rests.length === 0) continue
        pending.push([child(entry.name), prefix + entry.name, rests.some((rest) => rest.length === 0) ? undefined : rests])
      } else if (entry.name === 'SKILL.md') found.set(folder, { dir: absolute })
      else if (entry.name.toLowerCase() === 'skill.md') misnamed = entry.name
      else if (entry.isDirectory() && entry.name !== 'node_modules') {
        if (!entry.name.startsWith('.')) pending.push([child(entry.name), prefix + entry.name])
        else if (AGENT_FOLDER_STARTS.has(entry.name))
          pending.push([child(entry.name), prefix + entry.name, AGENT_FOLDER_STARTS.get(entry.name)])
      } else if (entry.isSymbolicLink() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        // Never followed; but a link to a skill outside the repository is listed, so that reading
        // it is refused naming the link rather than left out unseen. A link inside is skipped:
        // what it points at is found where it is.
        if (isSkillOutside(prefix + entry.name, realRoot)) found.set(child(entry.name), { dir: prefix + entry.name })
      }
    }
    if (misnamed !== undefined && !found.has(folder)) found.set(folder, { dir: absolute, misnamed })
  }
}

function isSkillOutside(link: string, realRoot: string): boolean {
  try {
    const target = realpathSync(link)
    const relative = path.relative(realRoot, target)
    const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)
    return outside && statSync(target).isDirectory() && readdirSync(target).some((name) => name.toLowerCase() === 'skill.md')
  } catch {
    return false
  }
}

function realFolder(folder: string): string {
  try {
    return realpathSync(folder)
  } catch {
    return folder
  }
}

function isExcluded(folder: string, excluded: string[]): boolean {
  return excluded.some((skip) => folder === skip || folder.startsWith(`${skip}/`))
}

/** `folder` relative to root with `/` separators, or undefined when it lies outside. */
function toRelative(root: string, folder: string): string | undefined {
  const relative = path.relative(root, path.resolve(root, folder)).split(path.sep).join('/')
  if (relative === '') return '.'
  if (relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) return undefined
  return relative
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
