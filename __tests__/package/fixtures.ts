// Helpers for the packaging tests: skill folders on disk, and a raw reader of zip headers so the
// tests check the bytes themselves (extra fields, times, modes) rather than trust a library.

import { mkdtempSync, readFileSync } from 'node:fs'
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { DEFAULT_LIMITS } from '../../src/config.js'
import { extractZip } from '../../src/core/package/unzip.js'
import type { PackageLimits } from '../../src/config.js'

export const LIMITS: PackageLimits = DEFAULT_LIMITS
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0

const created: string[] = []

export function tempDir(prefix = 'skillpub-pkg-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
}

export type Tree = Record<string, string | Buffer | { content: string | Buffer; mode: number }>

/** Writes files (paths with `/`) under `dir` and returns `dir`. */
export async function writeTree(dir: string, tree: Tree): Promise<string> {
  for (const [path, value] of Object.entries(tree)) {
    const file = join(dir, ...path.split('/'))
    await mkdir(dirname(file), { recursive: true })
    if (typeof value === 'string' || Buffer.isBuffer(value)) {
      await writeFile(file, value)
    } else {
      await writeFile(file, value.content)
      await chmod(file, value.mode)
    }
  }
  return dir
}

export const SKILL_MD = '---\nname: demo\ndescription: A demo skill.\n---\n\nDo the thing.\n'

/** A fresh skill folder holding SKILL.md and `tree`. */
export async function makeSkill(tree: Tree = {}, name = 'demo'): Promise<string> {
  const dir = join(tempDir(), name)
  await mkdir(dir)
  return writeTree(dir, { 'SKILL.md': SKILL_MD, ...tree })
}

export interface ZipEntryHeader {
  name: string
  versionMadeBy: number
  flags: number
  method: number
  dosTime: number
  dosDate: number
  externalAttributes: number
  centralExtraLength: number
  centralCommentLength: number
  localExtraLength: number
}

/** Reads the central directory and the local headers of a zip without any zip library. */
export function readZipHeaders(zipPath: string): { entries: ZipEntryHeader[]; comment: string } {
  const zip = readFileSync(zipPath)
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) throw new Error('no end of central directory')
  const count = zip.readUInt16LE(eocd + 10)
  const centralOffset = zip.readUInt32LE(eocd + 16)
  const comment = zip.subarray(eocd + 22, eocd + 22 + zip.readUInt16LE(eocd + 20)).toString('utf8')
  const entries: ZipEntryHeader[] = []
  let at = centralOffset
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header at ${at}`)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const localOffset = zip.readUInt32LE(at + 42)
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header at ${localOffset}`)
    entries.push({
      name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      versionMadeBy: zip.readUInt16LE(at + 4),
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      dosTime: zip.readUInt16LE(at + 12),
      dosDate: zip.readUInt16LE(at + 14),
      externalAttributes: zip.readUInt32LE(at + 38),
      centralExtraLength: extraLength,
      centralCommentLength: commentLength,
      localExtraLength: zip.readUInt16LE(localOffset + 28)
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return { entries, comment }
}

/**
 * Extracts a zip with the project's own reader (src/core/package/unzip.ts, yauzl underneath: a
 * reader independent of our writer), so the tests need no unzip or zipinfo on the machine.
 */
export async function extractAll(zipPath: string): Promise<string> {
  const target = tempDir()
  await extractZip(zipPath, target, LIMITS)
  return target
}

/** One entry's text, read back through `extractAll`. */
export async function readEntry(zipPath: string, name: string): Promise<string> {
  return readFile(join(await extractAll(zipPath), ...name.split('/')), 'utf8')
}
