import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { chmod, cp, readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildPackage, writeDeterministicZip, ZipInputError } from '../../src/core/package/index.js'
import type { BuildOptions } from '../../src/core/package/index.js'
import type { ListedFile, PackageFile } from '../../src/core/types.js'
import { extractAll, LIMITS, makeSkill, readZipHeaders, removeTempDirs, tempDir } from './fixtures.js'

afterAll(removeTempDirs)

const TREE = {
  'B.md': 'upper',
  'a.md': 'lower',
  '_x.md': 'underscore',
  'ä.md': 'umlaut',
  'scripts/run.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
  'references/guide.md': '# Guide\n'.repeat(200),
  'assets/bytes.bin': Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)),
  'empty.txt': ''
}

function options(outDir: string, overrides: Partial<BuildOptions> = {}): BuildOptions {
  return { flavour: 'artifactory', outDir, limits: LIMITS, allowSecrets: [], ...overrides }
}

async function build(dir: string, outDir = tempDir(), overrides: Partial<BuildOptions> = {}) {
  return buildPackage({ dir, path: 'skills/demo', name: 'demo', version: '1.2.3' }, options(outDir, overrides))
}

describe('reproducible bytes', () => {
  test('two runs over one folder give byte-equal zips', async () => {
    const dir = await makeSkill(TREE)
    const first = await build(dir)
    const second = await build(dir)
    expect(second.sha256).toBe(first.sha256)
    expect(await readFile(second.zipPath)).toEqual(await readFile(first.zipPath))
  })

  test('two copies with other mtimes, permissions and umask give byte-equal zips', async () => {
    const original = await makeSkill(TREE)
    const copy = join(tempDir(), 'demo')
    await cp(original, copy, { recursive: true })
    // Other mtimes everywhere, other permission bits (group/other, and owner bits short of execute).
    for (const path of ['B.md', 'a.md', 'references/guide.md', 'SKILL.md']) {
      await utimes(join(copy, path), new Date('2031-05-06T07:08:09Z'), new Date('2031-05-06T07:08:09Z'))
    }
    await chmod(join(copy, 'a.md'), 0o600)
    await chmod(join(copy, 'B.md'), 0o666)
    await chmod(join(copy, 'scripts/run.sh'), 0o700)

    const first = await build(original)
    const previous = process.umask(0o077)
    let second
    try {
      second = await build(copy)
    } finally {
      process.umask(previous)
    }
    expect(second.sha256).toBe(first.sha256)
    expect(second.fingerprint).toBe(first.fingerprint)
  })

  test('the time zone does not leak into the entries', async () => {
    const dir = await makeSkill(TREE)
    const previous = process.env.TZ
    const sums: string[] = []
    try {
      // Node re-reads TZ when it changes: UTC+14 and UTC-10 around the 1980 epoch.
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Honolulu', 'UTC']) {
        process.env.TZ = zone
        sums.push((await build(dir)).sha256)
      }
    } finally {
      if (previous === undefined) delete process.env.TZ
      else process.env.TZ = previous
    }
    expect(new Set(sums).size).toBe(1)
  })
})

describe('what the bytes hold', () => {
  test('raw headers: sorted names, no extra fields, no comments, Unix modes, deflate, fixed time', async () => {
    const pkg = await build(await makeSkill(TREE))
    const { entries, comment } = readZipHeaders(pkg.zipPath)
    expect(comment).toBe('')
    expect(entries.map((e) => e.name)).toEqual([
      'B.md',
      'SKILL.md',
      '_x.md',
      'a.md',
      'assets/bytes.bin',
      'empty.txt',
      'references/guide.md',
      'scripts/run.sh',
      'ä.md'
    ])
    for (const entry of entries) {
      expect(entry.centralExtraLength).toBe(0)
      expect(entry.localExtraLength).toBe(0)
      expect(entry.centralCommentLength).toBe(0)
      expect(entry.versionMadeBy >> 8).toBe(3) // Unix, so unzip applies the modes
      expect(entry.method).toBe(8) // deflate
      const mode = (entry.externalAttributes >>> 16) & 0o777
      const type = (entry.externalAttributes >>> 16) & 0o170000
      expect(type).toBe(0o100000) // regular file
      expect(mode).toBe(entry.name === 'scripts/run.sh' ? 0o755 : 0o644)
    }
    // Names are UTF-8 (general purpose bit 11) only where needed; either way the bytes are fixed.
    expect(entries.find((e) => e.name === 'ä.md')).toBeDefined()
  })

  test('every entry carries the 1980-01-01 00:00 DOS timestamp, no extra fields', async () => {
    const pkg = await build(await makeSkill(TREE))
    const { entries } = readZipHeaders(pkg.zipPath)
    expect(entries).toHaveLength(9)
    // DOS date: (year - 1980) << 9 | month << 5 | day = 0x21; time 00:00:00 = 0.
    expect(new Set(entries.map((e) => [e.dosDate, e.dosTime].join(':')))).toEqual(new Set(['33:0']))
    expect(entries.every((e) => e.centralExtraLength === 0 && e.localExtraLength === 0)).toBe(true)
  })

  test('an independent reader (yauzl, checking sizes and CRCs) extracts the same tree, byte for byte', async () => {
    const dir = await makeSkill(TREE)
    const pkg = await build(dir)
    const target = await extractAll(pkg.zipPath)
    const extracted = (await readdir(target, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(target.length + 1))
      .sort()
    expect(extracted).toEqual(pkg.files.map((f) => f.path).sort())
    for (const file of pkg.files) {
      expect(await readFile(join(target, file.path))).toEqual(await readFile(join(dir, file.path)))
    }
    // The executable bit comes back from the Unix attributes.
    expect(execFileSync('stat', ['-c', '%a', join(target, 'scripts/run.sh')], { encoding: 'utf8' }).trim()).toBe('755')
  })

  test('a file of several pieces (over 1 MB) joins into one deflate stream that reads back byte for byte', async () => {
    // 2.5 MB: pieces of 1 MB, 1 MB and 0.5 MB; half text (deflates well), half pseudo-random bytes.
    const text = Buffer.from('# A long reference\n'.repeat(70_000)).subarray(0, 1_250_000)
    const noise = Buffer.from(Array.from({ length: 1_250_000 }, (_, i) => (i * 2654435761) >>> 24))
    const dir = await makeSkill({ 'references/large.bin': Buffer.concat([text, noise]) })
    const first = await build(dir)
    const second = await build(dir)
    // Digests, not toEqual: jest compares large buffers byte by byte through its generic equality.
    const sha256Of = async (path: string) =>
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex')
    expect(second.sha256).toBe(first.sha256)
    const target = await extractAll(first.zipPath)
    expect(await sha256Of(join(target, 'references/large.bin'))).toBe(await sha256Of(join(dir, 'references/large.bin')))
    expect(first.size).toBeLessThan(1_250_000 + 200_000) // the text half really was compressed
  })

  test('names beyond ASCII carry the UTF-8 flag and come back unchanged', async () => {
    const pkg = await build(await makeSkill({ 'références/ä.md': 'umlaut' }))
    const { entries } = readZipHeaders(pkg.zipPath)
    const flagsOf = (name: string) => entries.find((entry) => entry.name === name)?.flags ?? -1
    expect(flagsOf('références/ä.md') & 0x0800).toBe(0x0800)
    expect(flagsOf('SKILL.md') & 0x0800).toBe(0)
    const target = await extractAll(pkg.zipPath)
    expect(await readFile(join(target, 'références/ä.md'), 'utf8')).toBe('umlaut')
  })

  test('the digests are the zip file digests', async () => {
    const pkg = await build(await makeSkill(TREE))
    const bytes = await readFile(pkg.zipPath)
    expect(pkg.size).toBe(bytes.length)
    expect(pkg.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(pkg.sha1).toBe(createHash('sha1').update(bytes).digest('hex'))
  })
})

describe('the zip writer on its own', () => {
  const file = (path: string, content: string): PackageFile => ({
    path,
    absolutePath: '/nonexistent',
    size: content.length,
    mode: 0o644,
    sha256: createHash('sha256').update(content).digest('hex'),
    content
  })

  test('refuses zip-slip names and duplicates, and leaves nothing behind', async () => {
    const outDir = tempDir()
    for (const bad of ['../evil.md', '/etc/passwd', 'a/../../b.md', 'a\\b.md', 'C:/x.md', 'a//b.md', './a.md']) {
      await expect(writeDeterministicZip([file(bad, 'x')], join(outDir, 'x.zip'))).rejects.toThrow(ZipInputError)
    }
    await expect(writeDeterministicZip([file('a.md', 'x'), file('a.md', 'y')], join(outDir, 'x.zip'))).rejects.toThrow(/Duplicate/)
    expect(await readdir(outDir)).toEqual([])
  })

  test('a file whose size changed since it was listed fails the build, leaving nothing behind', async () => {
    const outDir = tempDir()
    const dir = await makeSkill()
    const actual = (await readFile(join(dir, 'SKILL.md'))).length
    for (const size of [actual - 1, actual + 1]) {
      const listed: ListedFile = { path: 'SKILL.md', absolutePath: join(dir, 'SKILL.md'), size, mode: 0o644 }
      await expect(writeDeterministicZip([listed], join(outDir, 'x.zip'))).rejects.toThrow(/SKILL\.md changed while it was being packaged/)
    }
    expect(await readdir(outDir)).toEqual([])
  })

  test('the SHA-256 of each file is that of the bytes zipped', async () => {
    const dir = await makeSkill({ 'a.md': 'a' })
    const pkg = await build(dir)
    for (const file of pkg.files) {
      expect(file.sha256).toBe(
        createHash('sha256')
          .update(await readFile(join(dir, file.path)))
          .digest('hex')
      )
    }
  })

  test('an unreadable source fails the build instead of hanging', async () => {
    const outDir = tempDir()
    const missing: PackageFile = { ...file('gone.md', 'x'), content: undefined, absolutePath: join(outDir, 'gone.md') }
    await expect(writeDeterministicZip([missing], join(outDir, 'x.zip'))).rejects.toThrow('gone.md cannot be read (ENOENT)')
    expect(await readdir(outDir)).toEqual([])
  })

  test('replaces an existing zip atomically', async () => {
    const outDir = tempDir()
    await writeFile(join(outDir, 'x.zip'), 'old')
    const digest = await writeDeterministicZip([file('a.md', 'x')], join(outDir, 'x.zip'))
    expect(await readdir(outDir)).toEqual(['x.zip'])
    expect(digest.size).toBe((await readFile(join(outDir, 'x.zip'))).length)
  })
})
