import { chmod, mkdir, symlink, truncate, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { execFileSync, spawnSync } from 'node:child_process'
import { CLI_BUNDLE } from '../support/runner.js'
import { listPackageFiles, PackageError } from '../../src/core/package/index.js'
import type { ListOptions } from '../../src/core/package/index.js'
import { IS_ROOT, LIMITS, makeSkill, removeTempDirs, tempDir, writeTree } from './fixtures.js'

const fastskill: ListOptions = { flavour: 'fastskill', limits: LIMITS, allowSecrets: [] }

async function paths(dir: string, options: Partial<ListOptions> = {}): Promise<string[]> {
  return (await listPackageFiles(dir, { ...fastskill, ...options })).map((f) => f.path)
}

async function refusal(dir: string, options: Partial<ListOptions> = {}): Promise<PackageError> {
  try {
    await listPackageFiles(dir, { ...fastskill, ...options })
  } catch (error) {
    expect(error).toBeInstanceOf(PackageError)
    return error as PackageError
  }
  throw new Error('expected a PackageError')
}

afterAll(removeTempDirs)

describe('what goes in', () => {
  test('every regular file, sorted by code units, with hashes, sizes and modes', async () => {
    const dir = await makeSkill({
      'B.md': 'b',
      'a.md': 'a',
      '_x.md': 'x',
      'ä.md': 'umlaut',
      'scripts/run.sh': { content: '#!/bin/sh\n', mode: 0o755 },
      'scripts/private.sh': { content: 'x', mode: 0o700 },
      'refs/deep/er/file.txt': 'deep',
      'empty.txt': ''
    })
    const files = await listPackageFiles(dir, fastskill)
    expect(files.map((f) => f.path)).toEqual([
      'B.md',
      'SKILL.md',
      '_x.md',
      'a.md',
      'empty.txt',
      'refs/deep/er/file.txt',
      'scripts/private.sh',
      'scripts/run.sh',
      'ä.md'
    ])
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]))
    expect(byPath['a.md']).toEqual({ path: 'a.md', size: 1, mode: 0o644, absolutePath: join(dir, 'a.md') })
    expect(byPath['scripts/run.sh'].mode).toBe(0o755)
    expect(byPath['scripts/private.sh'].mode).toBe(0o755)
    expect(byPath['empty.txt']).toMatchObject({ size: 0 })
  })

  test('dot-files, dot-folders, node_modules, __pycache__, *.pyc, .DS_Store are left out', async () => {
    const dir = await makeSkill({
      '.hidden': 'x',
      '.git/config': 'x',
      '.github/workflows/ci.yml': 'x',
      'refs/.cache/x.md': 'x',
      'node_modules/pkg/index.js': 'x',
      'lib/node_modules/pkg/index.js': 'x',
      '__pycache__/m.cpython-312.pyc': 'x',
      'lib/mod.pyc': 'x',
      'lib/mod.py': 'print(1)',
      '.DS_Store': 'x',
      'lib/.DS_Store': 'x'
    })
    expect(await paths(dir)).toEqual(['SKILL.md', 'lib/mod.py'])
  })

  test('.gitignore, .clawhubignore and .skillignore at the root, with gitignore semantics', async () => {
    const dir = await makeSkill({
      '.gitignore': 'build/\n*.log\n!keep.log\n',
      '.clawhubignore': '/drafts\n',
      '.skillignore': '# comment\nfixtures/**/*.bin\n',
      'build/out.js': 'x',
      'src/build/nested.js': 'x',
      'a.log': 'x',
      'keep.log': 'x',
      'drafts/d.md': 'x',
      'refs/drafts/d.md': 'kept: /drafts is anchored',
      'fixtures/a/b/c.bin': 'x',
      'fixtures/a/b/c.txt': 'x'
    })
    expect(await paths(dir)).toEqual(['SKILL.md', 'fixtures/a/b/c.txt', 'keep.log', 'refs/drafts/d.md'])
  })

  test('exclude folders (the artifacts output) are left out, also through another spelling', async () => {
    const dir = await makeSkill({ 'dist/demo-1.0.0.zip': 'zip', 'dist2/x.md': 'x' })
    expect(await paths(dir, { exclude: [join(dir, 'refs', '..', 'dist')] })).toEqual(['SKILL.md', 'dist2/x.md'])
  })

  test('an empty skill (only SKILL.md) is fine', async () => {
    expect(await paths(await makeSkill())).toEqual(['SKILL.md'])
  })

  test('no SKILL.md, or SKILL.md ignored, is refused', async () => {
    const dir = join(tempDir(), 'nothing')
    await writeTree(dir, { 'README.md': 'x' })
    const error = await refusal(dir)
    expect(error.message).toContain(dir)
    expect(error.message).toContain('no SKILL.md')

    const ignored = await makeSkill({ '.skillignore': 'SKILL.md\n' })
    expect((await refusal(ignored)).message).toContain('no SKILL.md')

    const lower = join(tempDir(), 'lower')
    await writeTree(lower, { 'skill.md': 'x' })
    expect((await refusal(lower)).message).toContain('no SKILL.md')
  })

  test('a skill folder that is not a folder is refused', async () => {
    const file = join(tempDir(), 'file')
    await writeFile(file, 'x')
    expect((await refusal(file)).message).toContain('not a folder')
    expect((await refusal(join(tempDir(), 'missing'))).message).toContain('not a folder')
  })

  test('the clawhub flavour: every file the official client sends, binaries included; no skill-card.md, no links', async () => {
    const dir = await makeSkill({
      'skill-card.md': 'card',
      'refs/skill-card.md': 'a nested one is not the card',
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
      Makefile: 'all:\n',
      blob: Buffer.from([1, 2, 0, 3]),
      'data.JSON': '{}',
      'main.tf': 'resource "x" "y" {}\n'
    })
    await symlink('Makefile', join(dir, 'alias'))
    const skipped: string[] = []
    expect(await paths(dir, { flavour: 'clawhub', onSkipped: (path) => skipped.push(path) })).toEqual([
      'Makefile',
      'SKILL.md',
      'blob',
      'data.JSON',
      'logo.png',
      'main.tf',
      'refs/skill-card.md'
    ])
    expect(skipped).toEqual(['alias'])
    // Other flavours keep the card, and follow links inside the skill.
    expect(await paths(dir, { flavour: 'artifactory' })).toEqual(expect.arrayContaining(['skill-card.md', 'alias']))
  })
})

describe('symlinks', () => {
  test('a link to a file inside the skill stores the target bytes under the link name', async () => {
    const dir = await makeSkill({ 'refs/real.md': 'real', 'tool.sh': { content: '#!/bin/sh\n', mode: 0o755 } })
    await symlink('refs/real.md', join(dir, 'alias.md'))
    await symlink(join(dir, 'tool.sh'), join(dir, 'tool-link.sh')) // absolute, but inside
    const files = await listPackageFiles(dir, fastskill)
    const alias = files.find((f) => f.path === 'alias.md')
    const real = files.find((f) => f.path === 'refs/real.md')
    expect(alias).toMatchObject({ absolutePath: real?.absolutePath, size: 4 })
    expect(files.find((f) => f.path === 'tool-link.sh')?.mode).toBe(0o755)
  })

  test('links out of the skill are refused, relative or absolute, file or folder', async () => {
    const outside = tempDir()
    await writeTree(outside, { 'secret.txt': 'outside', 'dir/x.md': 'x' })
    const dir = await makeSkill()
    await symlink('../../' + outside.split('/').pop() + '/secret.txt', join(dir, 'rel-file.md'))
    await symlink(join(outside, 'secret.txt'), join(dir, 'abs-file.md'))
    await symlink(join(outside, 'dir'), join(dir, 'abs-dir'))
    await symlink('..', join(dir, 'parent'))
    await symlink('/etc/passwd', join(dir, 'passwd.txt'))
    const error = await refusal(dir)
    expect(error.message).toContain('outside the skill folder')
    for (const name of ['rel-file.md', 'abs-file.md', 'abs-dir', 'parent', 'passwd.txt']) expect(error.message).toContain(name)
    expect(error.message).toContain(join(outside, 'secret.txt'))
    expect(error.message).toContain('.skillignore')
  })

  test('folder links are refused, so loops cannot happen', async () => {
    const dir = await makeSkill({ 'refs/a.md': 'a' })
    await symlink('.', join(dir, 'refs', 'self'))
    await symlink('../refs', join(dir, 'refs', 'loop'))
    await symlink('refs', join(dir, 'alias'))
    const error = await refusal(dir)
    expect(error.message).toContain('symbolic links to folders')
    for (const name of ['refs/self', 'refs/loop', 'alias']) expect(error.message).toContain(name)
  })

  test('broken and self-referencing links are refused; ignored links are not looked at', async () => {
    const dir = await makeSkill({ '.skillignore': 'ignored-link\n' })
    await symlink('missing.md', join(dir, 'broken.md'))
    await symlink('me.md', join(dir, 'me.md'))
    await symlink('/nonexistent/elsewhere', join(dir, 'ignored-link'))
    const error = await refusal(dir)
    expect(error.message).toContain('broken symbolic links')
    expect(error.message).toContain('broken.md')
    expect(error.message).toContain('me.md')
    expect(error.message).not.toContain('ignored-link')
  })

  test('a link inside the skill cannot smuggle in an excluded file', async () => {
    const dir = await makeSkill({ '.env': 'TOKEN=1', 'node_modules/x/index.js': 'x', '.gitignore': '.env\n' })
    await symlink('.env', join(dir, 'config.txt'))
    await symlink('node_modules/x/index.js', join(dir, 'index.js'))
    const error = await refusal(dir)
    expect(error.message).toContain('config.txt (points to .env, which is never packaged)')
    expect(error.message).toContain('index.js (points to node_modules/x/index.js')
  })
})

describe('names', () => {
  test('zip-slip and unsafe names are refused, naming them', async () => {
    const dir = await makeSkill({
      'evil\\..\\..\\x.md': 'x',
      '..\\..\\dot-named.md': 'starts with a dot: never packaged, so no problem',
      'refs\\win.md': 'x',
      'c:drive.md': 'x',
      'tab\there.md': 'x',
      'bell\u0007.md': 'x'
    })
    const error = await refusal(dir)
    expect(error.message).toContain('unsafe in an archive')
    expect(error.message).toContain('"evil\\\\..\\\\..\\\\x.md" (backslash in name)')
    expect(error.message).toContain('"c:drive.md" (absolute path)')
    expect(error.message).not.toContain('dot-named')
    expect(error.message).toContain('"tab\\there.md" (control character in name)')
    expect(error.message).toContain('bell\\u0007.md')
    expect(error.files.length).toBe(5)
  })

  test('an unsafe name that an ignore file covers is not a problem', async () => {
    const dir = await makeSkill({ 'a\\b.md': 'x', '.skillignore': 'a\\\\b.md\n' })
    expect(await paths(dir)).toEqual(['SKILL.md'])
  })
})

describe('secrets', () => {
  test('secret-looking files are refused with their names', async () => {
    const dir = await makeSkill({
      'certs/server.pem': 'x',
      'tls.KEY': 'x',
      id_rsa: 'x',
      'keys/id_rsa.pub': 'x',
      'store.p12': 'x',
      'prod.env': 'x is not .env*: fine',
      '.env': 'TOKEN=1',
      'config/.env.production': 'TOKEN=1',
      '.env.example': 'TOKEN=',
      '.npmrc': '//registry.npmjs.org/:_authToken=npm_abc\n'
    })
    const error = await refusal(dir)
    expect(error.message).toContain('look like secrets')
    for (const name of [
      'certs/server.pem',
      'tls.KEY',
      'id_rsa',
      'keys/id_rsa.pub',
      'store.p12',
      '.env',
      'config/.env.production',
      '.npmrc'
    ]) {
      expect(error.files).toContain(name)
    }
    expect(error.files).not.toContain('.env.example')
    expect(error.files).not.toContain('prod.env')
    expect(error.message).toContain('allow-secrets')
  })

  test('an .npmrc without a token is no secret (and, a dot-file, is not packaged)', async () => {
    const dir = await makeSkill({ '.npmrc': 'registry=https://registry.npmjs.org/\n' })
    expect(await paths(dir)).toEqual(['SKILL.md'])
  })

  test('a gitignored .env is silently skipped: it is not committed and never packaged', async () => {
    const dir = await makeSkill({ '.env': 'TOKEN=1', '.gitignore': '.env\n' })
    expect(await paths(dir)).toEqual(['SKILL.md'])
  })

  test('allowSecrets patterns let named files through (basename or path patterns)', async () => {
    const dir = await makeSkill({ 'certs/test-ca.pem': 'x', 'fixtures/keys/test.key': 'x', '.env': 'X=1' })
    expect(await paths(dir, { allowSecrets: ['test-ca.pem', 'fixtures/**/*.key', '.env'] })).toEqual([
      'SKILL.md',
      'certs/test-ca.pem',
      'fixtures/keys/test.key'
    ])
    const error = await refusal(dir, { allowSecrets: ['test-ca.pem'] })
    expect(error.files).toEqual(['.env', 'fixtures/keys/test.key'])
  })
})

describe('limits', () => {
  test('a file over the per-file limit is refused by its size (a sparse 11 MB file)', async () => {
    const dir = await makeSkill()
    await truncate(join(dir, 'big.bin'), 11 * 1024 * 1024).catch(async () => {
      await writeFile(join(dir, 'big.bin'), '')
      await truncate(join(dir, 'big.bin'), 11 * 1024 * 1024)
    })
    const error = await refusal(dir)
    expect(error.message).toContain('over the size limit')
    expect(error.message).toContain(`big.bin (${11 * 1024 * 1024} bytes, limit ${10 * 1024 * 1024})`)
  })

  test('the size check happens before reading: a sparse 1 TiB file is refused at once', async () => {
    const dir = await makeSkill()
    const huge = join(dir, 'huge.bin')
    execFileSync('truncate', ['-s', '1T', huge])
    // Reading 1 TiB would outlast the test's timeout: the refusal must come from the size alone.
    const error = await refusal(dir)
    expect(error.files).toEqual(['huge.bin'])
  })

  test('the per-skill total and the file count are enforced', async () => {
    const dir = await makeSkill({ 'a.txt': 'x'.repeat(600), 'b.txt': 'y'.repeat(500) })
    const total = await refusal(dir, { limits: { ...LIMITS, maxSkillBytes: 1000 } })
    expect(total.message).toMatch(/add up to \d+ bytes, over the limit of 1000/)
    expect(total.message).toContain('a.txt (600 bytes)')

    const many = await refusal(dir, { limits: { ...LIMITS, maxFiles: 2 } })
    expect(many.message).toContain('more than 2 files')
  })

  test('an unreadable file is refused, naming it', async () => {
    const dir = await makeSkill({ 'locked.md': 'x' })
    await chmod(join(dir, 'locked.md'), 0o000)
    // Root reads chmod 000 files, and CI runs as root: there the same check runs in the bundled
    // CLI as the unprivileged user `nobody`, for whom the file is really unreadable.
    const out = tempDir()
    for (const folder of [dirname(dir), dir, out]) await chmod(folder, 0o777)
    const result = spawnSync(process.execPath, [CLI_BUNDLE, 'package', dir, '--out', join(out, 'zips'), '--version', '1.0.0'], {
      cwd: dirname(dir),
      encoding: 'utf8',
      ...(IS_ROOT ? { uid: 65534, gid: 65534 } : {})
    })
    expect(result.status).toBe(1)
    expect(result.stdout + result.stderr).toContain('cannot be read')
    expect(result.stdout + result.stderr).toContain('locked.md (EACCES)')
  })

  test('a socket or pipe is skipped and reported, never opened', async () => {
    const dir = await makeSkill()
    execFileSync('mkfifo', [join(dir, 'pipe')])
    await mkdir(join(dir, 'sub'))
    const skipped: string[] = []
    expect(await paths(dir, { onSkipped: (p) => skipped.push(p) })).toEqual(['SKILL.md'])
    expect(skipped).toEqual(['pipe'])
  })
})
