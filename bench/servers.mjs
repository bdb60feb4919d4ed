// Loopback registries for the benchmark, on 127.0.0.1 only:
// - the FastSkill test registry from __tests__/servers (TypeScript), compiled once with the
//   installed `typescript` into bench/.work/servers;
// - just enough of ClawHub v1 for `clawhub sync --dry-run --json` (resolve answers "not found",
//   as for skills never published, so the client reports every skill with its fingerprint).
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const SOURCES = '__tests__/servers'

/** Compile the test servers (only when their sources changed). Returns the module namespace. */
export async function loadTestServers(repo, work) {
  const out = path.join(work, 'servers')
  const files = readdirSync(path.join(repo, SOURCES))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
  const hash = createHash('sha256')
  for (const file of files) hash.update(file).update(readFileSync(path.join(repo, SOURCES, file)))
  const key = hash.digest('hex')
  const stamp = path.join(out, '.stamp')
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== key) {
    mkdirSync(out, { recursive: true })
    const tsc = path.join(repo, 'node_modules/typescript/bin/tsc')
    execFileSync(
      process.execPath,
      [
        tsc,
        ...['--outDir', out, '--rootDir', path.join(repo, SOURCES)],
        ...['--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--lib', 'ES2023,DOM'],
        ...['--types', 'node', '--skipLibCheck', '--esModuleInterop', '--noCheck'],
        ...files.map((file) => path.join(repo, SOURCES, file))
      ],
      { cwd: repo, stdio: 'inherit' }
    )
    writeFileSync(stamp, key)
  }
  return import(pathToFileURL(path.join(out, 'index.js')).href)
}

/** A ClawHub stand-in answering `GET /api/v1/resolve` with 404 (never published). */
export async function startClawHubStub() {
  let resolves = 0
  const server = createServer((req, res) => {
    req.resume()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/api/v1/resolve') resolves++
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end(url.pathname === '/api/v1/resolve' ? 'Skill not found' : 'No matching routes found')
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    get resolves() {
      return resolves
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
