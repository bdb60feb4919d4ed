import { chmod, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildPackage } from '../../src/core/package/index.js'
import type { SkillPackage } from '../../src/core/types.js'
import { INDEX_FILE, LocalRegistry, type LocalIndex, type LocalRegistryOptions } from '../../src/registries/local.js'
import { RegistryError } from '../../src/registries/registry.js'
import { IS_ROOT, LIMITS, makeSkill, removeTempDirs, tempDir } from '../package/fixtures.js'

afterAll(removeTempDirs)

const NOW = new Date('2026-03-04T05:06:07.000Z')

function registry(target: string, options: Partial<LocalRegistryOptions> = {}): LocalRegistry {
  return new LocalRegistry({ target, layout: 'flat', force: false, now: () => NOW, ...options })
}

async function pack(name = 'demo', version = '1.0.0', extra: Record<string, string> = {}): Promise<SkillPackage> {
  const dir = await makeSkill(extra, name)
  return buildPackage({ dir, path: name, name, version }, { flavour: 'fastskill', outDir: tempDir(), limits: LIMITS, allowSecrets: [] })
}

async function readIndex(target: string): Promise<LocalIndex> {
  return JSON.parse(await readFile(join(target, INDEX_FILE), 'utf8')) as LocalIndex
}

async function publishError(local: LocalRegistry, pkg: SkillPackage): Promise<RegistryError> {
  try {
    await local.publish(pkg)
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError)
    return error as RegistryError
  }
  throw new Error('expected a RegistryError')
}

test('identity: kind local, flavour fastskill, target resolved', () => {
  const local = registry('relative/folder')
  expect(local.kind).toBe('local')
  expect(local.flavour).toBe('fastskill')
  expect(local.target).toBe(join(process.cwd(), 'relative/folder'))
})

test('publish (flat) creates the folder, copies the zip and records it in index.json', async () => {
  const target = join(tempDir(), 'a', 'b', 'registry')
  const local = registry(target)
  const pkg = await pack()
  expect(await local.find(pkg)).toBeUndefined()

  const publication = await local.publish(pkg)
  expect(publication).toMatchObject({ name: 'demo', version: '1.0.0', state: { verdict: 'published', messages: [] } })
  expect(publication.url).toBe(`file://${target}/demo-1.0.0.zip`)
  expect(await readFile(join(target, 'demo-1.0.0.zip'))).toEqual(await readFile(pkg.zipPath))
  expect(await readIndex(target)).toEqual({
    version: 1,
    packages: [
      {
        name: 'demo',
        version: '1.0.0',
        file: 'demo-1.0.0.zip',
        sha256: pkg.sha256,
        fingerprint: pkg.fingerprint,
        size: pkg.size,
        publishedAt: NOW.toISOString()
      }
    ]
  })
  expect((await readdir(target)).sort()).toEqual(['demo-1.0.0.zip', 'index.json']) // no temporary files left
  expect(await local.find(pkg)).toEqual({ sameContent: true, remoteDigest: `sha256:${pkg.sha256}`, url: publication.url })
  expect(await local.lookup({ name: 'demo', version: '1.0.0' })).toEqual({ verdict: 'published', messages: [], url: publication.url })
  expect(await local.status(publication)).toMatchObject({ verdict: 'published' })
  expect(await local.lookup({ name: 'demo', version: '2.0.0' })).toBeUndefined()
})

test('the same bytes again: find says sameContent, publish changes nothing', async () => {
  const target = tempDir()
  const pkg = await pack()
  await registry(target).publish(pkg)
  const later = registry(target, { now: () => new Date('2030-01-01T00:00:00Z') })
  expect((await later.find(pkg))?.sameContent).toBe(true)
  const again = await later.publish(pkg)
  expect(again.state.verdict).toBe('published')
  expect(again.state.messages.join(' ')).toContain('same content')
  expect((await readIndex(target)).packages[0].publishedAt).toBe(NOW.toISOString())
})

test('different bytes for a stored version: an error naming both checksums, unless force', async () => {
  const target = tempDir()
  const first = await pack('demo', '1.0.0')
  const changed = await pack('demo', '1.0.0', { 'more.md': 'new content' })
  expect(changed.sha256).not.toBe(first.sha256)
  await registry(target).publish(first)

  const found = await registry(target).find(changed)
  expect(found).toEqual({ sameContent: false, remoteDigest: `sha256:${first.sha256}`, url: expect.stringContaining('demo-1.0.0.zip') })
  const error = await publishError(registry(target), changed)
  expect(error.message).toContain(first.sha256)
  expect(error.message).toContain(changed.sha256)
  expect(error.message).toContain('force')
  expect(await readFile(join(target, 'demo-1.0.0.zip'))).toEqual(await readFile(first.zipPath))

  const forced = await registry(target, { force: true }).publish(changed)
  expect(forced.state.messages.join(' ')).toContain(`was sha256:${first.sha256}`)
  expect(await readFile(join(target, 'demo-1.0.0.zip'))).toEqual(await readFile(changed.zipPath))
  expect((await readIndex(target)).packages).toEqual([
    expect.objectContaining({ sha256: changed.sha256, fingerprint: changed.fingerprint, size: changed.size })
  ])
})

test('nested layout: {name}/{version}/, and remove cleans up', async () => {
  const target = tempDir()
  const local = registry(target, { layout: 'nested' })
  const one = await pack('demo', '1.0.0')
  const two = await pack('demo', '1.1.0')
  const other = await pack('other', '0.1.0')
  for (const pkg of [two, other, one]) await local.publish(pkg)
  expect(await readFile(join(target, 'demo', '1.0.0', 'demo-1.0.0.zip'))).toEqual(await readFile(one.zipPath))
  expect((await readIndex(target)).packages.map((e) => e.file)).toEqual([
    'demo/1.0.0/demo-1.0.0.zip',
    'demo/1.1.0/demo-1.1.0.zip',
    'other/0.1.0/other-0.1.0.zip'
  ])

  await local.remove({ name: 'demo', version: '1.0.0' })
  await local.remove({ name: 'other', version: '0.1.0' })
  await local.remove({ name: 'never', version: '1.0.0' }) // absent: nothing to do
  expect((await readdir(target)).sort()).toEqual(['demo', 'index.json'])
  expect(await readdir(join(target, 'demo'))).toEqual(['1.1.0'])
  expect((await readIndex(target)).packages.map((e) => `${e.name}@${e.version}`)).toEqual(['demo@1.1.0'])
  expect(await local.lookup({ name: 'demo', version: '1.0.0' })).toBeUndefined()
})

test('the index remembers where a package is, even after the layout changes', async () => {
  const target = tempDir()
  const pkg = await pack()
  await registry(target, { layout: 'flat' }).publish(pkg)
  const nested = registry(target, { layout: 'nested' })
  expect((await nested.find(pkg))?.sameContent).toBe(true)
  expect(await nested.lookup(pkg)).toMatchObject({ url: expect.stringMatching(/\/demo-1\.0\.0\.zip$/) })
})

test('a zip already in the folder without an index entry is found and the index repaired', async () => {
  const target = tempDir()
  const pkg = await pack()
  await writeFile(join(target, 'demo-1.0.0.zip'), await readFile(pkg.zipPath))
  expect((await registry(target).find(pkg))?.sameContent).toBe(true)
  await registry(target).publish(pkg)
  expect((await readIndex(target)).packages).toHaveLength(1)
})

test('concurrent publishes to one folder keep every index entry', async () => {
  const target = tempDir()
  const packages = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => pack(`skill-${name}`)))
  await Promise.all(packages.map((pkg) => registry(target).publish(pkg)))
  expect((await readIndex(target)).packages.map((e) => e.name)).toEqual(['skill-a', 'skill-b', 'skill-c', 'skill-d', 'skill-e'])
  expect((await readdir(target)).filter((name) => name.endsWith('.tmp'))).toEqual([])
})

test('a target that is a file, or under a file, is a clear error', async () => {
  const file = join(tempDir(), 'registry.zip')
  await writeFile(file, 'not a folder')
  const pkg = await pack()
  expect((await publishError(registry(file), pkg)).message).toContain('is a file, not a folder')
  expect((await publishError(registry(join(file, 'sub')), pkg)).message).toMatch(/part of its path is a file/)
})

test('a target that is not writable is a clear error', async () => {
  const pkg = await pack()
  if (IS_ROOT) {
    // chmod does not stop root; sysfs refuses new files even to root.
    const error = await publishError(registry('/sys'), pkg)
    expect(error.message).toContain('/sys is not writable')
    return
  }
  const target = tempDir()
  await chmod(target, 0o555)
  try {
    expect((await publishError(registry(target), pkg)).message).toContain('is not writable')
  } finally {
    await chmod(target, 0o755)
  }
})

test('a broken index.json, or one pointing outside the folder, is a clear error', async () => {
  const target = tempDir()
  await writeFile(join(target, INDEX_FILE), '{ not json')
  const pkg = await pack()
  expect((await publishError(registry(target), pkg)).message).toMatch(/index.json is not a skillpub index/)
  await writeFile(
    join(target, INDEX_FILE),
    JSON.stringify({ version: 1, packages: [{ name: 'demo', version: '1.0.0', file: '../../etc/passwd' }] })
  )
  expect((await publishError(registry(target), pkg)).message).toContain('outside the folder')
})

test('names and versions that are not plain path parts are refused', async () => {
  const target = tempDir()
  const pkg = await pack()
  for (const [name, version] of [
    ['..', '1.0.0'],
    ['demo', '../1'],
    ['a/b', '1'],
    ['demo', 'x\\y']
  ]) {
    await expect(registry(target).publish({ ...pkg, name, version })).rejects.toThrow(/plain file-name part/)
    await expect(registry(target).lookup({ name, version })).rejects.toThrow(RegistryError)
  }
  expect(await readdir(target)).toEqual([]) // nothing written
})
