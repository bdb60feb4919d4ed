// One skill shipped once per agent (`.claude/skills/x`, `.cursor/skills/x`, `skills/x` with the
// same bytes) is one skill, not N skills with one name: find such copies so that the run judges
// and publishes the skill once. Copies whose content differs stay a duplicate-name error.
import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import path from 'node:path'
import type { SkillName } from './skillmd.js'

/** Folders and files a copy may differ in without being another skill (they are never packaged). */
const IGNORED = new Set(['.git', 'node_modules', '.DS_Store'])

/** Bytes a copy may hold before it is judged by size and listing alone (no skill is this big). */
const MAX_HASHED_BYTES = 256 * 1024 * 1024

export interface IdenticalCopies {
  /** Copy's path -> the path of the folder kept for it. */
  keptFor: Map<string, string>
  /** Kept folder's path -> the paths of its copies, sorted. */
  copiesOf: Map<string, string[]>
}

/**
 * Among skills that share a name, the folders whose whole content (every file's path and bytes,
 * links as their targets) is identical. The one kept of each set is the first of `prefer` order:
 * a skill the run handles before one it does not, a folder outside the agent folders before one
 * inside them (`skills/x` before `.claude/skills/x`), then by path.
 */
export function findIdenticalCopies(skills: ReadonlyArray<SkillName>, handled: ReadonlySet<string>): IdenticalCopies {
  const byName = new Map<string, SkillName[]>()
  for (const skill of skills) {
    if (skill.name === undefined) continue
    byName.set(skill.name, [...(byName.get(skill.name) ?? []), skill])
  }
  const keptFor = new Map<string, string>()
  const copiesOf = new Map<string, string[]>()
  for (const group of byName.values()) {
    if (new Set(group.map((skill) => skill.location.path)).size < 2) continue
    const byContent = new Map<string, SkillName[]>()
    for (const skill of group) {
      const digest = contentDigest(skill.location.dir)
      if (digest === undefined) continue
      byContent.set(digest, [...(byContent.get(digest) ?? []), skill])
    }
    for (const same of byContent.values()) {
      if (same.length < 2) continue
      const [kept, ...copies] = [...same].sort(
        (a, b) => preference(a, handled) - preference(b, handled) || compare(a.location.path, b.location.path)
      )
      for (const copy of copies) keptFor.set(copy.location.path, kept!.location.path)
      copiesOf.set(kept!.location.path, copies.map((copy) => copy.location.path).sort(compare))
    }
  }
  return { keptFor, copiesOf }
}

function preference(skill: SkillName, handled: ReadonlySet<string>): number {
  const inDotFolder = skill.location.path.split('/').some((segment) => segment.startsWith('.') && segment !== '.')
  return (handled.has(skill.location.path) ? 0 : 2) + (inDotFolder ? 1 : 0)
}

/** SHA-256 over the folder's sorted listing and bytes; undefined when it cannot be read whole. */
function contentDigest(dir: string): string | undefined {
  const hash = createHash('sha256')
  let budget = MAX_HASHED_BYTES
  const visit = (folder: string, prefix: string): boolean => {
    const names = readdirSync(folder).sort(compare)
    for (const name of names) {
      if (IGNORED.has(name)) continue
      const absolute = path.join(folder, name)
      const relative = prefix ? `${prefix}/${name}` : name
      const info = lstatSync(absolute)
      if (info.isSymbolicLink()) hash.update(`link\0${relative}\0${readlinkSync(absolute)}\0`)
      else if (info.isDirectory()) {
        hash.update(`dir\0${relative}\0`)
        if (!visit(absolute, relative)) return false
      } else if (info.isFile()) {
        budget -= info.size
        if (budget < 0) return false
        hash.update(`file\0${relative}\0${info.size}\0${info.mode & 0o100 ? 'x' : '-'}\0`)
        hash.update(readFileSync(absolute))
      } else hash.update(`other\0${relative}\0`)
    }
    return true
  }
  try {
    return visit(dir, '') ? hash.digest('hex') : undefined
  } catch {
    return undefined // unreadable: not known to be a copy, so the duplicate-name check judges it
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
