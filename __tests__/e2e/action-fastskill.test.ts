// The bundled action against the loopback FastSkill registry, as the runner starts it: the
// pull-request check, the tag push publish, rejections, timeouts, faults and a registry that is down.
import { runAction } from '../support/runner.js'
import { createExampleRepo } from '../support/repo.js'
import { startFastSkillServer, type FastSkillServer } from '../servers/index.js'
import { FAST, STACK_TRACE, actionResults, closedPort, createSkillsRepo, listOutput, resultOf, uploads } from '../support/registry-runs.js'

let fastskill: FastSkillServer
let token: string

beforeEach(async () => {
  fastskill = await startFastSkillServer()
  token = fastskill.state.token('acme/alice')
})
afterEach(() => fastskill.server.close())

const publishInputs = () => ({ mode: 'publish', registry: 'fastskill', target: fastskill.server.url, token, ...FAST })

describe('pull-request check (mode validate)', () => {
  it('checks only the skill the pull request changed and annotates the broken SKILL.md line', async () => {
    const repo = createExampleRepo()
    const base = repo.git('rev-parse', 'HEAD')
    const skillFile = 'skills/csv-summary/SKILL.md'
    // Line 5 (compatibility) grows past the spec's 500 characters.
    const broken = repo
      .git('show', `HEAD:${skillFile}`)
      .replace('compatibility: Requires Python 3.9 or later.', `compatibility: ${'Requires Python 3.9 or later. '.repeat(20)}`)
    repo.write({ [skillFile]: `${broken}\n` })
    const head = repo.commit('break csv-summary')
    const payload = { number: 12, pull_request: { number: 12, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } } }

    const run = await runAction({ cwd: repo.dir, eventName: 'pull_request', payload, inputs: { mode: 'validate' } })

    expect(run.code).toBe(1)
    expect(run.outputs.valid).toBe('false')
    expect(listOutput(run, 'changed')).toEqual(['skills/csv-summary'])
    expect(actionResults(run).map((result) => result.name)).toEqual(['csv-summary'])
    const onFile = run.annotations.filter((annotation) => annotation.level === 'error' && annotation.properties.file)
    expect(onFile).toHaveLength(1)
    expect(onFile[0]!.properties).toMatchObject({ file: skillFile, line: '5' })
    expect(onFile[0]!.message).toMatch(/compatibility/i)
    expect(run.stdout).toMatch(/^::error [^:]*file=skills\/csv-summary\/SKILL\.md,line=5,/m)
    expect(run.summary).toContain('csv-summary')
    expect(run.summary).not.toContain('release-notes')
    // Validation never talks to a registry.
    expect(fastskill.server.requests).toEqual([])
  })

  it('passes when the changed skill is clean', async () => {
    const repo = createExampleRepo()
    const base = repo.git('rev-parse', 'HEAD')
    repo.write({ 'skills/release-notes/references/template.md': '# {{version}}\n\n## Fixes\n' })
    const head = repo.commit('edit release-notes')
    const payload = { pull_request: { number: 3, base: { sha: base }, head: { sha: head } } }
    const run = await runAction({ cwd: repo.dir, eventName: 'pull_request', payload, inputs: { mode: 'validate' } })
    expect(run.code).toBe(0)
    expect(run.outputs.valid).toBe('true')
    expect(listOutput(run, 'changed')).toEqual(['skills/release-notes'])
    expect(run.annotations.filter((annotation) => annotation.level === 'error')).toEqual([])
  })
})

describe('tag push publish to FastSkill', () => {
  const tagPush = (repo: { dir: string; git(...args: string[]): string }, tag: string, inputs: Record<string, string>) => {
    repo.git('tag', tag)
    const sha = repo.git('rev-parse', 'HEAD')
    return runAction({
      cwd: repo.dir,
      eventName: 'push',
      payload: { ref: `refs/tags/${tag}`, after: sha, before: '0'.repeat(40) },
      env: { GITHUB_REF: `refs/tags/${tag}`, GITHUB_SHA: sha },
      inputs
    })
  }

  it('publishes a repository tag v1.2.3 with the version from the tag, job accepted', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.2.3' })
    const run = await tagPush(repo, 'v1.2.3', publishInputs())

    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result).toMatchObject({
      status: 'accepted',
      version: '1.2.3',
      versionSource: 'tag',
      registry: 'fastskill',
      jobId: expect.stringMatching(/^job_/)
    })
    expect(listOutput(run, 'published')).toEqual(['pdf-tools'])
    expect(listOutput(run, 'failed')).toEqual([])
    expect(fastskill.state.skills.get('acme/pdf-tools')?.has('1.2.3')).toBe(true)
    expect(uploads(fastskill.server)).toHaveLength(1)
    expect(run.summary).toContain('v1.2.3')
    expect(run.summary).toContain('accepted')
    expect(run.summary.replace(/&#95;/g, '_')).toContain(result.jobId)
  })

  it('publishes only the skills changed since the previous v* tag', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.2.3', 'zip-tools': '1.2.3' })
    repo.git('tag', 'v1.2.2')
    repo.write({ 'skills/zip-tools/references/guide.md': '# zip-tools\n\nNow with examples.\n' })
    repo.commit('improve zip-tools')
    const run = await tagPush(repo, 'v1.2.3', publishInputs())

    expect(run.code).toBe(0)
    expect(listOutput(run, 'changed')).toEqual(['skills/zip-tools'])
    expect(actionResults(run)).toEqual([
      expect.objectContaining({ name: 'zip-tools', status: 'accepted', version: '1.2.3', versionSource: 'tag' })
    ])
    expect(run.summary).toContain('v1.2.2')
    expect(uploads(fastskill.server)).toHaveLength(1)
  })

  it('takes the version from a repository tag when SKILL.md names none', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    repo.write({ 'skills/pdf-tools/SKILL.md': '---\nname: pdf-tools\ndescription: Reads PDF files.\n---\n\n# PDF tools\n' })
    repo.commit('no version in SKILL.md')
    const run = await tagPush(repo, 'v2.0.0', publishInputs())

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools')).toMatchObject({ status: 'accepted', version: '2.0.0', versionSource: 'tag' })
    expect(fastskill.state.skills.get('acme/pdf-tools')?.has('2.0.0')).toBe(true)
  })

  it('publishes only the skill a per-skill tag csv-summary@0.3.1 names', async () => {
    const repo = createExampleRepo()
    const run = await tagPush(repo, 'csv-summary@0.3.1', publishInputs())

    expect(run.code).toBe(0)
    expect(listOutput(run, 'changed')).toEqual(['skills/csv-summary'])
    expect(actionResults(run)).toEqual([
      expect.objectContaining({ name: 'csv-summary', status: 'accepted', version: '0.3.1', versionSource: 'tag' })
    ])
    expect(listOutput(run, 'published')).toEqual(['csv-summary'])
    expect([...fastskill.state.skills.keys()]).toEqual(['acme/csv-summary'])
    expect(uploads(fastskill.server)).toHaveLength(1)
  })

  it('fails a tag that disagrees with SKILL.md, naming both versions, and uploads nothing', async () => {
    const repo = createExampleRepo()
    const run = await tagPush(repo, 'csv-summary@0.4.0', publishInputs())

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'csv-summary')
    expect(result.status).toBe('invalid')
    const mismatch = result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'version/tag-mismatch')
    expect(mismatch?.message).toContain('0.4.0')
    expect(mismatch?.message).toContain('0.3.1')
    expect(listOutput(run, 'failed')).toEqual(['csv-summary'])
    const annotation = run.annotations.find((a) => a.level === 'error' && a.properties.file === 'skills/csv-summary/SKILL.md')
    expect(annotation?.message).toMatch(/0\.4\.0[\s\S]*0\.3\.1/)
    // On the line of metadata.version, where the fix goes.
    expect(annotation?.properties.line).toBe('8')
    expect(uploads(fastskill.server)).toEqual([])
  })

  it('reads the name/v1.2.3 form of a per-skill tag too', async () => {
    const repo = createExampleRepo()
    const run = await tagPush(repo, 'release-notes/v2.0.0', publishInputs())

    expect(run.code).toBe(0)
    expect(actionResults(run)).toEqual([
      expect.objectContaining({ name: 'release-notes', status: 'accepted', version: '2.0.0', versionSource: 'tag' })
    ])
  })

  it('publishes the tag version with tag-wins: true', async () => {
    const repo = createExampleRepo()
    const run = await tagPush(repo, 'csv-summary@0.4.0', { ...publishInputs(), 'tag-wins': 'true' })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'csv-summary')).toMatchObject({ status: 'accepted', version: '0.4.0' })
    expect(fastskill.state.skills.get('acme/csv-summary')?.has('0.4.0')).toBe(true)
  })
})

describe('FastSkill outcomes', () => {
  it('uploads nothing when validation fails', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    repo.write({ 'skills/pdf-tools/SKILL.md': '---\nname: PDF_Tools\ndescription: Broken.\nmetadata:\n  version: "1.0.0"\n---\n\n# PDF\n' })
    repo.commit('break it')
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    expect(run.outputs.valid).toBe('false')
    expect(resultOf(actionResults(run), 'PDF_Tools').status).toBe('invalid')
    expect(listOutput(run, 'failed')).toEqual(['PDF_Tools'])
    expect(listOutput(run, 'published')).toEqual([])
    expect(uploads(fastskill.server)).toEqual([])
    expect(fastskill.server.requests).toEqual([])
  })

  it('a server without the registry index: a duplicate version is rejected with the registry reason in results and summary', async () => {
    fastskill.state.options.index = false
    fastskill.state.seed('acme/pdf-tools', '1.0.0')
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('rejected')
    expect(result.error).toContain('Version 1.0.0 already exists for skill acme/pdf-tools')
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(listOutput(run, 'published')).toEqual([])
    expect(run.summary).toContain('rejected')
    expect(run.summary).toContain('Version 1.0.0 already exists for skill acme/pdf-tools')
    expect(run.stdout).toMatch(/^::error::.*pdf-tools: rejected/m)
  })

  it('times out a job that never finishes', async () => {
    await fastskill.server.close()
    fastskill = await startFastSkillServer({ pollsPerStep: 'never' })
    token = fastskill.state.token('acme/alice')
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const started = Date.now()
    const run = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), 'max-wait': '1' } })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('timed-out')
    expect(result.error).toMatch(/No verdict after 1 s/)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(uploads(fastskill.server)).toHaveLength(1)
  })

  it('fails with a clear message and no stack trace when the registry is down', async () => {
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: { ...publishInputs(), target: await closedPort() } })

    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/connection refused/)
    expect(result.error).toMatch(/127\.0\.0\.1:\d+/)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(run.summary).toContain('connection refused')
    expect(run.stdout).not.toMatch(STACK_TRACE)
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })

  it('waits out a 429 with Retry-After on the upload, then publishes once', async () => {
    fastskill.server.fault({ method: 'POST', path: '/api/registry/publish' }, { kind: 'rate-limit', retryAfterSeconds: 1 })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const started = Date.now()
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    // The second upload waited the second the server asked for.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('accepted')
    const posts = uploads(fastskill.server)
    expect(posts).toHaveLength(2)
    expect(fastskill.state.jobs.size).toBe(1)
    expect(run.stdout).toMatch(/as the server asked/)
  })

  it('retries a 503 on a status poll and still reaches the verdict', async () => {
    fastskill.server.fault({ method: 'GET', path: /\/publish\/status\// }, { kind: 'status', status: 503, body: 'Service Unavailable' })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('accepted')
    expect(fastskill.server.requests.filter((req) => req.path.includes('/status/')).length).toBeGreaterThanOrEqual(3)
    expect(uploads(fastskill.server)).toHaveLength(1)
  })

  it('retries a 503 on the upload (not processed), then publishes once', async () => {
    fastskill.server.fault({ method: 'POST', path: '/api/registry/publish' }, { kind: 'status', status: 503, body: 'Service Unavailable' })
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(0)
    expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('accepted')
    expect(uploads(fastskill.server)).toHaveLength(2)
    expect(fastskill.state.jobs.size).toBe(1)
  })
})

describe('one skill failing never stops the others', () => {
  it('publishes the accepted skill and fails only the rejected one', async () => {
    fastskill.state.options.index = false
    fastskill.state.seed('acme/pdf-tools', '1.0.0')
    const repo = createSkillsRepo({ 'pdf-tools': '1.0.0', 'zip-tools': '2.0.0' })
    const run = await runAction({ cwd: repo.dir, inputs: publishInputs() })

    expect(run.code).toBe(1)
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
    expect(listOutput(run, 'published')).toEqual(['zip-tools'])
    const results = actionResults(run)
    expect(resultOf(results, 'pdf-tools').status).toBe('rejected')
    expect(resultOf(results, 'zip-tools').status).toBe('accepted')
    expect(fastskill.state.skills.get('acme/zip-tools')?.has('2.0.0')).toBe(true)
    expect(run.stdout).toMatch(/1 of 2 skills failed/)
  })
})
