// The official `clawhub` 0.23.3 CLI against the project's ClawHub test server: `publish` (the
// upload-url flow), `sync` (resolve by fingerprint, then publish what changed) and `inspect`. Each
// passes only when the client itself succeeds, so the test server cannot drift from what the real
// client sends and expects. HOME and the config file are private temp paths; only 127.0.0.1 is used.

import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { buildPackage } from '../../src/core/package/index.js'
import { startClawHubServer, type ClawHubServer } from '../servers/clawhub.js'
import { LIMITS, removeTempDirs, SKILL_MD, tempDir, writeTree } from '../package/fixtures.js'

const CLI = resolve('node_modules/clawhub/bin/clawdhub.js')
const TOKEN = 'clh_test_token'

let hub: ClawHubServer
let home: string
let workdir: string

async function clawhub(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const configPath = join(home, 'clawhub.json')
  await writeFile(configPath, JSON.stringify({ registry: hub.server.url, token: TOKEN }))
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
  const common = ['--registry', hub.server.url, '--site', hub.server.url, '--workdir', workdir, '--no-input']
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...common, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', fail)
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }))
  })
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff])

beforeEach(async () => {
  hub = await startClawHubServer()
  home = tempDir('skillpub-clawhub-home-')
  workdir = tempDir('skillpub-clawhub-work-')
  for (const name of ['pdf-tools', 'csv-tools']) {
    const dir = join(workdir, 'skills', name)
    await mkdir(dir, { recursive: true })
    await writeTree(dir, {
      'SKILL.md': SKILL_MD.replace('demo', name),
      'references/guide.md': '# Guide\n',
      'assets/logo.png': PNG,
      '.clawhubignore': 'drafts/\n',
      'drafts/wip.md': 'x'
    })
  }
})

afterEach(async () => {
  await hub.server.close()
})

afterAll(removeTempDirs)

test('publish: the client succeeds through the upload-url flow, and its files and fingerprint are ours', async () => {
  const folder = join(workdir, 'skills', 'pdf-tools')
  const result = await clawhub(['publish', folder, '--slug', 'pdf-tools', '--version', '1.0.0', '--json'])
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) })
  expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, status: 'published', slug: 'pdf-tools', version: '1.0.0' })

  expect(hub.storage.requests.length).toBe(3)
  const stored = hub.state.skills.get('pdf-tools')!.versions.get('1.0.0')!
  const ours = await buildPackage(
    { dir: folder, path: 'skills/pdf-tools', name: 'pdf-tools', version: '1.0.0' },
    { flavour: 'clawhub', outDir: tempDir('skillpub-clawhub-out-'), limits: LIMITS, allowSecrets: [] }
  )
  expect(stored.files.map((f) => f.path).sort()).toEqual(ours.files.map((f) => f.path).sort())
  expect(stored.fingerprint).toBe(ours.fingerprint)
  expect(hub.state.payloads[0]).toMatchObject({ ownerHandle: 'alice', tags: ['latest'] })
})

test('sync: publishes both skills, then finds them unchanged by fingerprint', async () => {
  const first = await clawhub(['sync', '--all', '--dir', 'skills'])
  expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: expect.any(String) })
  expect([...hub.state.skills.keys()].sort()).toEqual(['csv-tools', 'pdf-tools'])

  const uploads = hub.storage.requests.length
  const again = await clawhub(['sync', '--all', '--dir', 'skills', '--dry-run', '--json'])
  expect(again.code).toBe(0)
  expect(hub.storage.requests.length).toBe(uploads)
  const report = JSON.parse(again.stdout) as { wouldPublish?: unknown[] }
  expect(report.wouldPublish ?? []).toEqual([])
})

test('inspect: the client reads what the test server stored', async () => {
  const folder = join(workdir, 'skills', 'pdf-tools')
  expect((await clawhub(['publish', folder, '--slug', 'pdf-tools', '--version', '1.2.0'])).code).toBe(0)
  const result = await clawhub(['inspect', 'pdf-tools', '--json'])
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) })
  expect(JSON.parse(result.stdout)).toMatchObject({ skill: { slug: 'pdf-tools' }, latestVersion: { version: '1.2.0' } })
})
