// A hostile registry against the bundled action, as a runner starts it: it echoes the token in a
// status message and across the cut of an error excerpt, redirects a status poll to another port,
// and reads an upload without ever answering. No token (nor any part of it) reaches stdout,
// stderr, outputs or the summary; the other port never sees credentials; the hang is cut off.
import { runAction } from '../support/runner.js'
import { redirectToOrigin, startFastSkillServer, startServer, type FastSkillServer, type TestServer } from '../servers/index.js'
import { FAST, actionResults, createSkillsRepo, resultOf, writtenWithoutMaskCommands } from '../support/registry-runs.js'

let fastskill: FastSkillServer
let other: TestServer
let token: string

beforeEach(async () => {
  fastskill = await startFastSkillServer()
  other = await startServer((_req, res) => res.json(200, { success: true, data: { jobId: 'x', status: 'accepted' } }))
  token = fastskill.state.token('acme/alice')
})
afterEach(async () => {
  await fastskill.server.close()
  await other.close()
})

const publish = () =>
  runAction({
    cwd: createSkillsRepo({ 'pdf-tools': '1.0.0' }).dir,
    inputs: { mode: 'publish', registry: 'fastskill', target: fastskill.server.url, token, ...FAST }
  })
const STATUS = /\/publish\/status\//

it('a status message echoing the token (with runner commands in it) reaches no output', async () => {
  const echo = { success: true, data: { jobId: 'j', status: 'accepted', message: `stored for ${token}\n::warning::${token}` } }
  fastskill.server.fault({ path: STATUS }, { kind: 'status', status: 200, body: JSON.stringify(echo), times: Infinity })
  const run = await publish()
  expect(resultOf(actionResults(run), 'pdf-tools').status).toBe('accepted')
  expect(run.outputs.results).toContain('stored for ***')
  expect(writtenWithoutMaskCommands(run)).not.toContain(token)
})

it('an error body echoing the token across the excerpt cut shows no fragment of it', async () => {
  fastskill.server.fault(
    { method: 'POST' },
    { kind: 'status', status: 400, body: `${'e'.repeat(150)}${token}${'e'.repeat(300)}`, times: Infinity }
  )
  const run = await publish()
  expect(run.code).toBe(1)
  expect(resultOf(actionResults(run), 'pdf-tools').error).toMatch(/eeee/)
  expect(writtenWithoutMaskCommands(run)).not.toContain(token.slice(0, 12))
})

it('a status poll redirected to another port carries no credentials there', async () => {
  redirectToOrigin(fastskill.server, other.url, { path: STATUS }, 302)
  const run = await publish()
  expect(other.requests.length).toBeGreaterThan(0)
  for (const req of other.requests) expect(req.headers.authorization).toBeUndefined()
  expect(writtenWithoutMaskCommands(run)).not.toContain(token)
})

it('a registry that reads the upload and never answers is cut off at four times the request timeout', async () => {
  fastskill.server.fault({ method: 'POST' }, { kind: 'slow', delayMs: 600_000, times: Infinity })
  const run = await runAction({
    cwd: createSkillsRepo({ 'pdf-tools': '1.0.0' }).dir,
    inputs: { mode: 'publish', registry: 'fastskill', target: fastskill.server.url, token, ...FAST, 'request-timeout': '0.5', retries: '0' }
  })
  expect(run.code).toBe(1)
  expect(resultOf(actionResults(run), 'pdf-tools').error).toMatch(/no answer within 2 s \(timed out\)/)
})
