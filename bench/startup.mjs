// Figure 4: start-up. Wall time of the bundled action (`node dist/index.js`, run the way a runner
// runs it: INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files) validating 10 skills,
// beside a bare `node empty.mjs` in the same rounds (the floor no bundle can beat), and the size
// of dist/index.js. The row is guarded: the action's CPU time over bare node's, a ratio that a busy
// machine moves little, must stay within 10% of the baseline in startup-baseline.json (the ncc
// build the rolldown bundle replaced); run.mjs prints the verdict and exits non-zero on a miss.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import path from 'node:path'
import { generateSkills } from './generate.mjs'
import { alternate, ratios, run, stats, summarize } from './measure.mjs'

export async function startupFigure({ work, action, rounds, log }) {
  const dir = generateSkills(work, 10)
  const empty = path.join(work, 'empty.mjs')
  writeFileSync(empty, '')
  const variants = {
    node: () => run(process.execPath, [empty], { cwd: work }),
    action: async () => {
      const temp = mkdtempSync(path.join(os.tmpdir(), 'skillpub-bench-action-'))
      const output = path.join(temp, 'output')
      const summary = path.join(temp, 'summary')
      writeFileSync(output, '')
      writeFileSync(summary, '')
      try {
        const env = {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          INPUT_MODE: 'validate',
          INPUT_PATHS: path.basename(dir),
          GITHUB_OUTPUT: output,
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_WORKSPACE: work,
          RUNNER_TEMP: temp
        }
        const result = await run(process.execPath, [action], { cwd: work, env })
        if (!/^valid(=true$|<<\S+\ntrue$)/m.test(readFileSync(output, 'utf8')))
          throw new Error(`the action did not report valid=true:\n${result.stdout.slice(-1000)}`)
        return result
      } finally {
        rmSync(temp, { recursive: true, force: true })
      }
    }
  }
  const samples = await alternate(variants, rounds, { onSample: (name, s) => log(`  startup ${name} ${Math.round(s.ms)} ms`) })
  return {
    skills: 10,
    ms: { action: summarize(samples.action), node: summarize(samples.node) },
    overNodeMs: stats(samples.action.map((s, k) => s.ms - samples.node[k].ms)),
    actionOverNode: stats(ratios(samples, 'action', 'node')),
    cpuMs: { action: summarize(samples.action, 'cpuMs'), node: summarize(samples.node, 'cpuMs') },
    // GNU time counts CPU in 10 ms steps, coarse beside a 150 ms process: the ratio is taken of the
    // totals over all rounds, where the steps average out, rather than as a median of per-round ratios.
    cpuActionOverNode: totalRatio(samples.action, samples.node, 'cpuMs'),
    baseline: STARTUP_BASELINE,
    maxRssKb: { action: summarize(samples.action, 'maxRssKb'), node: summarize(samples.node, 'maxRssKb') },
    bundleBytes: statSync(action).size
  }
}

/** The guard's reference: see startup-baseline.json for how it was measured. */
export const STARTUP_BASELINE = JSON.parse(readFileSync(fileURLToPath(new URL('startup-baseline.json', import.meta.url)), 'utf8'))

function totalRatio(numerator, denominator, field) {
  const total = (list) => list.reduce((sum, sample) => sum + sample[field], 0)
  return total(numerator) / total(denominator)
}

/** True when the start-up row holds: CPU over bare node's within `tolerance` of the baseline's. */
export function startupHolds(figure) {
  return figure.cpuActionOverNode <= STARTUP_BASELINE.cpuActionOverNode * (1 + STARTUP_BASELINE.tolerance)
}
