// Figure 1: validate + package + fingerprint of N realistic skills with the bundled CLI, beside
// the official clawhub CLI fingerprinting the same folders (`sync --dry-run --json` against a
// loopback stand-in), the system `zip` once per skill, and the deflate floor (one-core gzip -6
// over the same bytes), and the packaging floor on every core (floor.mjs). Also: `skillpub
// validate` alone over the same skills.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateSkills, treeSize } from './generate.mjs'
import { startClawHubStub } from './servers.mjs'
import { alternate, ratios, run, sh, stats, summarize } from './measure.mjs'

export async function packageFigure({ repo, work, cli, counts, rounds, heavyRounds, log }) {
  const stub = await startClawHubStub()
  const home = mkdtempSync(path.join(os.tmpdir(), 'skillpub-bench-clawhub-'))
  writeFileSync(path.join(home, 'config.json'), JSON.stringify({ registry: stub.url }))
  const clawhubEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    CLAWHUB_CONFIG_PATH: path.join(home, 'config.json'),
    CLAWHUB_DISABLE_TELEMETRY: '1',
    NO_COLOR: '1',
    CI: '1',
    NO_PROXY: '127.0.0.1,localhost'
  }
  const clawhubCli = path.join(repo, 'node_modules/clawhub/bin/clawdhub.js')
  const floorScript = path.join(repo, 'bench/floor.mjs')
  const results = {}
  try {
    for (const count of counts) {
      const dir = generateSkills(work, count)
      const folder = path.basename(dir)
      const size = treeSize(dir)
      log(`figure 1: ${count} skills (${size.files} files, ${(size.bytes / 1048576).toFixed(1)} MB)`)
      const fresh = () => {
        const out = mkdtempSync(path.join(os.tmpdir(), 'skillpub-bench-out-'))
        return { out, done: () => rmSync(out, { recursive: true, force: true }) }
      }
      const variants = {
        skillpub: async () => {
          const { out, done } = fresh()
          try {
            const result = await run(process.execPath, [cli, 'package', folder, '--out', out, '--json'], { cwd: work })
            const report = JSON.parse(result.stdout)
            const packaged = report.results.filter((r) => r.status === 'packaged' && r.fingerprint).length
            if (packaged !== count) throw new Error(`skillpub packaged ${packaged} of ${count} skills`)
            return result
          } finally {
            done()
          }
        },
        clawhub: async () => {
          const result = await run(
            process.execPath,
            [
              clawhubCli,
              'sync',
              '--dry-run',
              '--json',
              '--all',
              '--no-input',
              '--registry',
              stub.url,
              '--site',
              stub.url,
              '--workdir',
              work,
              '--dir',
              folder
            ],
            { env: clawhubEnv, cwd: work }
          )
          const fingerprints = JSON.parse(result.stdout).wouldPublish.filter((s) => s.fingerprint).length
          if (fingerprints !== count) throw new Error(`clawhub fingerprinted ${fingerprints} of ${count} skills`)
          return result
        },
        zip: async () => {
          const { out, done } = fresh()
          try {
            // One zip process per skill, from inside the skill (paths relative to its root), no extra fields.
            return await sh(
              `W="$PWD"; for d in ${folder}/*/; do n="\${d%/}"; cd "$d" && zip -q -r -X -6 "${out}/\${n##*/}.zip" . -x '.*'; cd "$W"; done`,
              { cwd: work }
            )
          } finally {
            done()
          }
        },
        gzip: () => sh(`find ${folder} -type f -not -name '.*' -print0 | xargs -0 cat | gzip -6 > /dev/null`, { cwd: work }),
        floor: async () => {
          const { out, done } = fresh()
          try {
            const shares = os.availableParallelism()
            const start = (share) =>
              `${JSON.stringify(process.execPath)} ${JSON.stringify(floorScript)} ${folder} ${out} ${share} ${shares} & pids="$pids $!";`
            const processes = Array.from({ length: shares }, (_, share) => start(share)).join(' ')
            return await sh(`pids=; ${processes} for p in $pids; do wait $p || exit 1; done`, { cwd: work })
          } finally {
            done()
          }
        }
      }
      if (count >= 1000) variants.validate = () => run(process.execPath, [cli, 'validate', folder], { cwd: work })
      const samples = await alternate(variants, count >= 1000 ? heavyRounds : rounds, {
        warmup: count >= 1000 ? 0 : 1,
        onSample: (name, s) => log(`  ${name} ${Math.round(s.ms)} ms`)
      })
      results[count] = {
        skills: count,
        files: size.files,
        bytes: size.bytes,
        ms: Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarize(list)])),
        maxRssKb: Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarize(list, 'maxRssKb')])),
        ratios: {
          clawhubOverSkillpub: stats(ratios(samples, 'clawhub', 'skillpub')),
          zipOverSkillpub: stats(ratios(samples, 'zip', 'skillpub')),
          skillpubOverGzip: stats(ratios(samples, 'skillpub', 'gzip')),
          skillpubOverFloor: stats(ratios(samples, 'skillpub', 'floor'))
        },
        clawhubResolveRequests: stub.resolves
      }
    }
  } finally {
    await stub.close()
    rmSync(home, { recursive: true, force: true })
  }
  return results
}
