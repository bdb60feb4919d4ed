// Bundles skillpub with rolldown (the Rust port of rollup, the bundler of actions/typescript-action
// and npm-publish) as ES modules:
//   dist/index.js       the action, as action.yml runs it (src/index.ts calls run() of src/main.ts)
//   dist/cli/index.js   the skillpub command
//   dist/lib/index.js   the library (src/lib.ts: runSkillpub, parseConfig, the report types), no side effects
// with the packaging thread (src/core/package/packager.ts starts package-worker.js from beside the
// code of its face) copied beside each, and dist/licenses.txt: every package the bundles hold, with
// its licence text. A bundled package without a licence text, or with a licence not in ALLOWED,
// fails the build.
//
// The tree is built in a scratch folder beside dist/ and then replaces dist/ in one rename, so a test
// or a benchmark running meanwhile never finds dist/ missing.
// `node scripts/bundle.mjs --out <dir>` writes the same tree elsewhere (profiling, comparisons).
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { rolldown } from 'rolldown'

const outFlag = process.argv.indexOf('--out')
const dist = path.resolve(outFlag > 0 ? process.argv[outFlag + 1] : 'dist')

// The action runs on the runner's node24 (action.yml); the CLI and the library on any Node the
// package's engines allow, so they keep Node 20 syntax.
const faces = [
  { entry: 'src/index.ts', out: '.', target: 'node24' },
  { entry: 'src/cli/index.ts', out: 'cli', target: 'node20' },
  { entry: 'src/lib.ts', out: 'lib', target: 'node20' }
]
const packageWorker = 'src/core/package/worker.ts'

// Side effects declared off for the toolkit packages only: their modules define functions and
// classes, and evaluating one that is not used changes nothing except @actions/github's `context`
// (read from the runner's environment), which is kept because it is used. This is what leaves
// @actions/core's OIDC client and its HTTP stack (@actions/http-client, undici) and Octokit out of
// the start-up path: Octokit is loaded on the first compare call, undici on the first request.
// Measured: the tests and the start-up bench (README); every other package keeps its own rule.
const SIDE_EFFECT_FREE = /[\\/]node_modules[\\/](@actions|@octokit)[\\/]/

// Permissive licences only; Unlicense (public domain) comes with the Anthropic SDK's fast-sha256.
const ALLOWED = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'BlueOak-1.0.0', 'Unlicense'])

/** Collects every node_modules package whose code lands in a chunk, across all builds. */
function licenceCollector(packages) {
  return {
    name: 'skillpub-licences',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue
        for (const id of chunk.moduleIds) {
          const dir = packageDir(id)
          if (dir) packages.add(dir)
        }
      }
    }
  }
}

function packageDir(moduleId) {
  const parts = moduleId.split(/[\\/]/)
  const at = parts.lastIndexOf('node_modules')
  if (at < 0) return undefined
  const nameParts = parts[at + 1]?.startsWith('@') ? 2 : 1
  return parts.slice(0, at + 1 + nameParts).join('/')
}

function licenceEntry(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const licence = typeof manifest.license === 'string' ? manifest.license : manifest.license?.type
  if (!licence || !licence.split(/ OR | AND |[()]/).some((part) => ALLOWED.has(part.trim())))
    throw new Error(`${manifest.name} is bundled but its licence (${licence ?? 'none'}) is not one of ${[...ALLOWED].join(', ')}.`)
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)/i.test(name))
  if (file) return { name: manifest.name, version: manifest.version, licence, text: readFileSync(path.join(dir, file), 'utf8').trim() }
  // An MIT package that ships no licence file (standardwebhooks, inside the Anthropic SDK) still
  // gets its notice reproduced: the MIT text with the author its manifest names.
  const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name
  if (licence !== 'MIT' || !author) throw new Error(`${manifest.name} is bundled but ships no LICENSE file to reproduce.`)
  return { name: manifest.name, version: manifest.version, licence, text: mitLicence(author) }
}

function mitLicence(author) {
  return `MIT License

Copyright (c) ${author}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`
}

async function build({ input, dir, target, packages, splitting = true }) {
  const bundle = await rolldown({
    input,
    platform: 'node',
    transform: { target },
    treeshake: { moduleSideEffects: (id) => !SIDE_EFFECT_FREE.test(id) },
    plugins: [licenceCollector(packages)],
    logLevel: 'warn'
  })
  try {
    await bundle.write({
      dir,
      format: 'esm',
      entryFileNames: 'index.js',
      chunkFileNames: '[name]-[hash].js',
      codeSplitting: splitting,
      minify: true,
      comments: false
    })
  } finally {
    await bundle.close()
  }
}

// Beside dist/ (same file system), so the final rename is atomic.
const staged = mkdtempSync(path.join(path.dirname(dist), `.${path.basename(dist)}-staged-`))
chmodSync(staged, 0o755)
try {
  const packages = new Set()
  const workerDir = path.join(staged, '.worker')
  await build({ input: packageWorker, dir: workerDir, target: 'node20', packages, splitting: false })
  for (const { entry, out, target } of faces) {
    const dir = path.join(staged, out)
    await build({ input: entry, dir, target, packages })
    cpSync(path.join(workerDir, 'index.js'), path.join(dir, 'package-worker.js'))
  }
  rmSync(workerDir, { recursive: true, force: true })

  const cli = path.join(staged, 'cli/index.js')
  const code = readFileSync(cli, 'utf8')
  if (!code.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${code}`)
  chmodSync(cli, 0o755)
  // The files are ES modules wherever dist/ is copied to.
  writeFileSync(path.join(staged, 'package.json'), '{\n  "type": "module"\n}\n')

  const entries = [...packages].map(licenceEntry).sort((a, b) => a.name.localeCompare(b.name))
  const text = entries.map((entry) => `${entry.name}@${entry.version}\n${entry.licence}\n\n${entry.text}\n`).join('\n---\n\n')
  writeFileSync(path.join(staged, 'licenses.txt'), `The packages bundled in dist/, with their licences.\n\n${text}`)

  const old = `${staged}-old`
  if (existsSync(dist)) renameSync(dist, old)
  renameSync(staged, dist)
  rmSync(old, { recursive: true, force: true })
} finally {
  rmSync(staged, { recursive: true, force: true })
}
