import { createHash } from 'node:crypto'
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
