import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appendSummary, getInput, setOutput } from '../../src/action/runner.js'
import { parseOutputFile } from '../support/runner.js'

function runnerFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'skillpub-runner-'))
  const env = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') }
  writeFileSync(env.GITHUB_OUTPUT, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY, '')
  return env
}

describe('the runner contract', () => {
  test('inputs: INPUT_<NAME> upper-cased, spaces as underscores, trimmed, empty when unset', () => {
    const env = { INPUT_MODE: '  publish \n', 'INPUT_FAIL-ON': 'warning', INPUT_MY_INPUT: 'x' }
    expect(getInput('mode', env)).toBe('publish')
    expect(getInput('fail-on', env)).toBe('warning')
    expect(getInput('my input', env)).toBe('x')
    expect(getInput('registry', env)).toBe('')
  })

  test('outputs: multi-line values survive, each under its own random delimiter', () => {
    const env = runnerFiles()
    setOutput('results', '[{"name":"a"}]', env)
    setOutput('notes', 'line one\nline two\n<<EOF', env)
    const text = readFileSync(env.GITHUB_OUTPUT, 'utf8')
    expect(parseOutputFile(text)).toEqual({ results: '[{"name":"a"}]', notes: 'line one\nline two\n<<EOF' })
    const delimiters = [...text.matchAll(/<<(ghadelimiter_[0-9a-f-]{36})$/gm)].map((m) => m[1])
    expect(new Set(delimiters).size).toBe(2)
  })

  test('the job summary is appended to, never replaced, and skipped without a summary file', () => {
    const env = runnerFiles()
    appendSummary('# one\n', env)
    appendSummary('# two\n', env)
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('# one\n# two\n')
    expect(() => appendSummary('# three\n', {})).not.toThrow()
  })
})
