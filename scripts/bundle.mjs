// Bundles the two faces with ncc: dist/index.js (the action, as action.yml runs it) and
// dist/cli/index.js (the skillpub command). Both are built in a scratch folder first, because
// ncc empties its output folder and the CLI lives inside the action's; the finished tree then
// replaces dist/ in one step, so a test or a benchmark running meanwhile never finds dist/ missing.
// `node scripts/bundle.mjs --out <dir>` writes the same tree elsewhere (profiling, comparisons).
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const outFlag = process.argv.indexOf('--out')
const dist = path.resolve(outFlag > 0 ? process.argv[outFlag + 1] : 'dist')
const ncc = path.resolve('node_modules/.bin/ncc')
const faces = [
  { entry: 'src/action/index.ts', out: '.' },
  { entry: 'src/cli/index.ts', out: 'cli' }
]
// The packaging thread (src/core/package/packager.ts) starts package-worker.js from beside the
// code of its face, so each face gets a copy.
const packageWorker = 'src/core/package/worker.ts'

// Beside dist/ (same file system), so the final rename is atomic.
const staged = mkdtempSync(path.join(path.dirname(dist), `.${path.basename(dist)}-staged-`))
chmodSync(staged, 0o755)
try {
  for (const { entry, out } of faces) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'skillpub-bundle-'))
    execFileSync(ncc, ['build', entry, '-o', scratch, '--minify', '--license', 'licenses.txt', '--quiet'], { stdio: 'inherit' })
    cpSync(scratch, path.join(staged, out), { recursive: true })
    chmodSync(path.join(staged, out), 0o755)
    rmSync(scratch, { recursive: true, force: true })
  }

  const scratch = mkdtempSync(path.join(tmpdir(), 'skillpub-bundle-'))
  execFileSync(ncc, ['build', packageWorker, '-o', scratch, '--minify', '--quiet'], { stdio: 'inherit' })
  for (const { out } of faces) cpSync(path.join(scratch, 'index.js'), path.join(staged, out, 'package-worker.js'))
  rmSync(scratch, { recursive: true, force: true })

  const cli = path.join(staged, 'cli/index.js')
  const code = readFileSync(cli, 'utf8')
  if (!code.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${code}`)
  chmodSync(cli, 0o755)

  const old = `${staged}-old`
  try {
    renameSync(dist, old)
  } catch (error) {
    if (error.code !== 'ENOENT') throw error
  }
  renameSync(staged, dist)
  rmSync(old, { recursive: true, force: true })
} finally {
  rmSync(staged, { recursive: true, force: true })
}
