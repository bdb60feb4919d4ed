// The GitHub face: inputs -> typed config -> the one pipeline -> outputs, annotations, job summary.
// This is the only place that talks to the runner (through @actions/core).
import * as core from '@actions/core'
import { OPTIONS, parseConfig, type RawOptions } from '../options.js'
import { runSkillpub } from '../pipeline.js'
import type { Logger, RunReport } from '../core/types.js'
import { RULES } from '../core/rules/index.js'
import { actionOutputs } from '../report/outputs.js'
import { selectAnnotations } from '../report/annotations.js'
import { renderSummary } from '../report/summary.js'
import { renderSarif } from '../report/sarif.js'
import { failedResults, runFailed } from '../report/verdict.js'
import { VERSION } from '../version.js'
import { writeFileCreatingFolders } from '../core/write-file.js'
import { runnerContext } from './context.js'

export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    const config = parseConfig(inputs, runnerContext(process.env, process.cwd()))
    if (config.registry.kind !== 'local') {
      // Imported only when a registry is configured: the HTTP stack is not needed to validate.
      const { secretsToMask } = await import('../registries/create.js')
      secretsToMask(config.registry).forEach((secret) => core.setSecret(secret))
    }
    const report = await runSkillpub(config, actionLogger)
    await publishReport(report, inputs['sarif-file'])
    if (runFailed(report, config.failOn)) core.setFailed(failureMessage(report))
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

/** Every input, read once; a secret is masked the moment it is read. */
function readInputs(): RawOptions {
  const inputs: RawOptions = {}
  for (const option of OPTIONS) {
    const value = core.getInput(option.name)
    if (option.secret && value) core.setSecret(value)
    inputs[option.name] = value || undefined
  }
  return inputs
}

async function publishReport(report: RunReport, sarifFile: string | undefined): Promise<void> {
  for (const [name, value] of Object.entries(actionOutputs(report))) core.setOutput(name, value)
  const { annotations, overflow } = selectAnnotations(report)
  for (const annotation of annotations) {
    const properties = { title: annotation.title, file: annotation.file, startLine: annotation.startLine, startColumn: annotation.startColumn }
    if (annotation.level === 'error') core.error(annotation.message, properties)
    else if (annotation.level === 'warning') core.warning(annotation.message, properties)
    else core.notice(annotation.message, properties)
  }
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderSummary(report, { overflow })).write()
  if (sarifFile) {
    await writeFileCreatingFolders(sarifFile, JSON.stringify(renderSarif(report, RULES, VERSION), null, 2))
    core.setOutput('sarif-file', sarifFile)
  }
}

function failureMessage(report: RunReport): string {
  const failed = failedResults(report)
  if (failed.length === 0) return 'Validation found warnings and fail-on is warning.'
  const lines = failed.map((result) => `${result.name}: ${result.status}${result.error ? ` (${result.error})` : ''}`)
  return `${failed.length} of ${report.results.length} skills failed:\n${lines.join('\n')}`
}

const actionLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  error: (message) => core.error(message)
}
