// Pre-built packages (`artifacts` input, `publish --artifacts`): zips made earlier, for instance by
// `mode: package` in another job. Each is unpacked into a temp folder and from there goes through
// the same checks and the same packaging as a skill folder, so a registry gets exactly its own
// layout (a zip skillpub built for that registry comes out byte for byte the same).
import { mkdtemp, readFile, readdir, rename, rm, stat } from 'node:fs/promises'
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
  const zips = await findZips(source)
  const workDir = await mkdtemp(path.join(tmpdir(), 'skillpub-prebuilt-'))
  const skills: SkillLocation[] = []
  const packagedVersions = new Map<string, string>()
  const failures: SkillResult[] = []
  for (const [index, zip] of zips.entries()) {
    const displayPath = path.relative(config.root, zip).split(path.sep).join('/')
    try {
      const dir = await unpack(zip, path.join(workDir, String(index)), config)
      skills.push({ dir, path: displayPath })
      const version = await packagedVersion(dir)
      if (version) packagedVersions.set(displayPath, version)
    } catch (error) {
      failures.push({
        name: path.basename(zip),
        path: displayPath,
        status: 'failed',
        diagnostics: [],
        messages: [],
        error: (error as Error).message
      })
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

async function findZips(source: string): Promise<string[]> {
  const info = await stat(source).catch(() => undefined)
  if (!info) throw new Error(`The artifacts input names ${source}, which does not exist. Give a .zip file or a folder of them.`)
  if (info.isFile()) return [source]
  const entries = await readdir(source, { recursive: true, withFileTypes: true })
  const zips = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.zip'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
  if (zips.length === 0)
    throw new Error(`The artifacts folder ${source} holds no .zip files. Build them with mode: package (or skillpub package) first.`)
  return zips.sort()
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

/** `[metadata] version = "..."` of a skill-project.toml, the version a FastSkill package was built as. */
async function packagedVersion(dir: string): Promise<string | undefined> {
  const toml = await readFile(path.join(dir, SKILL_PROJECT), 'utf8').catch(() => undefined)
  if (!toml) return undefined
  const metadata = /^\s*\[metadata\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(toml)?.[1] ?? ''
  return /^\s*version\s*=\s*"([^"\\]*)"\s*$/m.exec(metadata)?.[1]
}
