// What goes into a skill's package, checked in full before anything is written: SKILL.md present,
// no secrets, no unsafe names, no links out of the skill, sizes and counts within the limits.
//
// Decisions (tested in __tests__/package/files.test.ts):
// - Dot-files and dot-folders, `node_modules`, `__pycache__`, `*.pyc`, `.DS_Store`, patterns from
//   `.gitignore`, `.clawhubignore` (and legacy `.clawdhubignore`) and `.skillignore` at the skill
//   root, and the `exclude` folders are left out, in every flavour.
// - Symlinks: a link to a regular file inside the skill stores the target's bytes under the link's
//   name (what a reader of the skill sees when it opens the link). A link that
//   leaves the skill, dangles, loops, or points at a file the rules keep out is refused, naming
//   it. Links to folders are refused too: following them buys nothing (the target is inside the
//   skill, so already packaged) and costs loops; refusing makes loops impossible by construction.
// - Secrets (`.env*`, `*.pem`, `*.key`, `id_rsa*`, `*.p12`, `*.pfx`, `.npmrc` with `_authToken`)
//   are refused, naming them, unless an `allowSecrets` pattern allows them. A secret-looking
//   dot-file would never be packaged, yet it is refused too unless an ignore file covers it: in
//   CI the folder is a git checkout, so its presence means it is committed, and a person would
//   rather be told. Templates (`.env.example`, `.sample`, `.template`, `.dist`) are not secrets.
// - The clawhub flavour is the list the official client 0.23.3 uploads (`listSkillFiles` in its
//   dist/skills.js): every regular file, binaries included, but no `skill-card.md` and no
//   symlinks (the client's walk takes only `Dirent.isFile()` entries); a skipped link is reported
//   through `onSkipped`. The bundle fingerprint then equals the client's for the same folder.

import { accessSync, constants as fsConstants, lstatSync, realpathSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Flavour, ListedFile } from '../types.js'
import type { PackageLimits } from '../../config.js'
import { PackageError, problemsError, type Problem } from './errors.js'
import { isSkillCard, secretAllowance } from './rules.js'
import { compareCodeUnits, errorCode, isMissing, walkSkill, type Candidate } from './walk.js'

export interface ListOptions {
  flavour: Flavour
  limits: PackageLimits
  /** Picomatch patterns of secret-looking files that may be packaged anyway. */
  allowSecrets: string[]
  /** Absolute folders never packaged, e.g. the artifacts output folder. */
  exclude?: string[]
  /** Told about files left out for reasons a person may not expect (links for clawhub, sockets). */
  onSkipped?: (path: string, reason: string) => void
}

/**
 * The files of one skill, sorted by path (code-unit order), with sizes from lstat: nothing is
 * read here but ignore files. The zip
 * writer reads each file once, hashing what it zips. Throws `PackageError`.
 */
export async function listPackageFiles(skillDir: string, options: ListOptions): Promise<ListedFile[]> {
  const root = resolveSkillRoot(skillDir)
  const { candidates, problems } = walkSkill(root, {
    maxFileBytes: options.limits.maxFileBytes,
    maxFiles: options.limits.maxFiles,
    excludedDirs: realFolders(options.exclude ?? []),
    secretAllowed: secretAllowance(options.allowSecrets),
    onSkipped: options.onSkipped
  })
  if (!candidates.some((file) => file.path === 'SKILL.md')) {
    throw new PackageError(
      `Cannot package the skill in ${root}: there is no SKILL.md at its root (or an ignore file ` +
        'or a rule above leaves it out). A skill folder must hold SKILL.md.',
      root,
      ['SKILL.md']
    )
  }
  if (problems.length > 0) throw problemsError(root, problems)
  checkSkillSize(root, candidates, options.limits.maxSkillBytes)

  const selected = options.flavour === 'clawhub' ? clawhubSelection(root, candidates, options.onSkipped) : candidates
  // Refused here, all at once, rather than one by one half-way through the zip.
  const unreadable = selected.flatMap((file) => readProblem(file))
  if (unreadable.length > 0) throw problemsError(root, unreadable)
  return selected
    .map(({ path, absolutePath, size, mode }) => ({ path, absolutePath, size, mode }))
    .sort((a, b) => compareCodeUnits(a.path, b.path))
}

function resolveSkillRoot(skillDir: string): string {
  try {
    const root = realpathSync(resolve(skillDir))
    if (statSync(root).isDirectory()) return root
  } catch (error) {
    if (!isMissing(error)) throw error
  }
  throw new PackageError(`Cannot package the skill in ${skillDir}: it is not a folder.`, skillDir)
}

function realFolders(folders: string[]): Set<string> {
  return new Set(folders.map((folder) => realFolder(resolve(folder))))
}

function realFolder(folder: string): string {
  try {
    return realpathSync(folder)
  } catch {
    return folder
  }
}

function checkSkillSize(root: string, candidates: Candidate[], maxSkillBytes: number): void {
  const total = candidates.reduce((sum, file) => sum + file.size, 0)
  if (total <= maxSkillBytes) return
  const largest = [...candidates].sort((a, b) => b.size - a.size).slice(0, 5)
  throw new PackageError(
    `Cannot package the skill in ${root}: its files add up to ${total} bytes, over the limit of ` +
      `${maxSkillBytes}. The largest: ${largest.map((f) => `${f.path} (${f.size} bytes)`).join(', ')}. ` +
      'List what the skill does not need in .skillignore, or raise the limit.',
    root,
    largest.map((f) => f.path)
  )
}

function clawhubSelection(root: string, candidates: Candidate[], onSkipped: ListOptions['onSkipped']): Candidate[] {
  return candidates.filter((file) => {
    if (isSkillCard(file.path)) return false
    if (!isSymlink(join(root, file.path))) return true
    onSkipped?.(file.path, 'a symbolic link: the ClawHub client does not send links, so neither does skillpub')
    return false
  })
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

function readProblem(file: Candidate): Problem[] {
  try {
    accessSync(file.absolutePath, fsConstants.R_OK)
    return []
  } catch (error) {
    return [{ kind: 'unreadable', path: file.path, detail: errorCode(error) ?? String(error) }]
  }
}
