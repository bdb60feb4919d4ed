// The bundled CLI publishing into a folder, judged from outside: the FastSkill index it writes
// is read over HTTP the way FastSkill's http-registry client reads it, from a static host on
// 127.0.0.1; two processes publishing into one folder at once lose nothing; a publish killed
// mid-run leaves nothing the next run does not repair.
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CLI_BUNDLE, runCli } from '../support/runner.js'
import { createExampleRepo, createRepo, skillMd, type TestRepo } from '../support/repo.js'
import { HttpRegistryReader, parseVersionEntry, validatePathComponent, type ReaderEntry } from '../support/fastskill-reader.js'
import { startStaticFolder } from '../servers/static-folder.js'

// From the examples' SKILL.md frontmatter: license, and metadata.author where there is one.
const EXAMPLE_METADATA: Record<string, { author: string | null; license: string }> = {
  'commit-message-writer': { author: 'skillpub examples', license: 'MIT' },
  'csv-summary': { author: null, license: 'Apache-2.0' },
  'release-notes': { author: null, license: 'MIT' }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

function newTarget(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'skillpub-site-')), 'registry')
}

/** A repository holding `count` skills under skills/, each with `bulk` bytes that do not compress. */
function manySkills(count: number, bulk = 0): TestRepo {
  const files: Record<string, string | Buffer> = {}
  for (let i = 0; i < count; i++) {
    const name = `skill-${String(i).padStart(2, '0')}`
    files[`skills/${name}/SKILL.md`] = skillMd(name)
    files[`skills/${name}/references/notes.md`] = `# ${name}\n\n${'Some notes. '.repeat(200)}\n`
    if (bulk) files[`skills/${name}/assets/data.bin`] = randomBytes(bulk)
  }
  const repo = createRepo(files)
  repo.commit('skills')
  return repo
}

/** Every index line of the folder (FastSkill's walk: `index/{scope}/{id}`, dot-files skipped), and every stored zip. */
function readFolder(target: string): { lines: Array<ReaderEntry & { file: string }>; zips: string[]; dotFiles: string[] } {
  const lines: Array<ReaderEntry & { file: string }> = []
  const dotFiles: string[] = []
  for (const scope of readdirSync(path.join(target, 'index'))) {
    for (const id of readdirSync(path.join(target, 'index', scope))) {
      if (id.startsWith('.')) dotFiles.push(`index/${scope}/${id}`)
      if (id.startsWith('.')) continue
      for (const line of readFileSync(path.join(target, 'index', scope, id), 'utf8')
        .split('\n')
        .filter(Boolean)) {
        const entry = parseVersionEntry(line)
        if (typeof entry === 'string') throw new Error(`index/${scope}/${id}: ${entry}`)
        lines.push({ ...entry, file: `index/${scope}/${id}` })
      }
    }
  }
  const names = readdirSync(target)
  dotFiles.push(...names.filter((name) => name.startsWith('.')))
  return { lines, zips: names.filter((name) => name.endsWith('.zip')).sort(), dotFiles }
}

/** The folder is consistent: one line per zip and one zip per line, each cksum the zip's. */
function expectConsistent(target: string, expectedZips: string[]): void {
  const { lines, zips, dotFiles } = readFolder(target)
  expect(dotFiles).toEqual([]) // no temporary file, no lock left behind
  expect(zips).toEqual([...expectedZips].sort())
  const listed = lines.map((line) => path.basename(new URL(line.download_url).pathname)).sort()
  expect(listed).toEqual(zips)
  for (const line of lines) {
    const zip = readFileSync(new URL(line.download_url))
    expect([line.name, line.cksum]).toEqual([line.name, `sha256:${sha256(zip)}`])
  }
}

describe('the FastSkill index of a folder target, read as FastSkill reads it', () => {
  it('serves every skill at {base-url}/index/{scope}/{id} with lines that parse, path components that pass and downloads that check', async () => {
    const repo = createExampleRepo()
    const target = newTarget()
    const server = await startStaticFolder(target, '/skills/')
    try {
      const baseUrl = `${server.url}/skills`
      const args = ['publish', 'skills', '--target', target, '--scope', 'acme', '--base-url', baseUrl, '--json']
      const first = await runCli(args, { cwd: repo.dir, env: { GITHUB_REPOSITORY: 'Someone/else' } })
      expect(first.stderr).not.toMatch(/error/i)
      expect(first.code).toBe(0)
      const results = JSON.parse(first.stdout).results as Array<{ name: string; version: string; url: string }>
      expect(results.map((result) => result.url).sort()).toEqual([
        `${baseUrl}/commit-message-writer-1.2.0.zip`,
        `${baseUrl}/csv-summary-0.3.1.zip`,
        `${baseUrl}/release-notes-2.0.0.zip`
      ])

      const reader = new HttpRegistryReader(`${baseUrl}/index`) // the http-registry index_url
      for (const { name, version } of results) {
        const { entries, skipped } = await reader.getSkill(`acme/${name}`)
        expect(skipped).toEqual([])
        expect(entries).toEqual([
          {
            name: `acme/${name}`,
            vers: version,
            deps: [],
            cksum: `sha256:${sha256(readFileSync(path.join(target, `${name}-${version}.zip`)))}`,
            features: {},
            yanked: false,
            download_url: `${baseUrl}/${name}-${version}.zip`,
            published_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
            metadata: {
              ...EXAMPLE_METADATA[name],
              description: expect.stringMatching(/^\S.{20,}/),
              repository: 'https://github.com/Someone/else'
            }
          }
        ])
        for (const component of entries[0]!.name.split('/'))
          expect([component, validatePathComponent(component)]).toEqual([component, true])
        const bytes = await reader.download(`acme/${name}`, version) // checks cksum as the client does
        expect(bytes.equals(readFileSync(path.join(target, `${name}-${version}.zip`)))).toBe(true)
      }
      expect((await reader.getSkill('acme/no-such-skill')).entries).toEqual([]) // 404: no versions
      const indexBefore = readFolder(target).lines

      const second = await runCli(args, { cwd: repo.dir })
      expect(JSON.parse(second.stdout).results.map((result: { status: string }) => result.status)).toEqual([
        'unchanged',
        'unchanged',
        'unchanged'
      ])
      expect(readFolder(target).lines).toEqual(indexBefore)
    } finally {
      await server.close()
    }
  })

  it('refuses a scope FastSkill would refuse and a base-url with credentials, naming the input', async () => {
    const repo = createExampleRepo()
    const badScope = await runCli(['publish', 'skills', '--target', newTarget(), '--scope', '../up'], { cwd: repo.dir })
    expect(badScope.code).toBe(2)
    expect(badScope.stderr).toContain("Input 'scope' must be a FastSkill path component")
    const badUrl = await runCli(['publish', 'skills', '--target', newTarget(), '--base-url', 'https://user:s3cret@host/x'], {
      cwd: repo.dir
    })
    expect(badUrl.code).toBe(2)
    expect(badUrl.stderr).toContain("Input 'base-url' must be an http(s) URL without credentials")
    expect(badUrl.stderr).not.toContain('s3cret')
  })
})

describe('the folder target under concurrent and killed publishes', () => {
  it('two processes publishing 50 packages into one folder at once: every one lands in the index', async () => {
    // The same 25 skills at two versions, so both processes keep appending to the same index files.
    const repo = manySkills(25)
    const target = newTarget()
    const publish = (version: string) =>
      runCli(['publish', 'skills', '--target', target, '--version', version, '--artifacts-dir', `out-${version}`, '--concurrency', '8'], {
        cwd: repo.dir
      })
    const [one, two] = await Promise.all([publish('1.0.0'), publish('2.0.0')])
    expect([one.code, two.code]).toEqual([0, 0])
    const names = Array.from({ length: 25 }, (_, i) => `skill-${String(i).padStart(2, '0')}`)
    expectConsistent(
      target,
      names.flatMap((name) => [`${name}-1.0.0.zip`, `${name}-2.0.0.zip`])
    )
    expect(readFolder(target).lines).toHaveLength(50)
  })

  it.each(['SIGKILL', 'SIGTERM'] as const)('a publish stopped by %s mid-write is repaired by the next run', async (signal) => {
    // Zips of 3 MB take a while to copy in: the run is stopped while a temporary copy is in the
    // folder and the lock is held, the worst moment.
    const repo = manySkills(5, 3 * 1024 * 1024)
    const target = newTarget()
    const args = ['publish', 'skills', '--target', target, '--version', '1.0.0']
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { cwd: repo.dir, env: { PATH: process.env.PATH, HOME: process.env.HOME } })
    const stopped = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, how) => resolve(how)))
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(target) && readdirSync(target).some((name) => name.endsWith('.tmp'))) {
          clearInterval(poll)
          resolve()
        }
      }, 1)
    })
    child.kill(signal)
    expect(await stopped).toBe(signal)
    const left = readdirSync(target)
    expect(left.filter((name) => name.endsWith('.zip')).length).toBeLessThan(5)
    expect(left.filter((name) => name.startsWith('.')).length).toBeGreaterThan(0) // a temporary file, the lock

    const next = await runCli([...args, '--json'], { cwd: repo.dir })
    expect(next.code).toBe(0)
    const statuses = new Set(JSON.parse(next.stdout).results.map((result: { status: string }) => result.status))
    expect([...statuses].every((status) => status === 'published' || status === 'unchanged')).toBe(true)
    expectConsistent(
      target,
      Array.from({ length: 5 }, (_, i) => `skill-${String(i).padStart(2, '0')}-1.0.0.zip`)
    )
  })
})
