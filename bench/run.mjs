// `npm run bench`: one report, skillpub beside its peers (issue 7). Drives the bundled faces as
// whole processes (dist/cli/index.js, dist/index.js), so what is measured is what users run.
// Prints a table and writes every sample to bench/results.json.
//
//   node bench/run.mjs [--rounds N] [--heavy-rounds M] [--only package,changes,publish,startup,memory] [--dist DIR]
//
// Each figure is the median of N rounds (default 5) with min-max spread; the slow ones (1,000
// skills, publishing, the large skill) take M rounds (default 3). Variants alternate within a
// round (A B C, then B C A, ...), after one warm-up round where a round is cheap, and every
// ratio is taken between runs of the same round.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'
import { packageFigure } from './package.mjs'
import { changesFigure } from './changes.mjs'
import { publishFigure } from './publish.mjs'
import { startupFigure, startupHolds } from './startup.mjs'
import { memoryFigure } from './memory.mjs'
import { HAVE_GNU_TIME, fmtMb, fmtMs, fmtRatio, fmtStat } from './measure.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const work = path.join(repo, 'bench', '.work')
const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : fallback
}
const rounds = Number(flag('rounds', '5'))
// The two slowest figures (1,000 skills, publishing) run fewer rounds so the report stays a few minutes.
const heavyRounds = Number(flag('heavy-rounds', String(Math.max(1, Math.min(rounds, 3)))))
const only = new Set(flag('only', 'package,changes,publish,startup,memory').split(','))
const dist = path.resolve(repo, flag('dist', 'dist'))
const cli = path.join(dist, 'cli', 'index.js')
const action = path.join(dist, 'index.js')
const log = (message) => process.stderr.write(`${message}\n`)

for (const file of [cli, action]) if (!existsSync(file)) throw new Error(`${file} is missing: run npm run bundle first.`)
if (!HAVE_GNU_TIME) log('warning: /usr/bin/time not found; peak memory is not measured.')
mkdirSync(work, { recursive: true })

const environment = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  loadAverage: os.loadavg(),
  git: execFileSync('git', ['--version']).toString().trim(),
  commit: tryGit(['rev-parse', '--short', 'HEAD']),
  dirty: tryGit(['status', '--porcelain', '--', 'src', 'scripts']) !== '',
  dist,
  rounds,
  heavyRounds
}

const figures = {}
const started = Date.now()
if (only.has('package')) figures.package = await packageFigure({ repo, work, cli, counts: [100, 1000], rounds, heavyRounds, log })
if (only.has('changes')) figures.changes = await changesFigure({ work, cli, count: 10_000, changed: 3, rounds, log })
if (only.has('publish'))
  figures.publish = await publishFigure({ repo, work, cli, count: 200, concurrencies: [1, 4, 8], rounds: heavyRounds, log })
if (only.has('startup')) figures.startup = await startupFigure({ work, action, rounds, log })
if (only.has('memory')) figures.memory = await memoryFigure({ work, cli, sizesMb: [5, 50, 150], rounds: heavyRounds, log })
environment.seconds = Math.round((Date.now() - started) / 1000)

const rows = []
const bar = (ok) => (ok ? 'met' : 'SHORT')
if (figures.package) {
  for (const [count, f] of Object.entries(figures.package)) {
    rows.push([`package ${count} skills (${f.files} files, ${(f.bytes / 1048576).toFixed(1)} MB)`, '', '', ''])
    rows.push(['  skillpub package (validate+package+fingerprint)', fmtStat(f.ms.skillpub), fmtMb(f.maxRssKb.skillpub.median), ''])
    rows.push([
      '  clawhub sync --dry-run (fingerprint only)',
      fmtStat(f.ms.clawhub),
      fmtMb(f.maxRssKb.clawhub.median),
      `clawhub/skillpub ${fmtRatio(f.ratios.clawhubOverSkillpub)}, bar >= 3x: ${bar(f.ratios.clawhubOverSkillpub.median >= 3)}`
    ])
    rows.push([
      '  zip -6, once per skill',
      fmtStat(f.ms.zip),
      '',
      `zip/skillpub ${fmtRatio(f.ratios.zipOverSkillpub)}${Number(count) >= 1000 ? `, bar >= 3x: ${bar(f.ratios.zipOverSkillpub.median >= 3)}` : ''}`
    ])
    rows.push([
      '  gzip -6 floor (one core, same bytes)',
      fmtStat(f.ms.gzip),
      '',
      `skillpub/gzip ${fmtRatio(f.ratios.skillpubOverGzip)}${Number(count) >= 1000 ? `, bar <= 1.5x: ${bar(f.ratios.skillpubOverGzip.median <= 1.5)}` : ''}`
    ])
    rows.push([
      '  floor: read + deflate -6 + write, every core',
      fmtStat(f.ms.floor),
      '',
      `skillpub/floor ${fmtRatio(f.ratios.skillpubOverFloor)} (no tool can beat the floor)`
    ])
    if (f.ms.validate)
      rows.push(['  skillpub validate alone', fmtStat(f.ms.validate), fmtMb(f.maxRssKb.validate.median), 'aim: about a second'])
  }
}
if (figures.changes) {
  const f = figures.changes
  rows.push([`changed: ${f.skills} skills, ${f.changed} changed`, '', '', ''])
  rows.push([
    '  skillpub changed --since base --json',
    fmtStat(f.ms.skillpub),
    '',
    `skillpub/git ${fmtRatio(f.skillpubOverGit)}, +${fmtMs(f.overGitMs.median)}`
  ])
  rows.push(['  git diff --name-only base', fmtStat(f.ms.git), '', ''])
}
if (figures.publish) {
  const f = figures.publish
  rows.push([`publish ${f.skills} skills to FastSkill answering in ${f.slowMs} ms`, '', '', ''])
  for (const row of Object.values(f.rows)) {
    const label = row.concurrency === 1 ? '  concurrency 1 (one at a time, as the official clients)' : `  concurrency ${row.concurrency}`
    const speed = row.concurrency === 1 ? '' : `, ${fmtRatio(row.speedupOverOneAtATime)} faster than one at a time`
    rows.push([
      label,
      fmtStat(row.ms),
      `ideal ${fmtMs(row.idealMs)}`,
      `efficiency ${fmtRatio(row.efficiency).replace(/x/g, '')} (${row.requestsPerSkill} req/skill), bar >= 0.8: ${bar(row.efficiency.median >= 0.8)}${speed}`
    ])
  }
}
if (figures.startup) {
  const f = figures.startup
  rows.push([`start-up: bundled action validating ${f.skills} skills`, '', '', ''])
  rows.push([
    '  node dist/index.js (INPUT_MODE=validate)',
    fmtStat(f.ms.action),
    fmtMb(f.maxRssKb.action.median),
    `bar < 300 ms: ${bar(f.ms.action.median < 300)}; +${fmtMs(f.overNodeMs.median)} over bare node`
  ])
  if (Number.isFinite(f.cpuActionOverNode)) {
    const limit = f.baseline.cpuActionOverNode * (1 + f.baseline.tolerance)
    const holds = startupHolds(f)
    if (!holds) process.exitCode = 1
    rows.push([
      '  CPU time (user + sys), action over bare node',
      `${fmtMs(f.cpuMs.action.median)} / ${fmtMs(f.cpuMs.node.median)}`,
      '',
      `${f.cpuActionOverNode.toFixed(2)}x over all rounds, guard <= ${limit.toFixed(2)}x (baseline ${f.baseline.cpuActionOverNode}x + ${f.baseline.tolerance * 100}%): ${bar(holds)}`
    ])
  }
  rows.push(['  node empty.mjs (floor)', fmtStat(f.ms.node), fmtMb(f.maxRssKb.node.median), ''])
  rows.push(['  size of dist/index.js', `${(f.bundleBytes / 1048576).toFixed(2)} MB`, '', ''])
}
if (figures.memory) {
  const f = figures.memory
  rows.push(['peak memory packaging one large skill', '', '', ''])
  for (const [mb, row] of Object.entries(f.rows)) {
    rows.push([
      `  ${mb} MB skill (${(row.bytes / 1048576).toFixed(1)} MB, ${row.files} files)`,
      fmtStat(row.ms),
      `${fmtMb(row.maxRssKb.median)} (${fmtMb(row.maxRssKb.min)}-${fmtMb(row.maxRssKb.max)})`,
      Number(mb) === 50 ? `bar < 100 MB: ${bar(row.maxRssKb.median < 100 * 1024)}` : ''
    ])
  }
  // V8 frees zlib's spent output buffers when their total reaches its external-memory threshold,
  // so peak RSS climbs over the first tens of MB and then stays put: growth is judged past 50 MB.
  rows.push(['  growth 50 MB skill over 5 MB skill', '', fmtRatio(f.growthLargeOverSmall), 'V8 collecting garbage at its threshold'])
  if (f.growthLargestOverLarge)
    rows.push([
      '  growth 150 MB skill over 50 MB skill',
      '',
      fmtRatio(f.growthLargestOverLarge),
      `bar: not growing: ${bar(f.growthLargestOverLarge.median < 1.1)}`
    ])
}

const headers = ['row', 'wall: median (min-max)', 'max RSS', 'ratio (same rounds) and bar']
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
const line = (cells) =>
  cells
    .map((c, i) => c.padEnd(widths[i]))
    .join('  ')
    .trimEnd()
console.log(
  `skillpub bench: node ${environment.node}, ${environment.cpus} cpus, ${rounds} rounds (${heavyRounds} for the slow figures), load ${environment.loadAverage.map((l) => l.toFixed(1)).join(' ')}, ${environment.seconds} s`
)
console.log(line(headers))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
for (const row of rows) console.log(line(row))

const out = path.join(repo, 'bench', 'results.json')
writeFileSync(out, JSON.stringify({ environment, figures }, null, 2) + '\n')
console.log(`\nraw numbers: ${path.relative(process.cwd(), out)}`)

function tryGit(gitArgs) {
  try {
    return execFileSync('git', gitArgs, { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return ''
  }
}
