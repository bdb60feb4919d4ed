// The bundled skillpub command against the loopback Claude Skills API, configured the way other
// CI systems do it: ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY from the environment.
import { runCli } from '../support/runner.js'
import { createRepo, skillMd } from '../support/repo.js'
import { CLAUDE_TEST_KEY, claudeFault, startClaudeServer, type ClaudeServer } from '../servers/index.js'
import { FAST_FLAGS, STACK_TRACE, cliJson, resultOf } from '../support/registry-runs.js'

let claude: ClaudeServer
beforeEach(async () => {
  claude = await startClaudeServer()
})
afterEach(() => claude.server.close())

function repo() {
  const created = createRepo({ 'skills/pdf-tools/SKILL.md': skillMd('pdf-tools'), 'skills/pdf-tools/scripts/run.py': 'print(1)\n' })
  created.commit('skill')
  return created
}

const env = () => ({ ANTHROPIC_BASE_URL: claude.server.url, ANTHROPIC_API_KEY: CLAUDE_TEST_KEY })

describe('skillpub publish --registry claude', () => {
  it('publishes with the environment settings, and a re-run reports unchanged with the same ids', async () => {
    const { dir } = repo()
    const first = await runCli(['publish', '--registry', 'claude', '--json', ...FAST_FLAGS], { cwd: dir, env: env() })
    expect(first.stderr).not.toContain(CLAUDE_TEST_KEY)
    expect(first.code).toBe(0)
    const skill = claude.state.skills[0]!
    expect(resultOf(cliJson(first.stdout).results, 'pdf-tools')).toMatchObject({
      status: 'published',
      skillId: skill.id,
      version: skill.versions[0]!.id
    })

    const again = await runCli(['publish', '--registry', 'claude', '--json', ...FAST_FLAGS], { cwd: dir, env: env() })
    expect(again.code).toBe(0)
    expect(resultOf(cliJson(again.stdout).results, 'pdf-tools')).toMatchObject({
      status: 'unchanged',
      skillId: skill.id,
      version: skill.versions[0]!.id
    })
    expect(claude.state.created).toHaveLength(1)
  })

  it('an overloaded API: retried within the budget, then exit 1 saying what to do with the request-id', async () => {
    claude.server.fault({ method: 'POST' }, { ...claudeFault(529, 'overloaded_error', 'Overloaded', { 'retry-after': '0' }), times: 9 })
    const run = await runCli(['publish', '--registry', 'claude', '--json', ...FAST_FLAGS], { cwd: repo().dir, env: env() })
    expect(run.code).toBe(1)
    const result = resultOf(cliJson(run.stdout).results, 'pdf-tools')
    expect(result.error).toMatch(/answered 529: Overloaded\. The API is overloaded right now/)
    expect(result.error).toContain('request-id req_fault_000001')
    // retries: 1 in FAST_FLAGS -> two attempts.
    expect(claude.server.requests.filter((req) => req.method === 'POST')).toHaveLength(2)
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })

  it('--version is refused for claude: the server assigns version ids', async () => {
    const run = await runCli(['publish', '--registry', 'claude', '--version', '1.0.0'], { cwd: repo().dir, env: env() })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/Input 'version' does not apply to registry 'claude'/)
  })
})
