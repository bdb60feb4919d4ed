// Builds a real SkillPackage on disk (skill folder + deterministic zip) for the registry client tests.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Flavour, Logger, SkillPackage } from '../../src/core/types.js'
import type { RegistryConfig } from '../../src/config.js'
import { clawhubFingerprint, writeZip, type ZipEntry } from '../servers/zip.js'

const created: string[] = []

export function makePackage(
  input: { name?: string; version?: string; flavour?: Flavour; files?: Record<string, string> } = {}
): SkillPackage {
  const name = input.name ?? 'pdf-tools'
  const version = input.version ?? '1.0.0'
  const flavour = input.flavour ?? 'fastskill'
  const root = mkdtempSync(join(tmpdir(), 'skillpub-registry-'))
  created.push(root)
  const skillDir = join(root, name)
  const contents: Record<string, string> = input.files ?? {
    'SKILL.md': `---\nname: ${name}\ndescription: Tools for PDF files.\n---\n\n# ${name}\n`,
    'references/guide.md': '# Guide\n'
  }
  if (flavour === 'fastskill' && !contents['skill-project.toml']) {
    contents['skill-project.toml'] = `[metadata]\nid = "${name}"\nversion = "${version}"\n`
  }
  const entries: ZipEntry[] = Object.keys(contents)
    .sort()
    .map((path) => ({ path, data: Buffer.from(contents[path]!, 'utf8') }))
  for (const entry of entries) {
    mkdirSync(dirname(join(skillDir, entry.path)), { recursive: true })
    writeFileSync(join(skillDir, entry.path), entry.data)
  }
  const zip = writeZip(entries)
  const zipPath = join(root, `${name}-${version}.zip`)
  writeFileSync(zipPath, zip)
  return {
    name,
    version,
    flavour,
    skillPath: `skills/${name}`,
    skillDir,
    fileName: `${name}-${version}.zip`,
    zipPath,
    size: zip.length,
    sha256: createHash('sha256').update(zip).digest('hex'),
    sha1: createHash('sha1').update(zip).digest('hex'),
    fingerprint: clawhubFingerprint(entries),
    files: entries.map((entry) => ({
      path: entry.path,
      absolutePath: join(skillDir, entry.path),
      size: entry.data.length,
      mode: 0o644,
      sha256: createHash('sha256').update(entry.data).digest('hex')
    }))
  }
}

export function cleanupPackages(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export interface MemoryLogger extends Logger {
  lines: string[]
}

export function memoryLogger(): MemoryLogger {
  const lines: string[] = []
  const push = (level: string) => (message: string) => void lines.push(`${level}: ${message}`)
  return { lines, debug: push('debug'), info: push('info'), warning: push('warning'), error: push('error') }
}

/** A sleep that records what it was asked to wait and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = []
  return { waits, sleep: async (ms: number) => void waits.push(ms) }
}

/** A RegistryConfig with the defaults a parsed config would carry. */
export function registryConfig(overrides: Partial<RegistryConfig> & Pick<RegistryConfig, 'kind'>): RegistryConfig {
  return {
    target: '',
    uploadMethod: 'deploy',
    changelog: '',
    tags: [],
    categories: [],
    topics: [],
    layout: 'flat',
    scope: 'anonymous',
    requestTimeoutMs: 5000,
    retries: 2,
    ...overrides
  }
}

/** Every message a failing call produced, to prove no token leaks. */
export async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}
