// FastSkill's registry index, as `gofastskill/fastskill` v0.9.183 reads and writes it
// (`crates/fastskill-core/src/core/registry_index.rs`): one file per skill at `{scope}/{id}`
// under the index root, one compact JSON `VersionEntry` per line. `fastskill serve` and every
// `http-registry` source (`GET {index_url}/{scope}/{id}`) read it; the client checks each
// download against `cksum`, written as the server wrote it: `sha256:<lowercase hex>`.

/** The folder of the index inside a registry folder: served, it is the `index_url`. */
export const INDEX_DIR = 'index'

/** What FastSkill's metadata block carries; absent values are `null`, as serde writes `None`. */
export interface IndexMetadata {
  description: string | null
  author: string | null
  license: string | null
  repository: string | null
}

/** One version of one skill: FastSkill's `VersionEntry`, fields in its declaration order. */
export interface VersionEntry {
  /** `{scope}/{id}`. */
  name: string
  vers: string
  deps: unknown[]
  cksum: string
  features: Record<string, string[]>
  yanked: boolean
  links?: string | null
  download_url: string
  published_at: string
  metadata?: IndexMetadata | null
}

/**
 * Why FastSkill would refuse `value` as a scope or id (its `validate_path_component`: no `..`,
 * `/` or `\`, and no `:`, which it refuses on Windows and reads as a scope separator), plus what
 * its index scan skips or a file system refuses: empty, a leading `.` (hidden files are not
 * listed), control characters, more than 255 bytes. `undefined` when it passes.
 */
export function pathComponentProblem(value: string): string | undefined {
  if (value === '') return 'it is empty'
  if (value.includes('..')) return 'it contains ".."'
  if (/[/\\:]/.test(value)) return 'it contains "/", "\\" or ":"'
  if (value.startsWith('.')) return 'it starts with "." (FastSkill skips hidden index files)'
  if (value.startsWith('@')) return 'it starts with "@" (FastSkill strips it from scoped names)'
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'it contains a control character'
  if (Buffer.byteLength(value) > 255) return 'it is longer than 255 bytes'
  return undefined
}

/** The index file of a skill, relative to the registry folder, `/` separators. */
export function indexFile(scope: string, id: string): string {
  return `${INDEX_DIR}/${scope}/${id}`
}

/** One line of the index: compact JSON in serde's field order (`links` left out when absent). */
export function formatEntry(entry: VersionEntry): string {
  const { name, vers, deps, cksum, features, yanked, links, download_url, published_at, metadata } = entry
  const ordered = { name, vers, deps, cksum, features, yanked, ...(links == null ? {} : { links }), download_url, published_at, metadata }
  return JSON.stringify(ordered)
}

export interface ParsedIndex {
  entries: VersionEntry[]
  /** Lines FastSkill would skip as corrupt, with their 1-based numbers. */
  unreadable: number[]
}

/** Read an index file as FastSkill does: blank lines skipped, each other line one `VersionEntry`. */
export function parseIndex(text: string): ParsedIndex {
  const entries: VersionEntry[] = []
  const unreadable: number[] = []
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      unreadable.push(index + 1)
      return
    }
    if (isVersionEntry(value)) entries.push(value)
    else unreadable.push(index + 1)
  })
  return { entries, unreadable }
}

/** The shape serde accepts: required fields with their types, optional ones absent, null or typed. */
function isVersionEntry(value: unknown): value is VersionEntry {
  if (!isObject(value)) return false
  const strings = ['name', 'vers', 'cksum', 'download_url', 'published_at'] as const
  if (!strings.every((key) => typeof value[key] === 'string')) return false
  if (!Array.isArray(value.deps) || !value.deps.every(isDependency)) return false
  if (!isObject(value.features) || !Object.values(value.features).every(isStringList)) return false
  if (typeof value.yanked !== 'boolean') return false
  if (!optional(value.links, (links) => typeof links === 'string')) return false
  return optional(
    value.metadata,
    (metadata) => isObject(metadata) && ['description', 'author', 'license', 'repository'].every((key) => optional(metadata[key], isString))
  )
}

function isDependency(value: unknown): boolean {
  if (!isObject(value)) return false
  return (
    isString(value.name) &&
    isString(value.req) &&
    isStringList(value.features) &&
    typeof value.optional === 'boolean' &&
    typeof value.default_features === 'boolean' &&
    optional(value.target, isString) &&
    optional(value.kind, isString)
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isString(value: unknown): value is string {
  return typeof value === 'string'
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every(isString)
}

function optional(value: unknown, check: (present: unknown) => boolean): boolean {
  return value === undefined || value === null || check(value)
}
