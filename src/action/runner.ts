// What the action says to the runner, and nothing else: inputs from `INPUT_*` variables, outputs
// and the job summary through the files the runner names (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY),
// and workflow commands on stdout. The same contract @actions/core implements; we keep our own
// because @actions/core loads its HTTP stack (undici, for OIDC tokens we never ask for) at
// import, which was a third of the action's start-up (see the README's benchmark), and because
// the CLI's `--format github` already writes these commands (report/workflow-command.ts).

import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'
import type { Annotation } from '../report/annotations.js'
import { formatWorkflowCommand, workflowCommand } from '../report/workflow-command.js'

type Environment = Record<string, string | undefined>

/** An input as the runner passes it (`INPUT_<NAME>`, spaces as `_`), trimmed; '' when not set. */
export function getInput(name: string, env: Environment = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** From here on the runner writes `***` wherever the value would appear in the log. */
export function setSecret(value: string): void {
  issue(workflowCommand('add-mask', value))
}

/**
 * One output, in GITHUB_OUTPUT's multi-line form (`name<<delimiter`), with a random delimiter that
 * the value cannot end early.
 */
export function setOutput(name: string, value: string, env: Environment = process.env): void {
  const file = env.GITHUB_OUTPUT
  if (!file) {
    // Outside a runner (or on a very old one): the retired command still shows the value.
    issue(workflowCommand('set-output', value, [['name', name]]))
    return
  }
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`Output ${name} holds its own delimiter; refusing to write it.`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
}

/** Appends markdown to the job summary, when the runner gave a summary file. */
export function appendSummary(markdown: string, env: Environment = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY
  if (file) appendFileSync(file, markdown, 'utf8')
}

export function annotate(annotation: Annotation): void {
  issue(formatWorkflowCommand(annotation))
}

export const log = {
  debug: (message: string): void => issue(workflowCommand('debug', message)),
  info: (message: string): void => issue(message),
  warning: (message: string): void => issue(workflowCommand('warning', message)),
  error: (message: string): void => issue(workflowCommand('error', message))
}

/** The step fails when the process ends; the message is shown as an error. */
export function setFailed(message: string): void {
  process.exitCode = 1
  log.error(message)
}

function issue(line: string): void {
  process.stdout.write(line + EOL)
}
