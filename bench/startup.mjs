// Figure 4: start-up. Wall time of the bundled action (`node dist/index.js`, run the way a runner
// runs it: INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files) validating 10 skills,
// beside a bare `node empty.mjs` in the same rounds (the floor no bundle can beat), and the size
// of dist/index.js.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
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
    maxRssKb: { action: summarize(samples.action, 'maxRssKb'), node: summarize(samples.node, 'maxRssKb') },
    bundleBytes: statSync(action).size
  }
}
