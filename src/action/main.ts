// The GitHub face: inputs -> typed config -> the one pipeline -> outputs, annotations, job summary.
// This is the only place that talks to the runner (through ./runner.ts).
import { OPTIONS, parseConfig, runSkillpub, type RawOptions, type RunReport } from '../lib.js'
import { RULES } from '../core/rules/index.js'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { MAX_TEXT_CHARS, actionOutputs, outputsTruncated } from '../report/outputs.js'
import { clipText } from '../report/clip.js'
import { escapeHidden } from '../report/display.js'
import { renderJson } from '../report/json.js'
import { selectAnnotations } from '../report/annotations.js'
import { renderSummary } from '../report/summary.js'
import { renderSarif } from '../report/sarif.js'
import { failedResults, runFailed } from '../report/verdict.js'
import { VERSION } from '../version.js'
import { writeFileCreatingFolders } from '../core/write-file.js'
import { runnerContext } from './context.js'
import * as runner from './runner.js'

export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    const config = parseConfig(inputs, runnerContext(process.env, process.cwd()))
    if (config.registry.kind !== 'local') {
      // Imported only when a registry is configured: the HTTP stack is not needed to validate.
      const { secretsToMask } = await import('../registries/create.js')
      secretsToMask(config.registry).forEach((secret) => runner.setSecret(secret))
    }
    const report = await runner.group(`skillpub ${config.mode}`, () => runSkillpub(config, runner.log))
    await publishReport(report, inputs['sarif-file'])
    if (runFailed(report, config.failOn)) runner.setFailed(failureMessage(report))
  } catch (error) {
    runner.setFailed(error instanceof Error ? error.message : String(error))
  }
}

/** Every input, read once; a secret is masked the moment it is read. */
function readInputs(): RawOptions {
  const inputs: RawOptions = {}
  for (const option of OPTIONS) {
    const value = runner.getInput(option.name)
    if (option.secret && value) runner.setSecret(value)
    inputs[option.name] = value || undefined
  }
  return inputs
}

async function publishReport(report: RunReport, sarifFile: string | undefined): Promise<void> {
  const outputs = actionOutputs(report)
  // An output cut to GitHub's limits points at the whole report, kept in a file for a later step.
  if (outputsTruncated(outputs)) {
    outputs['report-file'] = path.join(process.env.RUNNER_TEMP || tmpdir(), 'skillpub-report.json')
    await writeFileCreatingFolders(outputs['report-file'], renderJson(report))
  }
  for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value)
  const { annotations, overflow } = selectAnnotations(report)
  annotations.forEach(runner.annotate)
  await runner.appendSummary(renderSummary(report, { overflow }))
  if (sarifFile) {
    await writeFileCreatingFolders(sarifFile, JSON.stringify(renderSarif(report, RULES, VERSION), null, 2))
    runner.setOutput('sarif-file', sarifFile)
  }
}

/** Failed skills named in the failure message; a run with thousands lists the rest in the summary. */
const MAX_FAILURE_LINES = 50

function failureMessage(report: RunReport): string {
  const failed = failedResults(report)
  if (failed.length === 0) return 'Validation found warnings and fail-on is warning.'
  const lines = failed.map((result) =>
    escapeHidden(`${clipText(result.name, 200)}: ${result.status}${result.error ? ` (${clipText(result.error, MAX_TEXT_CHARS)})` : ''}`)
  )
  const shown =
    lines.length > MAX_FAILURE_LINES
      ? [...lines.slice(0, MAX_FAILURE_LINES), `… and ${lines.length - MAX_FAILURE_LINES} more (see the job summary)`]
      : lines
  return `${failed.length} of ${report.results.length} skills failed:\n${shown.join('\n')}`
}
