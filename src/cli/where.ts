// Where a command line runs: the folder its skill paths are relative to (the repository root of
// the run), and the tag at HEAD that versions the skills outside GitHub.
//
// Any path works, absolute or relative, as `jf skills publish ~/skills/x` does. Paths inside the
// working folder keep it as the root (as a run from a sub-folder of a repository always has); a
// path elsewhere runs in the git work tree that holds it, or, outside any repository, in the
// folder that holds it.

import { lstatSync } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import { ConfigError } from '../config.js'
import { parseTag } from '../core/tags.js'
import { tagsPointingAt, workTree } from '../git/git.js'

export interface RunPlace {
  root: string
  /** The paths as the run reads them: as given when the root is the working folder, else absolute. */
  patterns: string[]
  /** The pattern the user wrote, by the pattern the run reads (for messages). */
  written: Map<string, string>
}

export async function placeRun(cwd: string, patterns: string[]): Promise<RunPlace> {
  const written = new Map(patterns.map((pattern) => [pattern, pattern]))
  if (patterns.length === 0) return { root: cwd, patterns, written }
  const bases = patterns.map((pattern) => path.resolve(cwd, picomatch.scan(pattern.replace(/\\/g, '/')).base || '.'))
  const [first = cwd] = bases
  const [tree, cwdTree] = await Promise.all([topLevel(nearestFolder(first)), topLevel(cwd)])
  if (bases.every((base) => isInside(cwd, base)) && tree === cwdTree) return { root: cwd, patterns, written }

  const absolute = patterns.map((pattern) => path.resolve(cwd, pattern))
  const absoluteWritten = new Map(absolute.map((pattern, i) => [pattern, patterns[i] ?? pattern]))
  if (tree !== undefined) {
    const outside = patterns.filter((_, i) => !isInside(tree, bases[i] ?? tree))
    if (outside.length > 0) {
      throw new ConfigError(
        `The paths ${outside.map((p) => `'${p}'`).join(', ')} are not in the git work tree ${tree} that holds '${patterns[0]}': run once per repository.`
      )
    }
    return { root: tree, patterns: absolute, written: absoluteWritten }
  }
  // No repository: the folder that holds every path, so that a skill keeps its folder name in its path.
  return { root: commonFolder(bases.map((base) => path.dirname(base))), patterns: absolute, written: absoluteWritten }
}

/**
 * The tag that versions this commit outside GitHub: GitLab's CI_COMMIT_TAG, else the one tag at
 * HEAD that the tag patterns read (several would be a guess: then none, and a warning says so).
 */
export async function tagOfHead(
  root: string,
  env: NodeJS.ProcessEnv,
  patterns: readonly string[],
  warn: (message: string) => void
): Promise<string | undefined> {
  if (env.CI_COMMIT_TAG) return env.CI_COMMIT_TAG
  let tags: string[]
  try {
    tags = await tagsPointingAt(root, 'HEAD')
  } catch {
    return undefined // not a repository, or no commit yet: no tag
  }
  const versionTags = tags.filter((tag) => parseTag(tag, patterns) !== undefined)
  if (versionTags.length > 1) {
    warn(
      `HEAD carries several version tags (${versionTags.join(', ')}), so none of them sets the version: give --version, or set CI_COMMIT_TAG.`
    )
    return undefined
  }
  return versionTags[0]
}

async function topLevel(folder: string): Promise<string | undefined> {
  try {
    return path.resolve((await workTree(folder)).topLevel)
  } catch {
    return undefined
  }
}

/** The deepest existing folder at or above `target` (it may name a SKILL.md, or nothing yet). */
/**
 * The nearest real folder at or above a path. A symbolic link is not followed: the repository that
 * holds a link is the one the run is in, wherever the link leads (discovery then refuses a link out).
 */
function nearestFolder(target: string): string {
  let folder = target
  while (!isRealFolder(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder)
  return folder
}

function isRealFolder(folder: string): boolean {
  return lstatSync(folder, { throwIfNoEntry: false })?.isDirectory() === true
}

function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function commonFolder(folders: string[]): string {
  return folders.reduce((common, folder) => {
    let candidate = common
    while (!isInside(candidate, folder)) candidate = path.dirname(candidate)
    return candidate
  })
}
