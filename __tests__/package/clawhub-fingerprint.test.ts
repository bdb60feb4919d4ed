// Our ClawHub file list, content types and bundle fingerprint against the official `clawhub`
// 0.23.3 client's own code, imported from the installed package: `prepareSkillFilesForPublish`
// (dist/cli/commands/publish.js: `listSkillFiles` from dist/skills.js, without skill-card.md)
// and `hashSkillFiles` (dist/skills.js), which is what `clawhub publish` uploads and resolves by.
// The CLI itself runs against the test registry in __tests__/registries/clawhub-cli.test.ts.

import { mkdir, symlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { buildPackage, computeFingerprint } from '../../src/core/package/index.js'
import { contentTypeOf } from '../../src/registries/clawhub.js'
import { LIMITS, removeTempDirs, tempDir, writeTree, SKILL_MD, type Tree } from './fixtures.js'

interface ClientFile {
  relPath: string
  bytes: Uint8Array
  contentType?: string
}

interface Client {
  prepareSkillFilesForPublish(folder: string): Promise<ClientFile[]>
  hashSkillFiles(files: ClientFile[]): { files: { path: string; sha256: string; size: number }[]; fingerprint: string }
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe])

const SKILLS: Record<string, Tree> = {
  sorting: {
    'B.md': 'B',
    'a.md': 'a',
    '_x.md': '_x',
    'Z/z.md': 'z',
    'z/Z.md': 'Z',
    '10.md': '10',
    '9.md': '9',
    'a-b.md': '-',
    'a_b.md': '_'
  },
  binaries: {
    'assets/logo.png': PNG,
    'assets/font.ttf': Buffer.from([0, 1, 0, 0, 0, 0x10, 0x80]),
    'infra/main.tf': 'resource "null_resource" "x" {}\n',
    'data/blob.bin': Buffer.from([0, 0, 0, 0xff]),
    binaryblob: Buffer.from([0, 1, 2, 3]),
    'tool.wasm': Buffer.from([0, 0x61, 0x73, 0x6d])
  },
  ignored: {
    '.gitignore': 'build/\n*.log\n',
    '.clawhubignore': 'drafts/\n*.psd\n',
    'build/out.js': 'x',
    'debug.log': 'x',
    'drafts/d.md': 'x',
    'art/cover.psd': PNG,
    'art/cover.png': PNG,
    'node_modules/p/index.js': 'x',
    '.hidden/x.md': 'x',
    'refs/.notes.md': 'x'
  },
  'non-ascii': {
    'ä.md': 'ä',
    'référence/é.md': 'é',
    '日本語/ファイル.txt': '日本',
    'Ölbild.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    'emoji-😀.md': 'x'
  },
  nested: {
    'a/b/c/d/e.md': 'deep',
    'a/b/c/d/f.png': PNG,
    'a/B/x.md': 'x',
    'scripts/run.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
    'skill-card.md': '# generated card\n',
    'a/skill-card.md': 'a nested card is a file like any other'
  }
}

let client: Client
const dirs = new Map<string, string>()

beforeAll(async () => {
  const publish = (await import(resolve('node_modules/clawhub/dist/cli/commands/publish.js'))) as Pick<
    Client,
    'prepareSkillFilesForPublish'
  >
  const skills = (await import(resolve('node_modules/clawhub/dist/skills.js'))) as Pick<Client, 'hashSkillFiles'>
  client = { prepareSkillFilesForPublish: publish.prepareSkillFilesForPublish, hashSkillFiles: skills.hashSkillFiles }
  const workdir = tempDir('skillpub-clawhub-')
  for (const [name, tree] of Object.entries(SKILLS)) {
    const dir = join(workdir, name)
    await mkdir(dir, { recursive: true })
    await writeTree(dir, { 'SKILL.md': SKILL_MD.replace('demo', name), ...tree })
    dirs.set(name, dir)
  }
  // The client's walk takes regular files only: a link inside the skill is not sent.
  await symlink('a/b/c/d/e.md', join(dirs.get('nested')!, 'link.md'))
})

afterAll(removeTempDirs)

async function ours(name: string) {
  return buildPackage(
    { dir: dirs.get(name)!, path: name, name, version: '1.0.0' },
    { flavour: 'clawhub', outDir: tempDir('skillpub-clawhub-out-'), limits: LIMITS, allowSecrets: [] }
  )
}

test.each(Object.keys(SKILLS))('%s: the same files, bytes, content types and fingerprint as clawhub 0.23.3', async (name) => {
  const theirs = await client.prepareSkillFilesForPublish(dirs.get(name)!)
  const hashed = client.hashSkillFiles(theirs)
  const pkg = await ours(name)

  const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  expect(pkg.files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })).sort(byPath)).toEqual([...hashed.files].sort(byPath))
  expect(pkg.fingerprint).toBe(hashed.fingerprint)
  expect(computeFingerprint(pkg.files)).toBe(hashed.fingerprint)
  for (const file of theirs)
    expect({ path: file.relPath, type: contentTypeOf(file.relPath) }).toEqual({ path: file.relPath, type: file.contentType })
})

test('binary files are part of the list (the text-only rule is gone)', async () => {
  const paths = (await ours('binaries')).files.map((f) => f.path)
  expect(paths).toEqual(expect.arrayContaining(['assets/logo.png', 'assets/font.ttf', 'infra/main.tf', 'data/blob.bin', 'binaryblob']))
})
