// Figure 5: peak memory (max RSS of the whole process) while packaging one large skill, at three
// sizes, to show that memory does not grow with the skill: about 5, 50 and 150 MB, each half
// incompressible random bytes and half compressible text, in files of at most 8 MB.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateLargeSkill, treeSize } from './generate.mjs'
import { alternate, run, stats, summarize } from './measure.mjs'

export async function memoryFigure({ work, cli, sizesMb, rounds, log }) {
  const variants = {}
  const sizes = {}
  for (const mb of sizesMb) {
    const dir = generateLargeSkill(work, mb)
    sizes[mb] = treeSize(dir)
    const cwd = path.dirname(dir)
    variants[`${mb}MB`] = async () => {
      const out = mkdtempSync(path.join(os.tmpdir(), 'skillpub-bench-large-'))
      try {
        // Past 50 MB only with a raised limit (50 MB is the default, and ClawHub's own limit).
        return await run(
          process.execPath,
          [cli, 'package', path.basename(dir), '--out', out, '--max-skill-size', String(Math.max(50, mb + 1))],
          { cwd }
        )
      } finally {
        rmSync(out, { recursive: true, force: true })
      }
    }
  }
  const samples = await alternate(variants, rounds, {
    warmup: 0,
    onSample: (name, s) => log(`  memory ${name} ${Math.round(s.maxRssKb / 1024)} MB, ${Math.round(s.ms)} ms`)
  })
  const [small, large, largest] = sizesMb.map((mb) => `${mb}MB`)
  const growth = (bigger, smaller) => stats(samples[bigger].map((s, k) => s.maxRssKb / samples[smaller][k].maxRssKb))
  return {
    rows: Object.fromEntries(
      sizesMb.map((mb) => [
        mb,
        {
          bytes: sizes[mb].bytes,
          files: sizes[mb].files,
          maxRssKb: summarize(samples[`${mb}MB`], 'maxRssKb'),
          ms: summarize(samples[`${mb}MB`])
        }
      ])
    ),
    growthLargeOverSmall: growth(large, small),
    ...(largest && { growthLargestOverLarge: growth(largest, large) })
  }
}
