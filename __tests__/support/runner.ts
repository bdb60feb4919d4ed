// Runs the bundled faces the way their users do: the action as the runner starts it
// (INPUT_* variables, an event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files),
// the CLI as a process with argv. Nothing is imported from src/: these test what ships.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..')
const ACTION_BUNDLE = path.join(ROOT, 'dist/index.js')
export const CLI_BUNDLE = path.join(ROOT, 'dist/cli/index.js')

interface Annotation {
  level: string
  properties: Record<string, string>
  message: string
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  annotations: Annotation[]
  /** Every file the run wrote for the runner, for secret scans. */
  written: string
}

export interface ActionOptions {
  cwd: string
  inputs: Record<string, string>
  eventName?: string
  payload?: Record<string, unknown>
  env?: Record<string, string>
}

interface ProcessResult {
  code: number
  stdout: string
  stderr: string
}

function runNode(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** A clean environment: the test's process env would leak tokens and GITHUB_* of the outer CI. */
function baseEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' }
}

export async function runAction(options: ActionOptions): Promise<ActionRun> {
  const runnerDir = await mkdtemp(path.join(tmpdir(), 'skillpub-runner-'))
  const files = {
    output: path.join(runnerDir, 'output'),
    summary: path.join(runnerDir, 'summary.md'),
    event: path.join(runnerDir, 'event.json')
  }
  await writeFile(files.output, '')
  await writeFile(files.summary, '')
  await writeFile(files.event, JSON.stringify(options.payload ?? {}))
  const inputs = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])
  )
  const env = {
    ...baseEnv(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.cwd,
    GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'acme/skills',
    RUNNER_TEMP: runnerDir,
    ...inputs,
    ...options.env
  }
  const result = await runNode(ACTION_BUNDLE, [], options.cwd, env)
  const outputText = await readFile(files.output, 'utf8')
  const summary = await readFile(files.summary, 'utf8')
  return {
    ...result,
    outputs: parseOutputFile(outputText),
    summary,
    annotations: parseAnnotations(result.stdout),
    written: [result.stdout, result.stderr, outputText, summary].join('\n')
  }
}

export async function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<ProcessResult> {
  return runNode(CLI_BUNDLE, args, options.cwd, { ...baseEnv(), ...options.env })
}

/** GITHUB_OUTPUT holds `name<<delimiter\nvalue\ndelimiter` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const [, name, delimiter] = match
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i])
    outputs[name] = value.join('\n')
  }
  return outputs
}

const unescapeData = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeProperty = (text: string) => unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',')

/** `::error file=a,line=3,col=1,title=t::message` workflow commands on stdout. */
function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=')
      properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
    }
    annotations.push({ level: match[1], properties, message: unescapeData(match[3]) })
  }
  return annotations
}
