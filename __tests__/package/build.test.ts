import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { artifactoryPath, buildPackage, computeFingerprint, PackageError, skillProjectToml } from '../../src/core/package/index.js'
import type { BuildOptions } from '../../src/core/package/index.js'
import { tomlString } from '../../src/core/package/build.js'
import { unsafeEntryReason, looksLikeSecret } from '../../src/core/package/rules.js'
import { LIMITS, makeSkill, readEntry, readZipHeaders, removeTempDirs, tempDir } from './fixtures.js'

afterAll(removeTempDirs)

const sha = (text: string): string => createHash('sha256').update(text).digest('hex')

function options(overrides: Partial<BuildOptions> = {}): BuildOptions {
  return { flavour: 'fastskill', outDir: tempDir(), limits: LIMITS, allowSecrets: [], ...overrides }
}

describe('flavours', () => {
  test('fastskill: files at the root plus a generated skill-project.toml', async () => {
    const dir = await makeSkill({ 'refs/a.md': 'a' })
    const pkg = await buildPackage({ dir, path: 'skills/demo', name: 'demo', version: '1.0.0' }, options())
    expect(pkg).toMatchObject({
      name: 'demo',
      version: '1.0.0',
      flavour: 'fastskill',
      skillPath: 'skills/demo',
      skillDir: dir,
      fileName: 'demo-1.0.0.zip'
    })
    expect(pkg.files.map((f) => f.path)).toEqual(['SKILL.md', 'refs/a.md', 'skill-project.toml'])
    expect(readZipHeaders(pkg.zipPath).entries.map((e) => e.name)).toEqual(['SKILL.md', 'refs/a.md', 'skill-project.toml'])
    const toml = await readEntry(pkg.zipPath, 'skill-project.toml')
    expect(toml).toBe('[metadata]\nid = "demo"\nversion = "1.0.0"\n')
    const generated = pkg.files.find((f) => f.path === 'skill-project.toml')
    expect(generated).toMatchObject({ content: toml, sha256: sha(toml), size: toml.length, mode: 0o644 })
  })

  test("fastskill: the skill's own skill-project.toml is kept when it names what is published", async () => {
    const own = '[metadata]\nid = "demo"\nversion = "1.0.0"\n[extra]\nversion = "other table"\n'
    const dir = await makeSkill({ 'skill-project.toml': own })
    const pkg = await buildPackage({ dir, path: 'demo', name: 'demo', version: '1.0.0' }, options())
    expect(await readEntry(pkg.zipPath, 'skill-project.toml')).toBe(own)
    expect(pkg.files.find((f) => f.path === 'skill-project.toml')?.content).toBeUndefined()
  })

  test("fastskill: a skill's own skill-project.toml naming another id or version is refused, naming both", async () => {
    const dir = await makeSkill({ 'skill-project.toml': '[metadata]\nid = \'alpha\'  # the old name\nversion = "9.9.9"\n' })
    const error = await buildPackage({ dir, path: 'demo', name: 'demo', version: '1.0.0' }, options()).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(PackageError)
    expect((error as Error).message).toMatch(
      /its own skill-project\.toml names id "alpha" \(skillpub publishes "demo"\) and version "9\.9\.9" \(skillpub publishes "1\.0\.0"\), and the FastSkill server publishes under the names in that file/
    )
    // Other flavours do not read it.
    await buildPackage({ dir, path: 'demo', name: 'demo', version: '1.0.0' }, options({ flavour: 'artifactory' }))
  })

  test('artifactory: the skill files only, {slug}-{version}.zip, and the repository path', async () => {
    const dir = await makeSkill({ 'refs/a.md': 'a', 'skill-card.md': 'card' })
    const pkg = await buildPackage({ dir, path: 'demo', name: 'demo', version: '2.0.0-rc.1' }, options({ flavour: 'artifactory' }))
    expect(pkg.fileName).toBe('demo-2.0.0-rc.1.zip')
    expect(readZipHeaders(pkg.zipPath).entries.map((e) => e.name)).toEqual(['SKILL.md', 'refs/a.md', 'skill-card.md'])
    expect(artifactoryPath('demo', '2.0.0-rc.1')).toBe('demo/2.0.0-rc.1/demo-2.0.0-rc.1.zip')
  })

  test('clawhub: the upload list (no skill card, binaries included) and a zip of the same files', async () => {
    const dir = await makeSkill({ 'refs/a.md': 'a', 'skill-card.md': 'card', 'logo.png': Buffer.from([0x89, 0x50, 0, 1]) })
    const skipped: string[] = []
    const pkg = await buildPackage(
      { dir, path: 'demo', name: 'demo', version: '1.0.0' },
      options({ flavour: 'clawhub', onSkipped: (path) => skipped.push(path) })
    )
    expect(pkg.files.map((f) => f.path)).toEqual(['SKILL.md', 'logo.png', 'refs/a.md'])
    expect(readZipHeaders(pkg.zipPath).entries.map((e) => e.name)).toEqual(['SKILL.md', 'logo.png', 'refs/a.md'])
    expect(skipped).toEqual([])
  })

  test('every package carries size, file list, sha256, sha1 and the fingerprint of its files', async () => {
    const dir = await makeSkill({ 'a.md': 'a' })
    for (const flavour of ['fastskill', 'artifactory', 'clawhub'] as const) {
      const pkg = await buildPackage({ dir, path: 'demo', name: 'demo', version: '1.0.0' }, options({ flavour }))
      const bytes = await readFile(pkg.zipPath)
      expect(pkg.size).toBe(bytes.length)
      expect(pkg.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
      expect(pkg.sha1).toBe(createHash('sha1').update(bytes).digest('hex'))
      expect(pkg.fingerprint).toBe(computeFingerprint(pkg.files))
      expect(pkg.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    }
  })

  test('artifactory and clawhub packages of the same text files share the fingerprint', async () => {
    const dir = await makeSkill({ 'a.md': 'a', 'skill-card.md': 'card' })
    const art = await buildPackage({ dir, path: 'demo', name: 'demo', version: '1.0.0' }, options({ flavour: 'artifactory' }))
    const claw = await buildPackage({ dir, path: 'demo', name: 'demo', version: '1.0.0' }, options({ flavour: 'clawhub' }))
    expect(art.fingerprint).toBe(claw.fingerprint)
    expect(art.sha256).not.toBe(claw.sha256) // the artifactory zip holds the card
  })
})

describe('the output folder', () => {
  test('an output folder inside the skill is never packaged, and the zip is the only thing left there', async () => {
    const dir = await makeSkill({ 'a.md': 'a' })
    const outDir = join(dir, 'dist')
    const first = await buildPackage({ dir, path: 'demo', name: 'demo', version: '1.0.0' }, options({ outDir }))
    const second = await buildPackage({ dir, path: 'demo', name: 'demo', version: '1.0.0' }, options({ outDir }))
    expect(second.files.map((f) => f.path)).toEqual(['SKILL.md', 'a.md', 'skill-project.toml'])
    expect(second.sha256).toBe(first.sha256)
    expect(await readdir(outDir)).toEqual(['demo-1.0.0.zip'])
  })

  test('a refused skill writes nothing', async () => {
    const dir = await makeSkill({ id_rsa: 'key' })
    const outDir = join(tempDir(), 'out')
    await expect(buildPackage({ dir, path: 'demo', name: 'demo', version: '1.0.0' }, options({ outDir }))).rejects.toThrow(PackageError)
    expect(await readdir(outDir)).toEqual([])
  })

  test('names and versions that cannot be file names are refused', async () => {
    const dir = await makeSkill()
    for (const [name, version] of [
      ['../evil', '1.0.0'],
      ['demo', '1.0.0/../../x'],
      ['demo', '..'],
      ['a\\b', '1'],
      ['', '1']
    ]) {
      await expect(buildPackage({ dir, path: 'demo', name, version }, options())).rejects.toThrow(/cannot be part of a file name/)
    }
  })
})

describe('pieces', () => {
  test('TOML strings are escaped', () => {
    expect(tomlString('plain')).toBe('"plain"')
    expect(tomlString('a"b\\c\nd\te\u0001')).toBe('"a\\"b\\\\c\\nd\\te\\u0001"')
    expect(skillProjectToml('x"y', '1.0.0')).toBe('[metadata]\nid = "x\\"y"\nversion = "1.0.0"\n')
  })

  test('fingerprint: localeCompare order, skill-card.md skipped, exact payload', () => {
    const files = [
      { path: 'ä.md', sha256: '1'.repeat(64) },
      { path: 'B.md', sha256: '2'.repeat(64) },
      { path: '_x.md', sha256: '3'.repeat(64) },
      { path: 'a.md', sha256: '4'.repeat(64) },
      { path: 'skill-card.md', sha256: '5'.repeat(64) }
    ]
    const ordered = [...files.slice(0, 4)].sort((a, b) => a.path.localeCompare(b.path))
    const payload = ordered.map((f) => `${f.path}:${f.sha256}`).join('\n')
    expect(computeFingerprint(files)).toBe(sha(payload))
    // Input order does not matter; code-unit order would give another answer.
    expect(computeFingerprint([...files].reverse())).toBe(computeFingerprint(files))
    const codeUnits = [...files.slice(0, 4)].sort((a, b) => (a.path < b.path ? -1 : 1))
    expect(codeUnits.map((f) => f.path)).not.toEqual(ordered.map((f) => f.path))
    expect(computeFingerprint([])).toBe(sha(''))
  })

  test('unsafe entry names', () => {
    for (const ok of ['a.md', 'refs/a b.md', 'ä/ö.md', '..a/b']) expect(unsafeEntryReason(ok)).toBeUndefined()
    expect(unsafeEntryReason('../a')).toBe('".." in path')
    expect(unsafeEntryReason('a/..')).toBe('".." in path')
    expect(unsafeEntryReason('/a')).toBe('absolute path')
    expect(unsafeEntryReason('notes:1.md')).toBe('colon in name')
    expect(unsafeEntryReason('a\u0085b')).toBe('control character in name')
  })

  test('secret names', () => {
    for (const secret of ['.env', '.env.local', '.ENV.production', 'x.pem', 'x.key', 'id_rsa', 'id_rsa.pub', 'c.p12', 'c.pfx']) {
      expect(looksLikeSecret(secret)).toBe(true)
    }
    for (const fine of ['.env.example', '.env.sample', '.env.template', 'env', 'prod.env', 'keys.md', 'pem.txt']) {
      expect(looksLikeSecret(fine)).toBe(false)
    }
  })
})
