// What may go into a package, as pure functions of names, so the walk stays readable and the
// rules are tested without a file system.

import picomatch from 'picomatch'

/**
 * Never packaged, in any flavour: build and tool clutter. It is the union of what the official
 * ClawHub client skips (`node_modules`) and what `jf skills publish` skips (`.git`, `.jfrog`,
 * `__pycache__`, `node_modules`, `.DS_Store`, `*.pyc`); dot-names are skipped separately.
 */
export function isAlwaysExcluded(name: string): boolean {
  return name === 'node_modules' || name === '__pycache__' || name === '.DS_Store' || name.endsWith('.pyc')
}

/** Dot-files and dot-folders are never packaged (the official ClawHub client skips them too). */
export function isDotName(name: string): boolean {
  return name.startsWith('.')
}

/** Ignore files read at the skill root, with gitignore semantics. */
export const IGNORE_FILES = ['.gitignore', '.clawhubignore', '.clawdhubignore', '.skillignore']

/**
 * The ClawHub client never uploads a generated skill card (`skill-card.md` at the root, compared
 * as it does: trimmed, any case), so it is outside the file list and the bundle fingerprint.
 */
export function isSkillCard(path: string): boolean {
  return path.trim().toLowerCase() === 'skill-card.md'
}

// `.env.example` and friends are templates meant to be committed; refusing them would only teach
// people to reach for allow-secrets.
const ENV_TEMPLATE = /^\.env\.(example|sample|template|dist)$/i
const SECRET_NAME = picomatch(['.env*', '*.pem', '*.key', 'id_rsa*', '*.p12', '*.pfx'], { dot: true, nocase: true })

/**
 * A name that looks like it holds a credential. `.npmrc` only counts when it holds a token, which
 * needs its content: see `npmrcHoldsToken`.
 */
export function looksLikeSecret(name: string): boolean {
  return SECRET_NAME(name) && !ENV_TEMPLATE.test(name)
}

export function npmrcHoldsToken(content: string): boolean {
  return /_authToken\s*=/.test(content)
}

/** `allow-secrets` patterns: a pattern without `/` matches the file name at any depth (like gitignore). */
export function secretAllowance(patterns: string[]): (path: string) => boolean {
  // Split by hand: picomatch's own `basename` option stops matching `a/**/b` patterns.
  const byName = patterns.filter((p) => !p.includes('/'))
  const byPath = patterns.filter((p) => p.includes('/'))
  const nameMatches = byName.length > 0 ? picomatch(byName, { dot: true }) : () => false
  const pathMatches = byPath.length > 0 ? picomatch(byPath, { dot: true }) : () => false
  return (path) => nameMatches(path.slice(path.lastIndexOf('/') + 1)) || pathMatches(path)
}

/**
 * Why a relative path cannot be an archive entry, or undefined when it can. Besides zip-slip
 * (`..`, absolute paths, backslashes read as separators by Windows tools), control characters and
 * `:` are refused: zip-stream strips a leading `word:` as a drive letter, so `c:notes.md` would be
 * stored under another name than the one we hashed.
 */
export function unsafeEntryReason(path: string): string | undefined {
  if (path.length === 0) return 'empty name'
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'absolute path'
  if (path.includes('\\')) return 'backslash in name'
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return 'control character in name'
  if (path.includes(':')) return 'colon in name'
  const segments = path.split('/')
  if (segments.some((s) => s === '..')) return '".." in path'
  if (segments.some((s) => s === '' || s === '.')) return 'empty or "." path segment'
  return undefined
}
