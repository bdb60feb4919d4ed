// Our file list and fingerprint against the official `clawhub` CLI (v0.20, a dev dependency),
// run for real against a loopback registry on 127.0.0.1 that records what the CLI sends:
// - `clawhub sync --dry-run --json` prints each skill's fingerprint and asks
//   `GET api/v1/resolve?slug=&hash=<fingerprint>`;
// - `clawhub publish` uploads the files (multipart `files` parts named by relative path), from
//   which the server side computes the fingerprint; we compute it with the CLI's own
//   `buildSkillFingerprint`, as the server does.
// Known quirk of the CLI: `sync` hashes skill-card.md although `publish` never uploads it, so for a
// skill holding a card the sync fingerprint never matches the server's; ours follows the server.

import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { buildPackage, computeFingerprint } from '../../src/core/package/index.js'
import type { PackageFile } from '../../src/core/types.js'
import { LIMITS, removeTempDirs, tempDir, writeTree, SKILL_MD, type Tree } from './fixtures.js'

const CLI = resolve('node_modules/clawhub/bin/clawdhub.js')
const CLAWHUB_SKILLS = resolve('node_modules/clawhub/dist/skills.js')

const SKILLS: Record<string, Tree> = {
  sorting: {
    'B.md': 'B',
    'a.md': 'a',
    '_x.md': '_x',
    'ä.md': 'ä',
    'Z/z.md': 'z',
    'z/Z.md': 'Z',
    '10.md': '10',
    '9.md': '9',
    'a-b.md': '-',
    'a_b.md': '_'
  },
  card: { 'skill-card.md': '# generated card\n', 'refs/a.md': 'a' },
  mixed: {
    '.gitignore': 'build/\n*.log\n',
    '.clawhubignore': 'drafts/\n',
    'build/out.js': 'x',
    'debug.log': 'x',
    'drafts/d.md': 'x',
    'node_modules/p/index.js': 'x',
    '.hidden/x.md': 'x',
    'refs/guide.md': '# guide\n',
    'scripts/run.sh': '#!/bin/sh\necho hi\n',
    'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
    LICENSE: 'MIT\n',
    binaryblob: Buffer.from([0, 1, 2, 3]),
    'data.json': '{"a":1}\n'
  },
  minimal: {}
}

interface Upload {
  slug: string
  files: Map<string, Buffer>
}

interface Registry {
  url: string
  resolveHashes: Map<string, string>
  uploads: Upload[]
  close(): Promise<void>
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Just enough of ClawHub v1 for `sync --dry-run` and `publish`, on 127.0.0.1 only. */
async function startRegistry(): Promise<Registry> {
  const resolveHashes = new Map<string, string>()
  const uploads: Upload[] = []
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const json = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (url.pathname === '/api/v1/resolve') {
        resolveHashes.set(url.searchParams.get('slug') ?? '', url.searchParams.get('hash') ?? '')
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('Skill not found')
      } else if (req.method === 'POST' && url.pathname === '/api/v1/skills') {
        const form = await new Request(url, {
          method: 'POST',
          headers: req.headers as HeadersInit,
          body: new Uint8Array(await bodyOf(req))
        }).formData()
        const payload = JSON.parse(String(form.get('payload'))) as { slug: string }
        const files = new Map<string, Buffer>()
        for (const part of form.getAll('files')) {
          const file = part as File
          files.set(file.name, Buffer.from(await file.arrayBuffer()))
        }
        uploads.push({ slug: payload.slug, files })
        json(200, { ok: true, skillId: 'skill_1', versionId: 'version_1', slug: payload.slug, version: '1.0.0', status: 'published' })
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('No matching routes found')
      }
    })().catch((error) => {
      res.writeHead(500)
      res.end(String(error))
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    resolveHashes,
    uploads,
    close: () => new Promise((done) => server.close(() => done()))
  }
}

/** Runs the CLI with a private HOME and config, talking to nothing but the loopback registry. */
async function clawhub(args: string[], home: string, config: object): Promise<{ code: number; stdout: string; stderr: string }> {
  const configPath = join(home, `config-${Math.random().toString(16).slice(2)}.json`)
  await writeFile(configPath, JSON.stringify(config))
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    CLAWHUB_CONFIG_PATH: configPath,
    CLAWHUB_DISABLE_TELEMETRY: '1',
    NO_COLOR: '1',
    CI: '1',
    NO_PROXY: '127.0.0.1,localhost'
  }
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', fail)
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }))
  })
}

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex')

let registry: Registry
let workdir: string
let home: string
const ours = new Map<string, PackageFile[]>()

beforeAll(async () => {
  registry = await startRegistry()
  workdir = tempDir('skillpub-clawhub-')
  home = tempDir('skillpub-clawhub-home-')
  for (const [name, tree] of Object.entries(SKILLS)) {
    const dir = join(workdir, 'skills', name)
    await mkdir(dir, { recursive: true })
    await writeTree(dir, { 'SKILL.md': SKILL_MD.replace('demo', name), ...tree })
    const pkg = await buildPackage(
      { dir, path: `skills/${name}`, name, version: '1.0.0' },
      { flavour: 'clawhub', outDir: tempDir('skillpub-clawhub-out-'), limits: LIMITS, allowSecrets: [] }
    )
    ours.set(name, pkg.files)
  }
})

afterAll(async () => {
  await registry?.close()
  await removeTempDirs()
})

test('our clawhub list leaves out what the client leaves out', () => {
  expect(ours.get('mixed')?.map((f) => f.path)).toEqual(['LICENSE', 'SKILL.md', 'data.json', 'refs/guide.md', 'scripts/run.sh'])
  expect(ours.get('card')?.map((f) => f.path)).toEqual(['SKILL.md', 'refs/a.md'])
})

test('the CLI runs on this Node and talks only to the loopback registry', async () => {
  const result = await clawhub(['--cli-version'], home, {})
  expect(result.code).toBe(0)
  expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
})

test('sync --dry-run: the fingerprint it prints and sends equals ours (no skill card)', async () => {
  const result = await clawhub(
    [
      'sync',
      '--dry-run',
      '--json',
      '--all',
      '--no-input',
      '--registry',
      registry.url,
      '--site',
      registry.url,
      '--workdir',
      workdir,
      '--dir',
      'skills'
    ],
    home,
    { registry: registry.url }
  )
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  const report = JSON.parse(result.stdout) as { wouldPublish: { slug: string; fingerprint: string; fileCount: number }[] }
  const printed = Object.fromEntries(report.wouldPublish.map((s) => [s.slug, s]))
  expect(Object.keys(printed).sort()).toEqual(Object.keys(SKILLS).sort())

  for (const name of ['sorting', 'mixed', 'minimal']) {
    const files = ours.get(name) ?? []
    expect({ name, fingerprint: printed[name].fingerprint }).toEqual({ name, fingerprint: computeFingerprint(files) })
    expect(registry.resolveHashes.get(name)).toBe(computeFingerprint(files))
    expect(printed[name].fileCount).toBe(files.length)
  }

  // The card quirk: sync hashes the card too; with it added, the same formula gives its answer.
  const card = ours.get('card') ?? []
  const withCard = [...card, { path: 'skill-card.md', sha256: sha256('# generated card\n') }]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => `${f.path}:${f.sha256}`)
    .join('\n')
  expect(printed.card.fingerprint).toBe(sha256(withCard))
  expect(printed.card.fingerprint).not.toBe(computeFingerprint(card))
})

test('publish: the CLI uploads exactly our clawhub file list, and the server-side fingerprint is ours', async () => {
  const { buildSkillFingerprint } = (await import(CLAWHUB_SKILLS)) as {
    buildSkillFingerprint: (files: { path: string; sha256: string }[]) => string
  }
  for (const name of Object.keys(SKILLS)) {
    const result = await clawhub(
      ['publish', join(workdir, 'skills', name), '--version', '1.0.0', '--slug', name, '--no-input', '--registry', registry.url],
      home,
      { registry: registry.url, token: 'clh_loopback_test_token' }
    )
    expect({ name, code: result.code, stderr: result.stderr }).toEqual({ name, code: 0, stderr: expect.any(String) })
    const upload = registry.uploads.find((u) => u.slug === name)
    expect(upload).toBeDefined()
    const uploaded = [...(upload?.files ?? new Map<string, Buffer>())].map(([path, bytes]) => ({ path, sha256: sha256(bytes) }))
    const files = ours.get(name) ?? []

    expect(uploaded.map((f) => f.path).sort()).toEqual(files.map((f) => f.path).sort())
    for (const file of files) expect(uploaded.find((u) => u.path === file.path)?.sha256).toBe(file.sha256)
    expect(buildSkillFingerprint(uploaded)).toBe(computeFingerprint(files))
  }
})
