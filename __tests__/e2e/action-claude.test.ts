// The bundled action against the loopback Claude Skills API: skills synced to a workspace with
// server-assigned version ids and no version in SKILL.md, a re-run that creates nothing, one
// changed file that creates exactly one version, a name held by two skills, and the key rules.
import { runAction } from '../support/runner.js'
import { createRepo, skillMd } from '../support/repo.js'
import { CLAUDE_TEST_KEY, startClaudeServer, type ClaudeServer } from '../servers/index.js'
import { FAST, actionResults, listOutput, maskedValues, resultOf, writtenWithoutMaskCommands } from '../support/registry-runs.js'

let claude: ClaudeServer
beforeEach(async () => {
  claude = await startClaudeServer({ workspaces: ['wrkspc_team'], maxPageSize: 1 })
})
afterEach(() => claude.server.close())

const inputs = (extra: Record<string, string> = {}) => ({
  mode: 'publish',
  registry: 'claude',
  target: claude.server.url,
  token: CLAUDE_TEST_KEY,
  workspace: 'wrkspc_team',
  ...FAST,
  ...extra
})

/** Two skills without any version, one with a binary file. */
function skillsRepo() {
  const repo = createRepo({
    'skills/pdf-tools/SKILL.md': skillMd('pdf-tools'),
    'skills/pdf-tools/assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 255]),
    'skills/csv-tools/SKILL.md': skillMd('csv-tools'),
    'skills/csv-tools/references/guide.md': '# Guide\n'
  })
  repo.commit('skills')
  return repo
}

const uploads = () => claude.server.requests.filter((req) => req.method === 'POST')

describe('mode: publish to a Claude workspace', () => {
  it('creates one skill per name with its files, then a re-run creates nothing and one change creates one version', async () => {
    const repo = skillsRepo()
    const first = await runAction({ cwd: repo.dir, inputs: inputs() })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(claude.state.skills.map((skill) => [skill.workspace, skill.versions[0]!.name]).sort()).toEqual([
      ['wrkspc_team', 'csv-tools'],
      ['wrkspc_team', 'pdf-tools']
    ])
    const pdf = claude.state.skills.find((skill) => skill.versions[0]!.name === 'pdf-tools')!
    expect(pdf.versions[0]!.files.map((file) => file.path)).toEqual(['SKILL.md', 'assets/logo.png'])
    expect([...pdf.versions[0]!.files[1]!.data]).toEqual([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 255])
    expect(resultOf(actionResults(first), 'pdf-tools')).toMatchObject({
      status: 'published',
      skillId: pdf.id,
      version: pdf.versions[0]!.id,
      versionSource: 'registry',
      registry: 'claude'
    })
    expect(listOutput(first, 'published').sort()).toEqual(['csv-tools', 'pdf-tools'])
    // The summary's Markdown escapes underscores.
    expect(first.summary).toContain(`claude<br><sub><code>${pdf.id.replace(/_/g, '&#95;')}</code></sub>`)
    expect(first.summary).toContain(pdf.versions[0]!.id)
    expect(maskedValues(first)).toContain(CLAUDE_TEST_KEY)
    expect(writtenWithoutMaskCommands(first)).not.toContain(CLAUDE_TEST_KEY)

    const again = await runAction({ cwd: repo.dir, inputs: inputs() })
    expect(again.code).toBe(0)
    expect(
      actionResults(again)
        .map((result) => [result.name, result.status])
        .sort()
    ).toEqual([
      ['csv-tools', 'unchanged'],
      ['pdf-tools', 'unchanged']
    ])
    expect(resultOf(actionResults(again), 'pdf-tools')).toMatchObject({ skillId: pdf.id, version: pdf.versions[0]!.id })
    expect(uploads()).toHaveLength(2)

    repo.write({ 'skills/csv-tools/references/guide.md': '# Guide\n\nRevised.\n' })
    repo.commit('revise the guide')
    const changed = await runAction({ cwd: repo.dir, inputs: inputs() })
    expect(changed.code).toBe(0)
    const csv = claude.state.skills.find((skill) => skill.versions[0]!.name === 'csv-tools')!
    expect(csv.versions).toHaveLength(2)
    expect(claude.state.skills).toHaveLength(2)
    expect(uploads()).toHaveLength(3)
    expect(resultOf(actionResults(changed), 'csv-tools')).toMatchObject({
      status: 'published',
      skillId: csv.id,
      version: csv.versions[1]!.id
    })
    expect(resultOf(actionResults(changed), 'pdf-tools').status).toBe('unchanged')
  })

  it('fails a skill whose name two skills hold, naming both ids, and still publishes the others', async () => {
    const one = claude.state.seed({ name: 'pdf-tools', workspace: 'wrkspc_team' })
    const two = claude.state.seed({ name: 'pdf-tools', workspace: 'wrkspc_team' })
    const run = await runAction({ cwd: skillsRepo().dir, inputs: inputs() })
    expect(run.code).toBe(1)
    const result = resultOf(actionResults(run), 'pdf-tools')
    expect(result.status).toBe('failed')
    expect(result.error).toContain(one.id)
    expect(result.error).toContain(two.id)
    expect(resultOf(actionResults(run), 'csv-tools').status).toBe('published')
    expect(listOutput(run, 'failed')).toEqual(['pdf-tools'])
  })

  it('takes the key from ANTHROPIC_API_KEY; without one it is a usage error naming both', async () => {
    const repo = skillsRepo()
    const { token: _token, ...withoutToken } = inputs()
    const missing = await runAction({ cwd: repo.dir, inputs: withoutToken })
    expect(missing.code).toBe(1)
    expect(missing.stdout).toMatch(/Input 'token' is required for registry 'claude' \(or set ANTHROPIC_API_KEY\)/)
    expect(claude.server.requests).toHaveLength(0)

    const fromEnv = await runAction({ cwd: repo.dir, inputs: withoutToken, env: { ANTHROPIC_API_KEY: CLAUDE_TEST_KEY } })
    expect(fromEnv.code).toBe(0)
    expect(maskedValues(fromEnv)).toContain(CLAUDE_TEST_KEY)
    expect(claude.state.skills).toHaveLength(2)
  })
})
