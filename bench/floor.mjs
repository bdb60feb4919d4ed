// The packaging floor: the least work any packager of these skills must do on this machine, run
// as one process per core, each over its share of the skills. It reads every file, deflates it at
// level 6 with Node's zlib (the one skillpub uses) and writes one file per skill, and does
// nothing else: no validation, no zip headers, no hashes, no checks. A real packager can only be
// slower; how much slower is what the benchmark's `skillpub/floor` ratio says.
//
//   node bench/floor.mjs <skills folder> <output folder> <share> <shares>
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writevSync } from 'node:fs'
import path from 'node:path'
import { deflateRawSync } from 'node:zlib'

const [root, out, share, shares] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])]
mkdirSync(out, { recursive: true })

function deflatedFiles(folder, into) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    const file = path.join(folder, entry.name)
    if (entry.isDirectory()) deflatedFiles(file, into)
    else into.push(deflateRawSync(readFileSync(file), { level: 6 }))
  }
  return into
}

const skills = readdirSync(root)
  .filter((name) => !name.startsWith('.'))
  .sort()
for (let i = share; i < skills.length; i += shares) {
  const fd = openSync(path.join(out, `${skills[i]}.zip`), 'wx')
  writevSync(fd, deflatedFiles(path.join(root, skills[i]), []))
  closeSync(fd)
}
