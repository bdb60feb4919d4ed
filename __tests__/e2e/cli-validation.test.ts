// Validation through the bundled CLI, as a person or a CI job runs it: issue 21 (agreeing with the
// reference validator and with how repositories lay out skills), issue 22 point 2 (ClawHub's
// size rules) and issue 15's hostile YAML and links out of the repository.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from '../support/runner.js'
import { createRepo, skillMd } from '../support/repo.js'
import { cliJson, resultOf, type ResultJson } from '../support/registry-runs.js'

const ruleIds = (result: ResultJson) => result.diagnostics.map((diagnostic) => diagnostic.ruleId)
const validateJson = async (cwd: string, ...args: string[]) => {
  const run = await runCli(['validate', '--json', ...args], { cwd })
  return { code: run.code, stderr: run.stderr, results: cliJson(run.stdout).results }
}

describe('metadata.version under the spec profile', () => {
  const spec = (version: string) => skillMd('notes', { metadata: `\n  version: "${version}"` })

  it('is data: a warning naming the registries that need semver, exit 0', async () => {
    const repo = createRepo({ 'skills/notes/SKILL.md': spec('1.0') })
    const { code, results } = await validateJson(repo.dir)
    expect(code).toBe(0)
    const [warning] = results[0]!.diagnostics
    expect(warning).toMatchObject({ ruleId: 'version/metadata-not-semver', severity: 'warning', line: 5 })
    expect(warning!.message).toMatch(/^Version '1\.0' from SKILL\.md's field 'metadata\.version' \(line 5\) is not valid semver\./)
    expect(warning!.message).toContain('ClawHub, FastSkill, JFrog Artifactory and the local folder registry need a semver version')
  })

  it('is an error when publishing to a registry that needs semver and nothing else gives the version', async () => {
    const repo = createRepo({ 'skills/notes/SKILL.md': spec('1.0') })
    const refused = await runCli(['publish', '--target', 'registry', '--json'], { cwd: repo.dir })
    expect(refused.code).toBe(1)
    expect(ruleIds(cliJson(refused.stdout).results[0]!)).toContain('version/invalid')
    const given = await runCli(['publish', '--target', 'registry', '--version', '1.0.0', '--json'], { cwd: repo.dir })
    expect(given.code).toBe(0)
    expect(cliJson(given.stdout).results[0]).toMatchObject({ status: 'published', version: '1.0.0' })
  })
})

describe('YAML the reference forbids', () => {
  it('refuses duplicate keys inside metadata', async () => {
    const repo = createRepo({ 'skills/dup/SKILL.md': skillMd('dup', { metadata: '\n  author: a\n  author: b' }) })
    const { code, results } = await validateJson(repo.dir)
    expect(code).toBe(1)
    expect(results[0]!.diagnostics).toEqual([expect.objectContaining({ ruleId: 'skillmd/duplicate-key', line: 6, column: 3 })])
  })

  it('refuses a raw control character with its line and column, and the text output points there', async () => {
    const repo = createRepo({ 'skills/bell/SKILL.md': '---\nname: bell\ndescription: Rings \u0007 a bell.\n---\nBody\n' })
    const run = await runCli(['validate'], { cwd: repo.dir })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/skills\/bell\/SKILL\.md:3:20 .*control character U\+0007 at line 3, column 20/)
  })

  it('never reads __proto__ as the frontmatter (issue 15)', async () => {
    const repo = createRepo({ 'posing/SKILL.md': '---\n__proto__:\n  name: posing\n  description: Poses as a skill.\n---\nBody\n' })
    const { code, results } = await validateJson(repo.dir)
    expect(code).toBe(1)
    expect(results[0]).toMatchObject({ path: 'posing', status: 'invalid' })
    expect(ruleIds(results[0]!)).toEqual(expect.arrayContaining(['spec/name-required', 'spec/description-required', 'spec/unknown-field']))
  })
})

describe('where skills are found', () => {
  it('reports a lowercase skill.md as that skill’s error with exit 1, not "no skill found"', async () => {
    const repo = createRepo({ 'skills/lower/skill.md': skillMd('lower') })
    const run = await runCli(['validate', '--json'], { cwd: repo.dir })
    expect(run.code).toBe(1)
    const [result] = cliJson(run.stdout).results
    expect(result!.diagnostics).toEqual([expect.objectContaining({ ruleId: 'skillmd/wrong-file-name', file: 'skills/lower/skill.md' })])
    expect(result!.diagnostics[0]!.message).toMatch(/^Missing required file: SKILL\.md\. Found skills\/lower\/skill\.md/)
  })

  it('searches the agent folders and the gh skill layouts, and still skips .git, node_modules and other dot-folders', async () => {
    const layout = [
      '.claude/skills/claude-a',
      '.github/skills/github-b',
      '.agents/skills/agents-c',
      '.cursor/skills/cursor-d',
      '.codex/skills/codex-e',
      '.windsurf/skills/windsurf-f',
      'skills/plain-g',
      'skills/acme/scoped-h',
      'top-i',
      'plugins/acme/skills/plugin-j'
    ]
    const skipped = ['.git/hooks/hidden-k', 'node_modules/pkg/npm-l', '.vscode/skills/vscode-m', '.claude/commands/command-n']
    const files: Record<string, string> = {}
    for (const folder of [...layout, ...skipped]) files[`${folder}/SKILL.md`] = skillMd(path.posix.basename(folder))
    const repo = createRepo(files)
    const { code, results } = await validateJson(repo.dir)
    expect(code).toBe(0)
    expect(results.map((result) => result.path).sort()).toEqual([...layout].sort())
  })

  it('treats identical copies in several agent folders as one skill, with a note, and publishes it once', async () => {
    const copy = { 'SKILL.md': skillMd('shared', { license: 'MIT', metadata: '\n  version: 1.0.0' }), 'references/guide.md': '# Guide\n' }
    const files: Record<string, string> = {}
    for (const folder of ['skills/shared', '.claude/skills/shared', '.cursor/skills/shared']) {
      for (const [name, content] of Object.entries(copy)) files[`${folder}/${name}`] = content
    }
    const repo = createRepo(files)
    const { code, results } = await validateJson(repo.dir)
    expect(code).toBe(0)
    expect(results.map((result) => result.path)).toEqual(['skills/shared'])
    expect(results[0]!.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'repo/identical-copies',
        severity: 'note',
        message: expect.stringContaining('.claude/skills/shared, .cursor/skills/shared are identical copies of skills/shared')
      })
    ])
    const published = await runCli(['publish', '--target', 'registry', '--json'], { cwd: repo.dir })
    expect(published.code).toBe(0)
    expect(cliJson(published.stdout).results.map((result) => [result.path, result.status])).toEqual([['skills/shared', 'published']])
    expect(readdirSync(path.join(repo.dir, 'registry')).filter((name) => name.endsWith('.zip')).length).toBeLessThanOrEqual(1)
  })

  it('keeps different content under one name an error', async () => {
    const repo = createRepo({
      '.claude/skills/shared/SKILL.md': skillMd('shared'),
      '.cursor/skills/shared/SKILL.md': skillMd('shared', {}, 'Another body.\n')
    })
    const { code, results } = await validateJson(repo.dir)
    expect(code).toBe(1)
    expect(results.map((result) => ruleIds(result))).toEqual([['repo/duplicate-name'], ['repo/duplicate-name']])
  })

  it('lists the folders it searches in --help', async () => {
    const run = await runCli(['validate', '--help'], { cwd: createRepo().dir })
    expect(run.code).toBe(0)
    for (const folder of ['.claude/skills', '.github/skills', '.agents/skills', '.cursor/skills', '.codex/skills']) {
      expect(run.stdout).toContain(folder)
    }
  })
})

describe('messages as the reference words them, then the value and the fix', () => {
  it('names every unknown field in one sorted message, and suggests a name', async () => {
    const repo = createRepo({ 'skills/My-Skill/SKILL.md': skillMd('My-Skill', { zeta: 'z', alpha: 'a' }) })
    const { code, results } = await validateJson(repo.dir)
    expect(code).toBe(1)
    const messages = results[0]!.diagnostics.map((diagnostic) => diagnostic.message)
    expect(messages).toContain("Skill name 'My-Skill' must be lowercase; try 'my-skill'.")
    const unknown = messages.filter((message) => message.startsWith('Unexpected fields'))
    expect(unknown).toEqual([
      "Unexpected fields in frontmatter: alpha, zeta. Only ['allowed-tools', 'compatibility', 'description', 'license', 'metadata', 'name'] are allowed. Move them under metadata or remove them."
    ])
  })
})

describe('the checks gh skill publish makes', () => {
  const listed = skillMd('tools', { 'allowed-tools': '\n  - Read\n  - Grep', metadata: '\n  github-repo: acme/tools\n  github-ref: main' })

  it('warns about allowed-tools as a list and github-* install metadata under spec', async () => {
    const repo = createRepo({ 'skills/tools/SKILL.md': listed })
    const { code, results } = await validateJson(repo.dir)
    expect(code).toBe(0)
    expect(results[0]!.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.severity])).toEqual([
      ['spec/allowed-tools-type', 'warning'],
      ['spec/github-install-metadata', 'warning']
    ])
    expect(results[0]!.diagnostics[0]!.message).toContain('write allowed-tools: Read Grep')
  })

  it('makes allowed-tools as a list an error under the fastskill profile, which drops it', async () => {
    const repo = createRepo({ 'skills/tools/SKILL.md': listed })
    const { code, results } = await validateJson(repo.dir, '--profile', 'fastskill')
    expect(code).toBe(1)
    expect(ruleIds(results[0]!)).toContain('fastskill/allowed-tools-list')
  })

  it('notes a missing license when publishing', async () => {
    const repo = createRepo({ 'skills/bare/SKILL.md': skillMd('bare', { metadata: '\n  version: 1.0.0' }) })
    expect(ruleIds((await validateJson(repo.dir)).results[0]!)).toEqual([])
    const published = await runCli(['publish', '--target', 'registry', '--json'], { cwd: repo.dir })
    expect(published.code).toBe(0)
    const [result] = cliJson(published.stdout).results
    expect(result!.status).toBe('published')
    expect(result!.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.severity])).toEqual([['spec/license-missing', 'note']])
  })
})

describe('ClawHub size rules (issue 22 point 2)', () => {
  it('makes an 11 MB file an error under --profile clawhub, and not under spec', async () => {
    const repo = createRepo({
      'skills/big-data/SKILL.md': skillMd('big-data'),
      'skills/big-data/data.txt': 'x'.repeat(11 * 1024 * 1024)
    })
    const clawhub = await validateJson(repo.dir, '--profile', 'clawhub')
    expect(clawhub.code).toBe(1)
    const sizes = resultOf(clawhub.results, 'big-data').diagnostics.filter((diagnostic) => diagnostic.ruleId === 'clawhub/file-too-large')
    expect(sizes).toEqual([expect.objectContaining({ message: expect.stringContaining('"data.txt" is 11.0 MB') })])
    expect((await validateJson(repo.dir)).code).toBe(0)
  })
})

describe('links out of the repository (issue 15)', () => {
  let outside: string
  beforeAll(() => {
    outside = mkdtempSync(path.join(tmpdir(), 'skillpub-elsewhere-'))
    mkdirSync(path.join(outside, 'away'))
    writeFileSync(path.join(outside, 'away/SKILL.md'), skillMd('away'))
    writeFileSync(path.join(outside, 'secret.txt'), 'not for publishing\n')
  })
  afterAll(() => rmSync(outside, { recursive: true, force: true }))

  it('refuses a skill folder that is a symlink to a folder outside the repository, naming the link', async () => {
    const repo = createRepo({ 'skills/here/SKILL.md': skillMd('here') })
    symlinkSync(path.join(outside, 'away'), path.join(repo.dir, 'skills/away'))
    const run = await runCli(['validate', '--json', 'skills/away'], { cwd: repo.dir })
    expect(run.code).toBe(1)
    const [result] = cliJson(run.stdout).results
    expect(result!.diagnostics).toEqual([expect.objectContaining({ ruleId: 'skillmd/link-outside' })])
    expect(result!.diagnostics[0]!.message).toContain(`symbolic link skills/away -> ${path.join(outside, 'away')}`)
    // Without paths too: the link is never followed, but it is reported rather than left out unseen.
    const everything = await validateJson(repo.dir)
    expect(everything.code).toBe(1)
    expect(everything.results.map((each) => [each.path, ruleIds(each)])).toEqual([
      ['skills/away', ['skillmd/link-outside']],
      ['skills/here', []]
    ])
    const packaged = await runCli(['package', 'skills/away', '--version', '1.0.0', '--json'], { cwd: repo.dir })
    expect(packaged.code).toBe(1)
    expect(cliJson(packaged.stdout).results[0]!.status).toBe('invalid')
  })

  it('refuses a SKILL.md that links outside the skill, and a file of the skill that does, naming each', async () => {
    const repo = createRepo({ 'skills/linked/references/x.md': 'x\n', 'skills/leaky/SKILL.md': skillMd('leaky', { license: 'MIT' }) })
    symlinkSync(path.join(outside, 'away/SKILL.md'), path.join(repo.dir, 'skills/linked/SKILL.md'))
    symlinkSync(path.join(outside, 'secret.txt'), path.join(repo.dir, 'skills/leaky/notes.txt'))
    const validated = await validateJson(repo.dir)
    expect(resultOf(validated.results, 'linked').diagnostics[0]).toMatchObject({ ruleId: 'skillmd/link-outside' })
    expect(resultOf(validated.results, 'linked').diagnostics[0]!.message).toMatch(/^skills\/linked\/SKILL\.md is a symbolic link to /)
    const packaged = await runCli(['package', 'skills/leaky', '--version', '1.0.0', '--json'], { cwd: repo.dir })
    expect(packaged.code).toBe(1)
    const [leaky] = cliJson(packaged.stdout).results
    expect(leaky!.status).toBe('failed')
    expect(leaky!.error).toContain('notes.txt')
  })
})
