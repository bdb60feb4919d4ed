// Pre-built packages (`artifacts` input, `publish --artifacts`): zips made earlier, for instance by
// `mode: package` in another job. Each is unpacked into a temp folder and from there goes through
// the same checks and the same packaging as a skill folder, so a registry gets exactly its own
// layout (a zip skillpub built for that registry comes out byte for byte the same).
import { lstat, mkdtemp, readFile, readdir, rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Config } from '../config.js'
import type { ChangeSet, SkillLocation, SkillResult } from '../core/types.js'
import type { SkillSource } from './source.js'
import { extractZip } from '../core/package/unzip.js'
import { SKILL_PROJECT } from '../core/package/build.js'
import { unsafeEntryReason } from '../core/package/rules.js'
import { manifestName, parseSkillMarkdown } from '../core/skillmd.js'

export async function unpackPrebuilt(source: string, config: Config): Promise<SkillSource> {
  const { zips, refused } = await findZips(source)
  const workDir = await mkdtemp(path.join(tmpdir(), 'skillpub-prebuilt-'))
  const skills: SkillLocation[] = []
  const packagedVersions = new Map<string, string>()
  const displayPath = (zip: string) => path.relative(config.root, zip).split(path.sep).join('/')
  const failed = (zip: string, error: string): SkillResult => ({
    name: path.basename(zip),
    path: displayPath(zip),
    status: 'failed',
    diagnostics: [],
    messages: [],
    error
  })
  const failures = refused.map(({ zip, why }) => failed(zip, why))
  for (const [index, zip] of zips.entries()) {
    try {
      const dir = await unpack(zip, path.join(workDir, String(index)), config)
      const project = await readFile(path.join(dir, SKILL_PROJECT), 'utf8').catch(() => undefined)
      await assertOneIdentity(zip, dir, project)
      skills.push({ dir, path: displayPath(zip) })
      const version = project === undefined ? undefined : metadataField(project, 'version')
      if (version) packagedVersions.set(displayPath(zip), version)
    } catch (error) {
      failures.push(failed(zip, (error as Error).message))
    }
  }
  const changes: ChangeSet = {
    all: true,
    changed: skills.map((skill) => skill.path),
    removed: [],
    reason: `Publishing ${zips.length} pre-built package${zips.length === 1 ? '' : 's'} from ${path.relative(config.root, source) || '.'}.`,
    notes: []
  }
  return { skills, changes, packagedVersions, failures, cleanup: () => rm(workDir, { recursive: true, force: true }) }
}

/**
 * The zips to publish, and the `.zip` names that are not regular files: a symbolic link could
 * point anywhere and a FIFO would block the run, so each is refused by name, never read or skipped.
 */
async function findZips(source: string): Promise<{ zips: string[]; refused: { zip: string; why: string }[] }> {
  const info = await stat(source).catch(() => undefined)
  if (!info) throw new Error(`The artifacts input names ${source}, which does not exist. Give a .zip file or a folder of them.`)
  if (!info.isDirectory()) {
    const why = notRegular(source, await lstat(source))
    return why ? { zips: [], refused: [{ zip: source, why }] } : { zips: [source], refused: [] }
  }
  const entries = await readdir(source, { recursive: true, withFileTypes: true })
  const zips: string[] = []
  const refused: { zip: string; why: string }[] = []
  for (const entry of entries) {
    if (!entry.name.endsWith('.zip') || entry.isDirectory()) continue
    const zip = path.join(entry.parentPath ?? entry.path, entry.name)
    const why = notRegular(zip, entry)
    if (why) refused.push({ zip, why })
    else zips.push(zip)
  }
  if (zips.length === 0 && refused.length === 0)
    throw new Error(`The artifacts folder ${source} holds no .zip files. Build them with mode: package (or skillpub package) first.`)
  return { zips: zips.sort(), refused: refused.sort((a, b) => (a.zip < b.zip ? -1 : 1)) }
}

function notRegular(zip: string, entry: { isFile(): boolean; isSymbolicLink(): boolean; isFIFO(): boolean }): string | undefined {
  if (entry.isFile()) return undefined
  const kind = entry.isSymbolicLink() ? 'a symbolic link' : entry.isFIFO() ? 'a FIFO (named pipe)' : 'not a regular file'
  return `${zip} is ${kind}; skillpub publishes only regular .zip files from artifacts. Put the package itself there.`
}

/**
 * Unpack one zip and return its skill folder: SKILL.md at the root, or in the one folder at the
 * root (both layouts FastSkill accepts). A root-level skill is moved into a folder named after
 * the skill, so that the name-equals-folder rule judges the skill, not our temp folder.
 */
async function unpack(zip: string, into: string, config: Config): Promise<string> {
  const unpacked = path.join(into, 'package')
  const files = await extractZip(zip, unpacked, config.limits)
  if (files.includes('SKILL.md')) {
    const name = manifestName(parseSkillMarkdown(await readFile(path.join(unpacked, 'SKILL.md')), 'SKILL.md'))
    if (!name || unsafeEntryReason(name) || name.includes('/')) return unpacked
    const named = path.join(into, name)
    await rename(unpacked, named)
    return named
  }
  const nested = [...new Set(files.filter((file) => /^[^/]+\/SKILL\.md$/.test(file)).map((file) => file.split('/')[0]))]
  if (nested.length === 1) return path.join(unpacked, nested[0])
  throw new Error(`${zip} is not a skill package: it has no SKILL.md at its root or in a single top folder.`)
}

/**
 * A package names its skill twice: SKILL.md's `name` (what the report shows) and
 * skill-project.toml's `[metadata] id` (what FastSkill stores it under, maybe `scope/name`).
 * When they differ, the package would be reported as one skill and stored as another.
 */
async function assertOneIdentity(zip: string, dir: string, project: string | undefined): Promise<void> {
  const id = project === undefined ? undefined : metadataField(project, 'id')
  if (id === undefined) return
  const name = manifestName(parseSkillMarkdown(await readFile(path.join(dir, 'SKILL.md')), 'SKILL.md'))
  if (name === undefined || id === name || id.endsWith(`/${name}`)) return
  throw new Error(
    `${zip} names two different skills: its ${SKILL_PROJECT} has id ${JSON.stringify(id)} but its SKILL.md has name ${JSON.stringify(name)}. ` +
      'Rebuild the package from the skill folder (mode: package), or make the two agree.'
  )
}

/** `[metadata] <key> = "..."` of a skill-project.toml (the id and version a FastSkill package was built as). */
function metadataField(toml: string, key: 'id' | 'version'): string | undefined {
  const metadata = /^\s*\[metadata\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(toml)?.[1] ?? ''
  return new RegExp(`^\\s*${key}\\s*=\\s*"([^"\\\\]*)"\\s*$`, 'm').exec(metadata)?.[1]
}
