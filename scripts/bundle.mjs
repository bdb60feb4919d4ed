// Bundles the two faces with ncc: dist/index.js (the action, as action.yml runs it) and
// dist/cli/index.js (the skillpub command). Each is built in a scratch folder first, because
// ncc empties its output folder and the CLI lives inside the action's.
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ncc = path.resolve('node_modules/.bin/ncc')
const faces = [
  { entry: 'src/action/index.ts', out: 'dist' },
  { entry: 'src/cli/index.ts', out: 'dist/cli' }
]

rmSync('dist', { recursive: true, force: true })
for (const { entry, out } of faces) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'skillpub-bundle-'))
  execFileSync(ncc, ['build', entry, '-o', scratch, '--license', 'licenses.txt', '--quiet'], { stdio: 'inherit' })
  cpSync(scratch, out, { recursive: true })
  rmSync(scratch, { recursive: true, force: true })
}

const cli = 'dist/cli/index.js'
const code = readFileSync(cli, 'utf8')
if (!code.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${code}`)
chmodSync(cli, 0o755)
