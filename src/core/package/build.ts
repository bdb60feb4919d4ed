// One skill, one flavour, one zip: list the files, add what the flavour needs, write the zip,
// and return every digest a registry or a report asks for.
//
// Flavours (REGISTRIES.md):
// - fastskill: the skill's files at the zip root, plus a generated `skill-project.toml` when the
//   skill has none (the server needs `[metadata] id` and `version`).
// - artifactory: the layout `jf skills publish` deploys: files relative to the skill root, same
//   deterministic zip. Stored in the repository at `artifactoryPath(slug, version)`.
// - clawhub: the file list the official client uploads (every regular file, binaries included;
//   no skill-card.md, no symlinks); the zip holds the same files, for the artifact output and the digests.
// - claude: the skill's files as artifactory; the Skills API receives them under one folder.
// Every flavour's zip is named `{name}-{version}.zip` (the slug is the skill name), or `{name}.zip`
// when the registry assigns the version.

import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Flavour, ListedFile, SkillPackage } from '../types.js'
import type { PackageLimits } from '../../config.js'
import { PackageError } from './errors.js'
import { listPackageFiles } from './files.js'
import { computeFingerprint } from './fingerprint.js'
import { unsafeEntryReason } from './rules.js'
import { compareCodeUnits } from './walk.js'
import { writeDeterministicZip } from './zip.js'

export interface SkillToPackage {
  /** Absolute folder of the skill. */
  dir: string
  /** Folder relative to the repository root. */
  path: string
  name: string
  /** Empty for a registry that assigns versions itself (claude): the zip is then `{name}.zip`. */
  version: string
}

export interface BuildOptions {
  flavour: Flavour
  /** Where the zip is written (created when missing, and never packaged itself). */
  outDir: string
  limits: PackageLimits
  allowSecrets: string[]
  exclude?: string[]
  onSkipped?: (path: string, reason: string) => void
}

export const SKILL_PROJECT = 'skill-project.toml'

export function packageFileName(name: string, version: string): string {
  return version ? `${name}-${version}.zip` : `${name}.zip`
}

/** Where `jf skills publish` puts a version inside an Artifactory skills repository. */
export function artifactoryPath(slug: string, version: string): string {
  return `${slug}/${version}/${packageFileName(slug, version)}`
}

export async function buildPackage(skill: SkillToPackage, options: BuildOptions): Promise<SkillPackage> {
  checkFileNamePart(skill, 'name', skill.name)
  if (skill.version) checkFileNamePart(skill, 'version', skill.version)
  const outDir = resolve(options.outDir)
  mkdirSync(outDir, { recursive: true })

  const listed = await listPackageFiles(skill.dir, {
    flavour: options.flavour,
    limits: options.limits,
    allowSecrets: options.allowSecrets,
    exclude: [...(options.exclude ?? []), outDir],
    onSkipped: options.onSkipped
  })
  const files = options.flavour === 'fastskill' ? withSkillProject(listed, skill) : listed
  const fileName = packageFileName(skill.name, skill.version)
  const zipPath = join(outDir, fileName)
  const zip = await writeDeterministicZip(files, zipPath)

  return {
    name: skill.name,
    version: skill.version,
    flavour: options.flavour,
    skillPath: skill.path,
    skillDir: resolve(skill.dir),
    fileName,
    zipPath,
    size: zip.size,
    sha256: zip.sha256,
    sha1: zip.sha1,
    fingerprint: computeFingerprint(zip.files),
    files: zip.files
  }
}

/**
 * FastSkill's server reads id and version from `skill-project.toml`. A skill's own file is kept,
 * but only when it names what skillpub publishes: the server would publish it under ITS names.
 */
function withSkillProject(files: ListedFile[], skill: SkillToPackage): ListedFile[] {
  const own = files.find((file) => file.path === SKILL_PROJECT)
  if (own) {
    checkOwnSkillProject(readFileSync(own.absolutePath, 'utf8'), skill)
    return files
  }
  const content = skillProjectToml(skill.name, skill.version)
  const generated: ListedFile = {
    path: SKILL_PROJECT,
    absolutePath: join(resolve(skill.dir), SKILL_PROJECT),
    size: Buffer.byteLength(content, 'utf8'),
    mode: 0o644,
    content
  }
  return [...files, generated].sort((a, b) => compareCodeUnits(a.path, b.path))
}

function checkOwnSkillProject(toml: string, skill: SkillToPackage): void {
  const { id, version } = skillProjectMetadata(toml)
  const wrong = [
    id !== undefined && id !== skill.name ? `id "${id}" (skillpub publishes "${skill.name}")` : undefined,
    version !== undefined && version !== skill.version ? `version "${version}" (skillpub publishes "${skill.version}")` : undefined
  ].filter((part): part is string => part !== undefined)
  if (wrong.length === 0) return
  throw new PackageError(
    `Cannot package the skill in ${skill.dir} for FastSkill: its own ${SKILL_PROJECT} names ${wrong.join(' and ')}, and the FastSkill ` +
      `server publishes under the names in that file. Make [metadata] id and version match, or delete the file and let skillpub write it.`,
    skill.dir,
    [SKILL_PROJECT]
  )
}

/** `[metadata]` `id` and `version` of a skill-project.toml (basic or literal strings). */
function skillProjectMetadata(toml: string): { id?: string; version?: string } {
  const table = /^\s*\[metadata\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(toml)?.[1] ?? ''
  const value = (key: string): string | undefined => {
    const match = new RegExp(`^\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|'([^']*)')\\s*(?:#.*)?$`, 'm').exec(table)
    if (!match) return undefined
    if (match[2] !== undefined) return match[2]
    try {
      return JSON.parse(`"${match[1]}"`) as string
    } catch {
      return match[1]
    }
  }
  return { id: value('id'), version: value('version') }
}

export function skillProjectToml(name: string, version: string): string {
  return `[metadata]\nid = ${tomlString(name)}\nversion = ${tomlString(version)}\n`
}

/** A TOML basic string: quotes, backslashes and control characters escaped. */
export function tomlString(value: string): string {
  const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' }
  const escaped = value.replace(/["\\\u0000-\u001f\u007f]/g, (ch) => named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return `"${escaped}"`
}

function checkFileNamePart(skill: SkillToPackage, what: string, value: string): void {
  const unsafe = unsafeEntryReason(value) ?? (value.includes('/') ? 'slash in name' : undefined)
  if (unsafe) {
    throw new PackageError(
      `Cannot package the skill in ${skill.dir}: its ${what} ${JSON.stringify(value)} cannot be part of a file name (${unsafe}).`,
      skill.dir
    )
  }
}
