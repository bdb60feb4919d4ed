import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { listPackageFiles, type ListOptions } from './files.js'
import { isSkillCard } from './rules.js'

/**
 * The ClawHub bundle fingerprint (REGISTRIES.md §2), byte-for-byte what the official client and
 * server compute: `skill-card.md` left out, files sorted with `localeCompare` (NOT the code-unit
 * order of our zip entries: the two orders differ for `B.md` / `a.md` / `_x.md` / `ä.md`), then
 * SHA-256 of the `path:sha256` lines joined by "\n".
 */
export function computeFingerprint(files: { path: string; sha256: string }[]): string {
  const payload = files
    .filter((file) => !isSkillCard(file.path))
    .map((file) => ({ path: file.path, sha256: file.sha256 }))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((file) => `${file.path}:${file.sha256}`)
    .join('\n')
  return createHash('sha256').update(payload, 'utf8').digest('hex')
}

/** The fingerprint of a skill folder's ClawHub file set, without writing a zip (the merge gate needs only this). */
export async function fingerprintFolder(dir: string, options: Omit<ListOptions, 'flavour'>): Promise<string> {
  const files = await listPackageFiles(dir, { ...options, flavour: 'clawhub' })
  const hashed = await Promise.all(
    files.map(async (file) => ({
      path: file.path,
      sha256: createHash('sha256')
        .update(await readFile(file.absolutePath))
        .digest('hex')
    }))
  )
  return computeFingerprint(hashed)
}
