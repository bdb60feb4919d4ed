// Walks one skill folder and decides, entry by entry, what may be packaged. Nothing is read here
// except ignore files and `.npmrc`: sizes come from lstat/stat, so an oversized file is refused
// before a single byte of it is read. The walk is synchronous: a skill is a few folders and
// files, and synchronous metadata calls cost a fraction of promise-based ones (see read.ts).

import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs'
import { join, relative, isAbsolute, sep } from 'node:path'
import ignore from 'ignore'
import { PackageError, type Problem } from './errors.js'
import { IGNORE_FILES, isAlwaysExcluded, isDotName, looksLikeSecret, npmrcHoldsToken, unsafeEntryReason } from './rules.js'

/** A file that passed the name, symlink and size rules; not hashed yet. */
export interface Candidate {
  path: string
  absolutePath: string
  size: number
  mode: number
}

export interface WalkOptions {
  maxFileBytes: number
  maxFiles: number
  /** Real paths of folders never packaged (the artifacts output folder). */
  excludedDirs: Set<string>
  secretAllowed: (path: string) => boolean
  onSkipped?: (path: string, reason: string) => void
}

export interface WalkResult {
  candidates: Candidate[]
  problems: Problem[]
}

/**
 * Reads `.gitignore`, `.clawhubignore` (and its legacy name) and `.skillignore` at the skill root,
 * those of them among `rootEntries` (so that absent ones cost nothing).
 */
function loadIgnoreRules(root: string, rootEntries: Dirent[]): (path: string, isDir: boolean) => boolean {
  const rules = ignore()
  const present = new Set(rootEntries.map((entry) => entry.name))
  for (const name of IGNORE_FILES) {
    if (!present.has(name)) continue
    try {
      rules.add(readFileSync(join(root, name), 'utf8').split(/\r?\n/))
    } catch (error) {
      if (!isMissing(error)) throw error
    }
  }
  return (path, isDir) => {
    try {
      return rules.ignores(isDir ? `${path}/` : path)
    } catch {
      // `ignore` throws on paths it considers invalid; such names are refused later anyway.
      return false
    }
  }
}

/** The executable bit is the only permission that survives packaging; everything else is fixed. */
function archiveMode(stats: Stats): number {
  return stats.mode & 0o100 ? 0o755 : 0o644
}

// Large enough for any real `.npmrc`, small enough that a mislabelled file is never read whole.
const NPMRC_READ_LIMIT = 64 * 1024

export function walkSkill(root: string, options: WalkOptions): WalkResult {
  const rootEntries = readdirSync(root, { withFileTypes: true })
  const ignored = loadIgnoreRules(root, rootEntries)
  const candidates: Candidate[] = []
  const problems: Problem[] = []

  /** Is a path inside the skill one that would never be packaged? (Used for symlink targets.) */
  const isExcludedPath = (path: string): boolean => {
    const segments = path.split('/')
    return segments.some((segment, i) => {
      const prefix = segments.slice(0, i + 1).join('/')
      return isDotName(segment) || isAlwaysExcluded(segment) || ignored(prefix, i < segments.length - 1)
    })
  }

  const addFile = (path: string, absolutePath: string, stats: Stats): void => {
    if (stats.size > options.maxFileBytes) {
      problems.push({ kind: 'too-large', path, detail: `${stats.size} bytes, limit ${options.maxFileBytes}` })
      return
    }
    candidates.push({ path, absolutePath, size: stats.size, mode: archiveMode(stats) })
    if (candidates.length > options.maxFiles) {
      throw new PackageError(
        `Cannot package the skill in ${root}: it holds more than ${options.maxFiles} files. ` +
          'List generated or vendored folders in .skillignore, or raise the file-count limit.',
        root
      )
    }
  }

  const visitDotFile = (entry: Dirent, path: string, absolutePath: string): void => {
    // Dot-files are never packaged, but a secret-looking one that no ignore file covers is most
    // likely committed to git (in CI the folder is a checkout): tell the person rather than stay quiet.
    if (!entry.isFile() || ignored(path, false) || options.secretAllowed(path)) return
    if (looksLikeSecret(entry.name)) {
      problems.push({ kind: 'secret', path, detail: 'never packaged as a dot-file, but it should not be in the skill folder' })
    } else if (entry.name === '.npmrc' && npmrcHasToken(absolutePath)) {
      problems.push({ kind: 'secret', path, detail: 'holds an _authToken' })
    }
  }

  const visitSymlink = (path: string, absolutePath: string): void => {
    let target: string
    try {
      target = realpathSync(absolutePath)
    } catch (error) {
      problems.push({ kind: 'symlink-broken', path, detail: `${readLinkOrQuestionMark(absolutePath)}: ${errorCode(error)}` })
      return
    }
    const targetPath = insidePath(root, target)
    if (targetPath === undefined) {
      problems.push({ kind: 'symlink-escape', path, detail: `points to ${readlinkSync(absolutePath)}` })
      return
    }
    const stats = statSync(target)
    if (stats.isDirectory()) {
      problems.push({ kind: 'symlink-folder', path, detail: `points to ${targetPath || '.'}` })
      return
    }
    if (!stats.isFile()) {
      options.onSkipped?.(path, 'a link to something that is not a regular file')
      return
    }
    // Storing the target's bytes must not smuggle in what the rules keep out (`notes.txt -> .env`).
    if (isExcludedPath(targetPath) || looksLikeSecret(baseName(targetPath))) {
      problems.push({ kind: 'symlink-escape', path, detail: `points to ${targetPath}, which is never packaged` })
      return
    }
    addFile(path, target, stats)
  }

  const visitDir = (dir: string, prefix: string, entries = readdirSync(dir, { withFileTypes: true })): void => {
    entries.sort((a, b) => compareCodeUnits(a.name, b.name))
    for (const entry of entries) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name
      const absolutePath = join(dir, entry.name)
      if (isDotName(entry.name)) {
        visitDotFile(entry, path, absolutePath)
        continue
      }
      if (isAlwaysExcluded(entry.name)) continue
      if (entry.isDirectory() && options.excludedDirs.has(absolutePath)) continue
      if (ignored(path, entry.isDirectory())) continue
      const unsafe = unsafeEntryReason(path)
      if (unsafe) {
        problems.push({ kind: 'unsafe-name', path: JSON.stringify(path), detail: unsafe })
        continue
      }
      if (looksLikeSecret(entry.name) && !options.secretAllowed(path)) {
        problems.push({ kind: 'secret', path })
        continue
      }
      if (entry.isSymbolicLink()) {
        visitSymlink(path, absolutePath)
      } else if (entry.isDirectory()) {
        visitDir(absolutePath, path)
      } else if (entry.isFile()) {
        addFile(path, absolutePath, lstatSync(absolutePath))
      } else {
        options.onSkipped?.(path, 'not a regular file (device, socket or pipe)')
      }
    }
  }

  visitDir(root, '', rootEntries)
  return { candidates, problems }
}

function npmrcHasToken(path: string): boolean {
  const stats = lstatSync(path)
  if (stats.size > NPMRC_READ_LIMIT) return true // too big to be a plain .npmrc: be safe
  return npmrcHoldsToken(readFileSync(path, 'utf8'))
}

function readLinkOrQuestionMark(path: string): string {
  try {
    return readlinkSync(path)
  } catch {
    return '?'
  }
}

/** `target`'s path relative to `root` with `/`, or undefined when it is outside. */
function insidePath(root: string, target: string): string | undefined {
  const rel = relative(root, target)
  if (rel === '') return ''
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined
  return rel.split(sep).join('/')
}

/** Plain UTF-16 code-unit order, the same on every machine and locale (unlike localeCompare). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

export function isMissing(error: unknown): boolean {
  const code = errorCode(error)
  return code === 'ENOENT' || code === 'ENOTDIR'
}

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}
