// Outside text that reads as runner commands, fed to the bundled action from the event and from a
// registry's answers: the runner must obey none of it, and the action's own commands around it
// must still work. stdout is read back as the runner reads it (support/runner-commands.ts).
import { runAction } from '../support/runner.js'
import { commandsObeyed, type ObeyedCommand } from '../support/runner-commands.js'
import { createExampleRepo } from '../support/repo.js'
import { FAST, createSkillsRepo } from '../support/registry-runs.js'
import { startFastSkillServer, type FastSkillServer } from '../servers/index.js'

const INJECTED = 'INJECTED'
const HOSTILE = `x\n::add-mask::${INJECTED}\n::warning title=hostile::${INJECTED}\n##[add-mask]${INJECTED}\n::stop-commands::${INJECTED}`

/** Commands that hostile text made the runner obey (ours may quote it inside their own data). */
function injected(commands: ObeyedCommand[]): ObeyedCommand[] {
  return commands.filter(
    (command) =>
      command.data === INJECTED ||
      command.properties.title === 'hostile' ||
      (command.command === 'add-mask' && command.data.includes(INJECTED))
  )
}

describe('runner commands in outside text', () => {
  it('a branch name from the push event is shown, not obeyed', async () => {
    const repo = createExampleRepo()
    const payload = { ref: `refs/heads/${HOSTILE}`, before: '0'.repeat(40), after: repo.git('rev-parse', 'HEAD') }
    const run = await runAction({ cwd: repo.dir, eventName: 'push', payload, inputs: { mode: 'validate', 'fail-on': 'warning' } })
    const commands = commandsObeyed(run.stdout)
    expect(run.stdout).toContain(`::add-mask::${INJECTED}`)
    expect(injected(commands)).toEqual([])
    // The action's own commands after the hostile line still reach the runner.
    expect(commands.map((command) => command.command)).toContain('endgroup')
  })

  describe('a registry that answers with runner commands', () => {
    let fastskill: FastSkillServer
    beforeEach(async () => {
      fastskill = await startFastSkillServer()
    })
    afterEach(() => fastskill.server.close())

    it('shows its job id and status message, and obeys neither', async () => {
      const repo = createSkillsRepo({ alpha: '1.0.0' })
      fastskill.server.fault(
        { method: 'POST', path: /\/publish$/ },
        {
          kind: 'status',
          status: 200,
          body: JSON.stringify({ success: true, data: { jobId: HOSTILE, status: 'pending', message: HOSTILE } }),
          headers: { 'content-type': 'application/json' }
        }
      )
      fastskill.server.fault(
        { method: 'GET', path: /\/status\// },
        {
          kind: 'status',
          status: 200,
          times: Infinity,
          body: JSON.stringify({
            success: true,
            data: { jobId: HOSTILE, status: 'rejected', message: HOSTILE, validationErrors: [HOSTILE] }
          }),
          headers: { 'content-type': 'application/json' }
        }
      )
      const token = fastskill.state.token('acme/alice')
      const run = await runAction({
        cwd: repo.dir,
        inputs: { mode: 'publish', registry: 'fastskill', target: fastskill.server.url, token, 'changed-only': 'false', ...FAST }
      })
      const commands = commandsObeyed(run.stdout)
      expect(run.stdout).toContain(`::add-mask::${INJECTED}`)
      expect(injected(commands)).toEqual([])
      // The token's mask, sent first, and the failure, sent last, are obeyed.
      const masks = commands.filter((command) => command.command === 'add-mask')
      expect(masks.length).toBeGreaterThan(0)
      expect(masks.every((command) => command.data === token)).toBe(true)
      expect(commands.at(-1)?.command).toBe('error')
      expect(run.code).toBe(1)
    })
  })
})
