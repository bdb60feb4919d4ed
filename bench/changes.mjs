// Figure 2: change detection on a generated git repository of 10,000 skills with 3 changed:
// `skillpub changed --since base --json` beside `git diff --name-only base` on the same range
// (both compare the working tree with the base commit), alternating, ratio per round.
import { generateRepo } from './generate.mjs'
import { alternate, ratios, run, stats, summarize } from './measure.mjs'

export async function changesFigure({ work, cli, count, changed, rounds, log }) {
  const started = Date.now()
  const repo = await generateRepo(work, count, changed)
  log(`figure 2: repository of ${count} skills ready in ${Date.now() - started} ms`)
  const variants = {
    skillpub: async () => {
      const result = await run(process.execPath, [cli, 'changed', '--since', repo.base, '--json'], { cwd: repo.dir })
      const found = JSON.parse(result.stdout).changes.changed.map((p) => p.split('/').pop())
      if (found.join() !== repo.changedSkills.join())
        throw new Error(`skillpub changed found ${found.join()} instead of ${repo.changedSkills.join()}`)
      return result
    },
    git: async () => {
      const result = await run('git', ['diff', '--name-only', repo.base], { cwd: repo.dir })
      if (result.stdout.trim().split('\n').length !== changed) throw new Error(`git diff listed ${result.stdout}`)
      return result
    }
  }
  const samples = await alternate(variants, rounds, { onSample: (name, s) => log(`  changed ${name} ${Math.round(s.ms)} ms`) })
  return {
    skills: count,
    changed,
    ms: { skillpub: summarize(samples.skillpub), git: summarize(samples.git) },
    skillpubOverGit: stats(ratios(samples, 'skillpub', 'git')),
    overGitMs: stats(samples.skillpub.map((s, k) => s.ms - samples.git[k].ms))
  }
}
