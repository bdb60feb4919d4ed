// What the action says to the runner, through @actions/core: inputs, outputs, masks, annotations,
// the job summary, log groups and the step's failure. Two things are skillpub's own on top:
// - every log line is neutralised before the runner reads it (`neutralise` below): log lines
//   carry outside text (refs from the event, registry answers, file names), and a line that
//   reads as `::add-mask::` or `::warning` would otherwise be obeyed;
// - the summary arrives already cut to its byte budget and the annotations already chosen
//   (src/report/summary.ts, annotations.ts), because the toolkit does neither.

import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import type { Logger } from '../core/types.js'
import type { Annotation } from '../report/annotations.js'
import { mayHoldRunnerCommand } from '../report/workflow-command.js'

/** An input as the runner passes it (`INPUT_<NAME>`), trimmed; '' when not set. */
export function getInput(name: string): string {
  // Said explicitly: @github/local-action's stand-in trims only when asked.
  return core.getInput(name, { trimWhitespace: true })
}

/** From here on the runner writes `***` wherever the value would appear in the log. */
export function setSecret(value: string): void {
  core.setSecret(value)
}

/** One output (GITHUB_OUTPUT's multi-line form, under a random delimiter the value cannot end). */
export function setOutput(name: string, value: string): void {
  core.setOutput(name, value)
}

/** Appends markdown to the job summary, when the runner gave a summary file. */
export async function appendSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(markdown).write()
  core.summary.emptyBuffer()
}

export function annotate(annotation: Annotation): void {
  const properties: core.AnnotationProperties = {
    title: annotation.title,
    file: annotation.file,
    startLine: annotation.startLine,
    startColumn: annotation.startColumn
  }
  const send = { error: core.error, warning: core.warning, notice: core.notice }[annotation.level]
  send(annotation.message, properties)
}

/** Runs `work` with its log lines folded under `title` (our own words, never outside text). */
export function group<T>(title: string, work: () => Promise<T>): Promise<T> {
  return core.group(title, work)
}

/**
 * Writes a log line so that the runner shows it and obeys nothing in it. The runner reads a
 * command from a line that starts with `::` after leading blanks, and from `##[` anywhere in a
 * line (actions/runner, ActionCommand.cs); such a line is wrapped in `::stop-commands::` with a
 * token drawn after the text was written, which the text therefore cannot hold. Other lines,
 * nearly all of them, are written as they are.
 */
export function neutralise(message: string): void {
  if (!mayHoldRunnerCommand(message)) {
    core.info(message)
    return
  }
  const token = `skillpub-${randomUUID()}`
  core.info(`::stop-commands::${token}`)
  core.info(message)
  core.info(`::${token}::`)
}

// debug, warning and error are workflow commands themselves: @actions/core escapes CR and LF in
// their text, so the text stays inside the command and cannot start one of its own.
export const log: Logger = {
  debug: (message) => core.debug(message),
  info: neutralise,
  warning: (message) => core.warning(message),
  error: (message) => core.error(message)
}

/** The step fails when the process ends; the message is shown as an error. */
export function setFailed(message: string): void {
  core.setFailed(message)
}
