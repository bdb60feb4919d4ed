import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmod, mkdir, readdir, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { buildPackage } from '../../src/core/package/index.js'
import type { SkillPackage } from '../../src/core/types.js'
import { LOCK_FILE, LocalRegistry, type LocalRegistryOptions } from '../../src/registries/local.js'
import { RegistryError } from '../../src/registries/registry.js'
import { IS_ROOT, LIMITS, makeSkill, removeTempDirs, tempDir } from '../package/fixtures.js'
import { memoryLogger } from './package-fixture.js'
import { parseVersionEntry, validatePathComponent, type ReaderEntry } from '../support/fastskill-reader.js'

afterAll(removeTempDirs)

const NOW = new Date('2026-03-04T05:06:07.000Z')

function registry(target: string, options: Partial<LocalRegistryOptions> = {}): LocalRegistry {
  return new LocalRegistry({ target, layout: 'flat', force: false, scope: 'acme', now: () => NOW, ...options })
}

async function pack(name = 'demo', version = '1.0.0', extra: Record<string, string> = {}): Promise<SkillPackage> {
  const dir = await makeSkill({ 'SKILL.md': `---\nname: ${name}\ndescription: A demo skill.\n---\n\nDo the thing.\n`, ...extra }, name)
  return buildPackage({ dir, path: name, name, version }, { flavour: 'fastskill', outDir: tempDir(), limits: LIMITS, allowSecrets: [] })
}

/** The index file of a skill, read with FastSkill's rules: every line must parse. */
async function readLines(target: string, id: string, scope = 'acme'): Promise<ReaderEntry[]> {
  const text = await readFile(join(target, 'index', scope, id), 'utf8').catch(() => '')
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const entry = parseVersionEntry(line)
      if (typeof entry === 'string') throw new Error(`${entry}: ${line}`)
      return entry
    })
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

/** A pid that ran on this host and has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

test('identity: kind local, flavour fastskill, target resolved', () => {
  const local = registry('relative/folder')
  expect(local.kind).toBe('local')
  expect(local.flavour).toBe('fastskill')
  expect(local.target).toBe(join(process.cwd(), 'relative/folder'))
})

test('publish (flat) copies the zip and writes one FastSkill VersionEntry line at index/{scope}/{id}', async () => {
  const target = join(tempDir(), 'a', 'b', 'registry')
  const local = registry(target, { baseUrl: 'https://acme.github.io/skills/', repository: 'https://github.com/acme/skills' })
  const pkg = await pack('demo', '1.0.0', {
    'SKILL.md': '---\nname: demo\ndescription: A demo skill.\nlicense: MIT\nmetadata:\n  author: Ada\n---\n\nDo it.\n'
  })
  expect(await local.find(pkg)).toBeUndefined()

  const publication = await local.publish(pkg)
  const url = 'https://acme.github.io/skills/demo-1.0.0.zip'
  expect(publication).toMatchObject({ name: 'demo', version: '1.0.0', url, state: { verdict: 'published' } })
  expect(await readFile(join(target, 'demo-1.0.0.zip'))).toEqual(await readFile(pkg.zipPath))
  const text = await readFile(join(target, 'index/acme/demo'), 'utf8')
  expect(text).toBe(
    JSON.stringify({
      name: 'acme/demo',
      vers: '1.0.0',
      deps: [],
      cksum: `sha256:${pkg.sha256}`,
      features: {},
      yanked: false,
      download_url: url,
      published_at: NOW.toISOString(),
      metadata: { description: 'A demo skill.', author: 'Ada', license: 'MIT', repository: 'https://github.com/acme/skills' }
    }) + '\n'
  )
  expect((await readdir(target)).sort()).toEqual(['demo-1.0.0.zip', 'index']) // no temporary or lock files left
  expect(await readdir(join(target, 'index/acme'))).toEqual(['demo'])
  expect(await local.find(pkg)).toEqual({ sameContent: true, remoteDigest: `sha256:${pkg.sha256}`, url })
  expect(await local.lookup({ name: 'demo', version: '1.0.0' })).toEqual({ verdict: 'published', messages: [], url })
  expect(await local.status(publication)).toMatchObject({ verdict: 'published' })
  expect(await local.lookup({ name: 'demo', version: '2.0.0' })).toBeUndefined()
})

test('without base-url, download_url is the file:// URL of the zip', async () => {
  const target = tempDir()
  const publication = await registry(target).publish(await pack())
  expect(publication.url).toBe(`file://${target}/demo-1.0.0.zip`)
  expect((await readLines(target, 'demo'))[0]!.download_url).toBe(publication.url)
})

test('the same bytes again: find says sameContent, publish changes nothing', async () => {
  const target = tempDir()
  const pkg = await pack()
  await registry(target).publish(pkg)
  const before = await readFile(join(target, 'index/acme/demo'), 'utf8')
  const later = registry(target, { now: () => new Date('2030-01-01T00:00:00Z') })
  expect((await later.find(pkg))?.sameContent).toBe(true)
  const again = await later.publish(pkg)
  expect(again.state.verdict).toBe('published')
  expect(again.state.messages.join(' ')).toContain('same content')
  expect(await readFile(join(target, 'index/acme/demo'), 'utf8')).toBe(before)
})

test('versions append in order, one line each; a re-run with another base-url moves every download_url', async () => {
  const target = tempDir()
  for (const version of ['1.0.0', '1.1.0', '2.0.0-pr.1']) await registry(target).publish(await pack('demo', version))
  expect((await readLines(target, 'demo')).map((e) => e.vers)).toEqual(['1.0.0', '1.1.0', '2.0.0-pr.1'])

  await registry(target, { baseUrl: 'http://127.0.0.1:9/r' }).find(await pack('demo', '1.0.0'))
  expect((await readLines(target, 'demo')).map((e) => e.download_url)).toEqual([
    'http://127.0.0.1:9/r/demo-1.0.0.zip',
    'http://127.0.0.1:9/r/demo-1.1.0.zip',
    'http://127.0.0.1:9/r/demo-2.0.0-pr.1.zip'
  ])
})

test('different bytes for a stored version: an error naming both checksums, unless force replaces zip and line in place', async () => {
  const target = tempDir()
  const first = await pack('demo', '1.0.0')
  const changed = await pack('demo', '1.0.0', { 'more.md': 'new content' })
  expect(changed.sha256).not.toBe(first.sha256)
  await registry(target).publish(first)
  await registry(target).publish(await pack('demo', '1.1.0'))

  const found = await registry(target).find(changed)
  expect(found).toEqual({ sameContent: false, remoteDigest: `sha256:${first.sha256}`, url: expect.stringContaining('demo-1.0.0.zip') })
  const error = await publishError(registry(target), changed)
  expect(error.message).toContain(first.sha256)
  expect(error.message).toContain(changed.sha256)
  expect(error.message).toContain('force')
  expect(await readFile(join(target, 'demo-1.0.0.zip'))).toEqual(await readFile(first.zipPath))

  const later = new Date('2027-01-01T00:00:00Z')
  const forced = await registry(target, { force: true, now: () => later }).publish(changed)
  expect(forced.state.messages.join(' ')).toContain(`was sha256:${first.sha256}`)
  expect(await readFile(join(target, 'demo-1.0.0.zip'))).toEqual(await readFile(changed.zipPath))
  const lines = await readLines(target, 'demo')
  expect(lines.map((e) => [e.vers, e.cksum, e.published_at])).toEqual([
    ['1.0.0', `sha256:${changed.sha256}`, later.toISOString()],
    ['1.1.0', expect.stringMatching(/^sha256:/), NOW.toISOString()]
  ])
})

test('a zip replaced by hand: the zip wins, and find corrects its line', async () => {
  const target = tempDir()
  await registry(target).publish(await pack('demo', '1.0.0'))
  const other = await pack('demo', '1.0.0', { 'extra.md': 'x' })
  await writeFile(join(target, 'demo-1.0.0.zip'), await readFile(other.zipPath))
  expect((await registry(target).find(other))?.sameContent).toBe(true)
  expect((await readLines(target, 'demo'))[0]!.cksum).toBe(`sha256:${other.sha256}`)
})

test('nested layout: {name}/{version}/, and remove takes the zip and its line under the lock', async () => {
  const target = tempDir()
  const local = registry(target, { layout: 'nested', baseUrl: 'http://h/r' })
  const one = await pack('demo', '1.0.0')
  const two = await pack('demo', '1.1.0')
  const other = await pack('other', '0.1.0')
  for (const pkg of [two, other, one]) await local.publish(pkg)
  expect(await readFile(join(target, 'demo', '1.0.0', 'demo-1.0.0.zip'))).toEqual(await readFile(one.zipPath))
  expect((await readLines(target, 'demo')).map((e) => [e.vers, e.download_url])).toEqual([
    ['1.1.0', 'http://h/r/demo/1.1.0/demo-1.1.0.zip'],
    ['1.0.0', 'http://h/r/demo/1.0.0/demo-1.0.0.zip']
  ])

  await local.remove({ name: 'demo', version: '1.0.0' })
  await local.remove({ name: 'other', version: '0.1.0' })
  await local.remove({ name: 'never', version: '1.0.0' }) // absent: nothing to do
  expect((await readdir(target)).sort()).toEqual(['demo', 'index'])
  expect(await readdir(join(target, 'demo'))).toEqual(['1.1.0'])
  expect((await readLines(target, 'demo')).map((e) => e.vers)).toEqual(['1.1.0'])
  expect(await readdir(join(target, 'index/acme'))).toEqual(['demo']) // the last version's index file goes with it
  expect(await local.lookup({ name: 'demo', version: '1.0.0' })).toBeUndefined()
})

test('remove takes the line from every scope that lists the version, and leaves the other versions', async () => {
  const target = tempDir()
  await registry(target, { scope: 'one' }).publish(await pack('demo', '1.0.0'))
  await registry(target, { scope: 'one' }).publish(await pack('demo', '2.0.0'))
  await registry(target, { scope: 'two' }).find(await pack('demo', '1.0.0')) // repairs scope two: both zips listed
  expect((await readLines(target, 'demo', 'two')).map((e) => e.vers)).toEqual(['1.0.0', '2.0.0'])
  await registry(target, { scope: 'one' }).remove({ name: 'demo', version: '1.0.0' })
  expect((await readLines(target, 'demo', 'one')).map((e) => e.vers)).toEqual(['2.0.0'])
  expect((await readLines(target, 'demo', 'two')).map((e) => e.vers)).toEqual(['2.0.0'])
  expect(await readdir(target)).not.toContain('demo-1.0.0.zip')
})

test('a remove waits for the lock another process holds', async () => {
  const target = tempDir()
  await registry(target).publish(await pack())
  await writeFile(join(target, LOCK_FILE), JSON.stringify({ token: 't', pid: process.pid, host: hostname(), since: 'now' }))
  const waiting = registry(target, { lock: { timeoutMs: 0 } }).remove({ name: 'demo', version: '1.0.0' })
  await expect(waiting).rejects.toThrow(/\.skillpub\.lock is held by process \d+ on .*delete that file/)
  expect(await readdir(target)).toContain('demo-1.0.0.zip') // nothing removed without the lock
})

test('the index remembers nothing the zips do not say: a layout change still finds the zip', async () => {
  const target = tempDir()
  const pkg = await pack()
  await registry(target, { layout: 'flat' }).publish(pkg)
  const nested = registry(target, { layout: 'nested' })
  expect((await nested.find(pkg))?.sameContent).toBe(true)
  expect(await nested.lookup(pkg)).toMatchObject({ url: expect.stringMatching(/\/demo-1\.0\.0\.zip$/) })
})

test("after a killed run (zip outside the index, temporary files, a dead holder's lock, a line without its zip) the next run repairs it", async () => {
  const target = tempDir()
  const kept = await pack('kept', '1.0.0')
  await registry(target).publish(kept)
  await registry(target).publish(await pack('gone', '1.0.0'))
  // What a SIGKILL between steps leaves behind:
  const orphan = await pack('orphan', '3.1.0-rc.1')
  await writeFile(join(target, 'orphan-3.1.0-rc.1.zip'), await readFile(orphan.zipPath)) // renamed in, line not yet written
  await writeFile(join(target, `.next-1.0.0.zip.${deadPid()}.0123456789ab.tmp`), 'half a zip')
  await writeFile(join(target, 'index/acme', `.kept.${deadPid()}.abcdefabcdef.tmp`), '{"name":')
  await writeFile(join(target, LOCK_FILE), JSON.stringify({ token: 'x', pid: deadPid(), host: hostname(), since: 'then' }))
  await unlink(join(target, 'gone-1.0.0.zip')) // a remove killed after the unlink, before the line went
  await writeFile(join(target, 'notes.zip'), 'not a package') // someone else's zip: left alone

  const logger = memoryLogger()
  const next = registry(target, { logger })
  expect((await next.find(kept))?.sameContent).toBe(true)

  expect((await readdir(target)).sort()).toEqual(['index', 'kept-1.0.0.zip', 'notes.zip', 'orphan-3.1.0-rc.1.zip'])
  expect((await readdir(join(target, 'index/acme'))).sort()).toEqual(['kept', 'orphan'])
  const [line] = await readLines(target, 'orphan')
  expect(line).toMatchObject({
    name: 'acme/orphan',
    vers: '3.1.0-rc.1',
    cksum: `sha256:${orphan.sha256}`,
    metadata: { description: 'A demo skill.' },
    published_at: (await stat(join(target, 'orphan-3.1.0-rc.1.zip'))).mtime.toISOString()
  })
  const warning = logger.lines.find((l) => l.startsWith('warning: Repaired'))
  expect(warning).toContain('removed 2 temporary file(s)')
  expect(warning).toContain('added acme/orphan 3.1.0-rc.1')
  expect(warning).toContain('dropped acme/gone 1.0.0 (no zip in the folder)')
  expect(logger.lines.join('\n')).toContain('notes.zip is not a package skillpub stored')
})

test('a dry run repairs nothing', async () => {
  const target = tempDir()
  const orphan = await pack('orphan')
  await writeFile(join(target, 'orphan-1.0.0.zip'), await readFile(orphan.zipPath))
  expect((await registry(target, { dryRun: true }).find(orphan))?.sameContent).toBe(true)
  expect(await readdir(target)).toEqual(['orphan-1.0.0.zip'])
})

test('unreadable index lines are dropped, named, and the zips listed again', async () => {
  const target = tempDir()
  const pkg = await pack()
  await mkdir(join(target, 'index/acme'), { recursive: true })
  await writeFile(join(target, 'index/acme/demo'), '{ not json\n{"name":"acme/demo"}\n')
  await writeFile(join(target, 'demo-1.0.0.zip'), await readFile(pkg.zipPath))
  const logger = memoryLogger()
  await registry(target, { logger }).publish(pkg)
  expect((await readLines(target, 'demo')).map((e) => e.cksum)).toEqual([`sha256:${pkg.sha256}`])
  expect(logger.lines.join('\n')).toContain('dropped unreadable line(s) 1, 2 of index/acme/demo')
})

test('concurrent publishes in one process keep every line', async () => {
  const target = tempDir()
  const packages = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => pack(`skill-${name}`)))
  await Promise.all(packages.map((pkg) => registry(target).publish(pkg)))
  expect((await readdir(join(target, 'index/acme'))).sort()).toEqual(['skill-a', 'skill-b', 'skill-c', 'skill-d', 'skill-e'])
  for (const pkg of packages) expect((await readLines(target, pkg.name))[0]!.cksum).toBe(`sha256:${sha256(await readFile(pkg.zipPath))}`)
  expect((await readdir(target)).filter((name) => name.startsWith('.'))).toEqual([])
})

test('a stale lock is broken: a dead holder on this host, or one nobody touched for staleMs', async () => {
  const target = tempDir()
  await mkdir(target, { recursive: true })
  const lock = join(target, LOCK_FILE)
  await writeFile(lock, JSON.stringify({ token: 'a', pid: deadPid(), host: hostname(), since: 'then' }))
  await registry(target).publish(await pack('one'))
  await writeFile(lock, JSON.stringify({ token: 'b', pid: 1, host: 'another-host', since: 'then' }))
  const old = new Date(Date.now() - 120_000)
  await utimes(lock, old, old)
  await registry(target, { lock: { staleMs: 60_000 } }).publish(await pack('two'))
  expect((await readdir(join(target, 'index/acme'))).sort()).toEqual(['one', 'two'])
  expect(await readdir(target)).not.toContain(LOCK_FILE)
})

test('scopes, names and versions that FastSkill would refuse as path components are refused', async () => {
  for (const scope of ['', '..', 'a/b', 'a\\b', 'a:b', '.hidden', '@acme']) {
    expect(() => registry(tempDir(), { scope })).toThrow(/cannot name a FastSkill index folder/)
  }
  expect(validatePathComponent('acme')).toBe(true)
  const target = tempDir()
  const pkg = await pack()
  for (const [name, version] of [
    ['..', '1.0.0'],
    ['demo', '../1'],
    ['a/b', '1'],
    ['demo', 'x\\y'],
    ['.lock', '1']
  ]) {
    await expect(registry(target).publish({ ...pkg, name, version })).rejects.toThrow(/Cannot store/)
    await expect(registry(target).lookup({ name, version })).rejects.toThrow(RegistryError)
  }
  await expect(registry(target, { layout: 'nested' }).publish({ ...pkg, name: 'index' })).rejects.toThrow(/holds the FastSkill index/)
  expect(await readdir(target)).toEqual([]) // nothing written
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
