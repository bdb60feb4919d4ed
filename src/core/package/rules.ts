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

// The ClawHub client uploads only text files: these extensions, or extension-less files whose
// first 4 KiB are NUL-free UTF-8 (clawhub/dist/schema/textFiles.js and skills.js, v0.20.0). The
// server refuses anything else, so the clawhub flavour leaves such files out the same way.
const CLAWHUB_TEXT_EXTENSIONS = new Set(
  (
    'md mdx txt json json5 yaml yml toml js cjs mjs ts tsx jsx py sh ps1 psm1 psd1 r rb go rs swift kt ' +
    'java cs cpp c h hpp sql csv tsv ini cfg conf env properties dat xml html css scss sass svg'
  ).split(' ')
)

/** `md` for `a/b.MD`, '' for `Makefile` or `.profile` (a leading dot is not an extension). */
export function fileExtension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

export type TextVerdict = 'text' | 'binary' | 'sniff'

/** ClawHub's rule by name; `sniff` means the first bytes decide (see `looksLikeText`). */
export function clawhubTextVerdict(path: string): TextVerdict {
  const ext = fileExtension(path)
  if (ext === '') return 'sniff'
  return CLAWHUB_TEXT_EXTENSIONS.has(ext) ? 'text' : 'binary'
}

export const TEXT_SNIFF_BYTES = 4096

/** Same test as the ClawHub client, including its quirk that a character cut at 4 KiB fails. */
export function looksLikeText(sample: Uint8Array): boolean {
  if (sample.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample)
    return true
  } catch {
    return false
  }
}
