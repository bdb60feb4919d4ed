// GitHub's own local runner for actions, @github/local-action, runs src/main.ts's run() with
// @actions/core and @actions/github stubbed, and reports the outputs the action set through the
// toolkit. Run on the example skills in the two modes CI runs it in (no network needed).
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..')
const LOCAL_ACTION = path.join(ROOT, 'node_modules/@github/local-action/bin/local-action.js')

/** The "Action Outputs" table local-action prints: one `│ i │ 'name' │ 'value' │` row per output. */
function reportedOutputs(stdout: string): Record<string, string> {
  const table = stdout.slice(stdout.lastIndexOf('Action Outputs'))
  const outputs: Record<string, string> = {}
  for (const match of table.matchAll(/^│\s*\d+\s*│\s*'([^']+)'\s*│\s*'(.*)'\s*│$/gm)) outputs[match[1]!] = match[2]!
  return outputs
}

function localAction(inputs: Record<string, string>): Promise<{ code: number; stdout: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpub-local-action-'))
  const envFile = path.join(dir, '.env')
  writeFileSync(
    envFile,
    Object.entries(inputs)
      .map(([name, value]) => `INPUT_${name.toUpperCase()}=${value}\n`)
      .join('')
  )
  // A clean environment: the outer CI's GITHUB_* would become the action's context.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [LOCAL_ACTION, '.', 'src/main.ts', envFile],
      { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout })
    )
  })
}

const EXAMPLES = ['commit-message-writer', 'csv-summary', 'release-notes']

describe('@github/local-action', () => {
  it('runs the action in validate mode and reports its outputs', async () => {
    const run = await localAction({ mode: 'validate', paths: 'examples/skills' })
    expect(run.stdout).not.toContain('No outputs were set!')
    const outputs = reportedOutputs(run.stdout)
    expect(outputs.valid).toBe('true')
    expect(outputs['changed-count']).toBe('3')
    expect(JSON.parse(outputs.failed ?? 'null')).toEqual([])
    expect(run.code).toBe(0)
  }, 300_000)

  it('runs the action publishing to a folder and reports what it published', async () => {
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'skillpub-local-action-registry-')), 'registry')
    const run = await localAction({ mode: 'publish', paths: 'examples/skills', target })
    const outputs = reportedOutputs(run.stdout)
    expect(JSON.parse(outputs.published ?? 'null')).toEqual(EXAMPLES)
    // FastSkill's registry index, one file per skill under its scope.
    expect(
      readdirSync(path.join(target, 'index'), { recursive: true }).filter((file) => EXAMPLES.some((name) => String(file).endsWith(name)))
    ).toHaveLength(3)
    expect(readdirSync(target).filter((file) => file.endsWith('.zip'))).toHaveLength(3)
    expect(run.code).toBe(0)
  }, 300_000)
})
