// Packaging threads: the bundled worker (dist/package-worker.js, committed with the sources it is
// built from) must give the same packages, the same refusals, and never hang when a thread dies.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildPackage, type BuildOptions } from '../../src/core/package/index.js'
import { createPackager, SKILLS_PER_THREAD } from '../../src/core/package/packager.js'
import { LIMITS, makeSkill, removeTempDirs, tempDir } from './fixtures.js'

afterAll(removeTempDirs)

const BUNDLED_WORKER = pathToFileURL(join(process.cwd(), 'dist', 'package-worker.js'))
const options = (outDir: string): BuildOptions => ({ flavour: 'fastskill', outDir, limits: LIMITS, allowSecrets: [] })

async function threeSkills() {
  return Promise.all(
    ['alpha', 'bravo', 'charlie'].map(async (name) => ({
      dir: await makeSkill(
        { 'references/guide.md': `# ${name}\n`.repeat(500), 'scripts/run.sh': { content: '#!/bin/sh\n', mode: 0o755 } },
        name
      ),
      path: `skills/${name}`,
      name,
      version: '1.0.0'
    }))
  )
}

describe('packaging threads', () => {
  test('the bundled worker builds byte-identical packages to the calling thread', async () => {
    const skills = await threeSkills()
    const inThread = await Promise.all(skills.map((skill) => buildPackage(skill, options(tempDir()))))
    const packager = createPackager(2 * SKILLS_PER_THREAD, BUNDLED_WORKER)
    try {
      const threaded = await Promise.all(skills.map((skill) => packager.build(skill, options(tempDir()))))
      for (const [k, pkg] of threaded.entries()) {
        const { zipPath, ...rest } = pkg
        const { zipPath: expectedPath, ...expected } = inThread[k]
        expect(rest).toEqual(expected)
        expect((await readFile(zipPath)).equals(await readFile(expectedPath))).toBe(true)
      }
    } finally {
      await packager.close()
    }
  })

  test('a refused skill fails with the message the calling thread gives', async () => {
    const dir = await makeSkill({ '.env': 'TOKEN=x' })
    const skill = { dir, path: 'skills/demo', name: 'demo', version: '1.0.0' }
    const expected = await buildPackage(skill, options(tempDir())).then(
      () => 'built',
      (error: Error) => error.message
    )
    expect(expected).toMatch(/\.env/)
    const packager = createPackager(2 * SKILLS_PER_THREAD, BUNDLED_WORKER)
    try {
      await expect(packager.build(skill, options(tempDir()))).rejects.toThrow(expected)
    } finally {
      await packager.close()
    }
  })

  test('a thread holds two jobs, and each answer settles the job it names, in whatever order it comes', async () => {
    // Holds each pair of jobs and answers the later one first.
    const reversing = join(tempDir(), 'reversing-worker.mjs')
    await writeFile(
      reversing,
      [
        "import { parentPort } from 'node:worker_threads'",
        'const held = []',
        "parentPort.on('message', (job) => {",
        '  held.push(job)',
        '  if (held.length < 2) return',
        '  for (const { id, skill } of held.reverse()) parentPort.postMessage({ id, pkg: { name: skill.name } })',
        '  held.length = 0',
        '})'
      ].join('\n')
    )
    const skills = ['one', 'two', 'three', 'four'].map((name) => ({ dir: tempDir(), path: `skills/${name}`, name, version: '1.0.0' }))
    const packager = createPackager(2 * SKILLS_PER_THREAD, pathToFileURL(reversing))
    try {
      const built = await Promise.all(skills.map((skill) => packager.build(skill, options(tempDir()))))
      expect(built.map((pkg) => pkg.name)).toEqual(['one', 'two', 'three', 'four'])
    } finally {
      await packager.close()
    }
  })

  test('a thread that dies fails its own job, and the next job gets a new thread', async () => {
    const dying = join(tempDir(), 'dying-worker.mjs')
    await writeFile(dying, "import { parentPort } from 'node:worker_threads'\nparentPort.on('message', () => process.exit(3))\n")
    const [skill] = await threeSkills()
    const packager = createPackager(2 * SKILLS_PER_THREAD, pathToFileURL(dying))
    try {
      await expect(packager.build(skill, options(tempDir()))).rejects.toThrow('The packaging thread stopped: it exited with code 3')
      await expect(packager.build(skill, options(tempDir()))).rejects.toThrow('The packaging thread stopped')
    } finally {
      await packager.close()
    }
  })
})
