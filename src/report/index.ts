// The report step: pure renderers of a RunReport, one per place results are shown.

export { selectAnnotations, annotationLevel, ANNOTATIONS_PER_LEVEL } from './annotations.js'
export type { Annotation, AnnotationLevel } from './annotations.js'
export { formatWorkflowCommand } from './workflow-command.js'
export { renderSummary, DEFAULT_SUMMARY_MAX_BYTES, SUMMARY_BYTE_LIMIT } from './summary.js'
export type { SummaryOptions } from './summary.js'
export { renderSarif, SARIF_SCHEMA, FINGERPRINT_KEY } from './sarif.js'
export type { SarifLog, SarifRuleInput, SarifOptions } from './sarif.js'
export { renderText } from './text.js'
export type { TextOptions } from './text.js'
export { renderJson } from './json.js'
export { actionOutputs } from './outputs.js'
export { BUILT_IN_RULES, PUBLISH_FAILED_RULE, SKILL_INVALID_RULE, skillManifestPath } from './findings.js'
export {
  failedResults,
  publishedResults,
  runFailed,
  isFailing,
  isPublished,
  isValid,
  countByStatus,
  describeCounts,
  PUBLISHED_STATUSES
} from './verdict.js'
