// src/action/runner.ts over @actions/core: what it writes for the runner, read back as the runner
// reads it (GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, commands on stdout).
import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { annotate, appendSummary, getInput, log, neutralise, setOutput } from '../../src/action/runner.js'
import { parseOutputFile } from '../support/runner.js'
import { commandsObeyed } from '../support/runner-commands.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  jest.restoreAllMocks()
})

function runnerFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'skillpub-runner-'))
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') }
  writeFileSync(files.GITHUB_OUTPUT, '')
  writeFileSync(files.GITHUB_STEP_SUMMARY, '')
  Object.assign(process.env, files)
  return files
}

/** What the code under test writes to stdout, in order. */
function captureStdout(work: () => void): string {
  const lines: string[] = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk))
    return true
  })
  work()
  jest.restoreAllMocks()
  return lines.join('')
}

describe('the runner contract', () => {
  test('inputs: INPUT_<NAME> upper-cased, spaces as underscores, trimmed, empty when unset', () => {
    Object.assign(process.env, { INPUT_MODE: '  publish \n', 'INPUT_FAIL-ON': 'warning', INPUT_MY_INPUT: 'x' })
    delete process.env.INPUT_REGISTRY
    expect(getInput('mode')).toBe('publish')
    expect(getInput('fail-on')).toBe('warning')
    expect(getInput('my input')).toBe('x')
    expect(getInput('registry')).toBe('')
  })

  test('outputs: multi-line values survive, each under its own random delimiter', () => {
    const files = runnerFiles()
    setOutput('results', '[{"name":"a"}]')
    setOutput('notes', 'line one\nline two\n<<EOF')
    const text = readFileSync(files.GITHUB_OUTPUT, 'utf8')
    expect(parseOutputFile(text)).toEqual({ results: '[{"name":"a"}]', notes: 'line one\nline two\n<<EOF' })
    const delimiters = [...text.matchAll(/<<(ghadelimiter_[0-9a-f-]{36})$/gm)].map((m) => m[1])
    expect(new Set(delimiters).size).toBe(2)
  })

  test('the job summary is appended to, never replaced, and skipped without a summary file', async () => {
    const files = runnerFiles()
    await appendSummary('# one\n')
    await appendSummary('# two\n')
    expect(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')).toBe('# one\n# two\n')
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(appendSummary('# three\n')).resolves.toBeUndefined()
  })

  test('annotations carry their file, line, column and title', () => {
    const out = captureStdout(() =>
      annotate({
        level: 'warning',
        message: 'bad: name\nsecond line',
        title: 'spec/name (a,b)',
        file: 'a/SKILL.md',
        startLine: 3,
        startColumn: 7
      })
    )
    expect(commandsObeyed(out)).toEqual([
      {
        command: 'warning',
        properties: { title: 'spec/name (a,b)', file: 'a/SKILL.md', line: '3', col: '7' },
        data: 'bad: name\nsecond line'
      }
    ])
  })
})

describe('log lines with outside text obey nothing', () => {
  const hostile = [
    'job x\n::add-mask::INJECTED',
    '   ::warning title=t::INJECTED',
    'status: ##[add-mask]INJECTED',
    'tab\t\r::error::INJECTED',
    '::stop-commands::guess\n::add-mask::INJECTED'
  ]

  test.each(hostile)('%j is shown and not obeyed, and our own commands after it still are', (text) => {
    const out = captureStdout(() => {
      log.info(text)
      log.warning('ours')
    })
    expect(commandsObeyed(out)).toEqual([{ command: 'warning', properties: {}, data: 'ours' }])
    // The reader still sees the text as it was.
    expect(out).toContain(text.split(/\r|\n/).pop())
  })

  test('debug, warning and error keep outside text inside their own command', () => {
    const out = captureStdout(() => {
      log.debug('a\n::add-mask::INJECTED')
      log.warning('b\n::add-mask::INJECTED')
      log.error('c\r##[add-mask]INJECTED')
    })
    expect(commandsObeyed(out).map((command) => command.command)).toEqual(['debug', 'warning', 'error'])
  })

  test('a line without command syntax is written as it is', () => {
    expect(captureStdout(() => neutralise('Publishing a 1.0.0 to https://x.example'))).toBe('Publishing a 1.0.0 to https://x.example\n')
  })

  test('each wrapped line gets its own token', () => {
    const out = captureStdout(() => {
      neutralise('::a::')
      neutralise('::b::')
    })
    const tokens = [...out.matchAll(/^::stop-commands::(.+)$/gm)].map((match) => match[1])
    expect(tokens).toHaveLength(2)
    expect(new Set(tokens).size).toBe(2)
  })
})
