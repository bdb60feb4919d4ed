// FastSkill's reading side, modelled on gofastskill/fastskill v0.9.183 and kept apart from
// src/ so the index skillpub writes is judged by the reader's rules, not by our own parser:
// - `validate_path_component` (crates/fastskill-core/src/security/path.rs);
// - serde's view of a `VersionEntry` line (core/registry_index.rs): required fields with their
//   types, `Option`s absent or null, unknown fields ignored; a line that fails is skipped;
// - the `http-registry` client (core/registry/client.rs): `GET {index_url}/{scope}/{id}`, 404 is
//   "no versions", the version found by `vers`, a yanked one refused, the download checked
//   against `cksum` as `sha256:<lowercase hex>`.
import { createHash } from 'node:crypto'

export interface ReaderEntry {
  name: string
  vers: string
  deps: unknown[]
  cksum: string
  features: Record<string, string[]>
  yanked: boolean
  links?: string | null
  download_url: string
  published_at: string
  metadata?: { description?: string | null; author?: string | null; license?: string | null; repository?: string | null } | null
}

/** `validate_path_component`, as written (Linux: `:` is allowed there). */
export function validatePathComponent(component: string): boolean {
  return !(component.includes('..') || component.includes('/') || component.includes('\\') || component.startsWith('/'))
}

const isString = (v: unknown): v is string => typeof v === 'string'
const isOptionString = (v: unknown) => v === undefined || v === null || isString(v)
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** serde_json::from_str::<VersionEntry>: the entry, or the reason it fails. */
export function parseVersionEntry(line: string): ReaderEntry | string {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return `not JSON: ${(error as Error).message}`
  }
  if (!isRecord(value)) return 'not an object'
  for (const key of ['name', 'vers', 'cksum', 'download_url', 'published_at']) if (!isString(value[key])) return `${key} is not a string`
  if (!Array.isArray(value.deps)) return 'deps is not a list'
  for (const dep of value.deps) {
    if (!isRecord(dep) || !isString(dep.name) || !isString(dep.req) || !Array.isArray(dep.features)) return 'a dependency is malformed'
    if (typeof dep.optional !== 'boolean' || typeof dep.default_features !== 'boolean') return 'a dependency is malformed'
  }
  if (!isRecord(value.features) || !Object.values(value.features).every((v) => Array.isArray(v) && v.every(isString)))
    return 'features is not a map of string lists'
  if (typeof value.yanked !== 'boolean') return 'yanked is not a boolean'
  if (!isOptionString(value.links)) return 'links is not a string'
  const metadata = value.metadata
  if (metadata !== undefined && metadata !== null) {
    if (!isRecord(metadata)) return 'metadata is not an object'
    for (const key of ['description', 'author', 'license', 'repository'])
      if (!isOptionString(metadata[key])) return `metadata.${key} is not a string`
  }
  return value as unknown as ReaderEntry
}

/** RegistryClient over an `http-registry` `index_url`. */
export class HttpRegistryReader {
  constructor(private readonly indexUrl: string) {}

  async getSkill(skillId: string): Promise<{ entries: ReaderEntry[]; skipped: string[] }> {
    const response = await fetch(`${this.indexUrl.replace(/\/+$/, '')}/${skillId}`)
    if (response.status === 404) return { entries: [], skipped: [] }
    if (!response.ok) throw new Error(`Failed to fetch skill index: HTTP ${response.status}`)
    const entries: ReaderEntry[] = []
    const skipped: string[] = []
    for (const raw of (await response.text()).split('\n')) {
      const line = raw.trim()
      if (!line) continue
      const parsed = parseVersionEntry(line)
      if (typeof parsed === 'string') skipped.push(`${parsed}: ${line}`)
      else entries.push(parsed)
    }
    return { entries, skipped }
  }

  async download(skillId: string, version: string): Promise<Buffer> {
    const entry = (await this.getSkill(skillId)).entries.find((e) => e.vers === version)
    if (!entry) throw new Error(`Skill ${skillId} version ${version} not found in registry`)
    if (entry.yanked) throw new Error(`Skill ${skillId} version ${version} has been yanked`)
    const response = await fetch(entry.download_url)
    if (!response.ok) throw new Error(`Failed to download package: HTTP ${response.status}`)
    const bytes = Buffer.from(await response.arrayBuffer())
    const calculated = `sha256:${createHash('sha256').update(bytes).digest('hex')}`
    if (calculated !== entry.cksum) throw new Error(`Checksum mismatch: expected ${entry.cksum}, got ${calculated}`)
    return bytes
  }
}
