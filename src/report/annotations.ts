// Annotations for a run: one per diagnostic, on the line of SKILL.md it is about. GitHub shows
// at most 10 of each level per step and drops the rest silently, so we choose which ones
// (errors first, in file/line order) and hand the others back for the job summary.

import type { Diagnostic, RunReport, Severity } from '../core/types.js'
import { clipText } from './clip.js'
import { escapeHidden } from './display.js'
import { collectFindings } from './findings.js'

// The CLI's `--format github` prints what this module selects; one import serves both.
export { formatWorkflowCommand } from './workflow-command.js'

type AnnotationLevel = 'error' | 'warning' | 'notice'

export interface Annotation {
  level: AnnotationLevel
  message: string
  /** Rule id and skill, e.g. `spec/name-format (my-skill)`. */
  title: string
  /** Repository-relative path, `/` separators. */
  file: string
  startLine: number
  startColumn: number
}

/** GitHub's own cap per level and step. */
const ANNOTATIONS_PER_LEVEL = 10

// An annotation is a glance, not a document: a registry that answers with pages of text
// would otherwise fill the log. The summary keeps the whole message.
const MAX_ANNOTATION_MESSAGE_CHARS = 4000

const LEVEL_OF: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', note: 'notice' }

export function selectAnnotations(
  report: RunReport,
  limitPerLevel: number = ANNOTATIONS_PER_LEVEL
): { annotations: Annotation[]; overflow: Diagnostic[] } {
  const annotations: Annotation[] = []
  const overflow: Diagnostic[] = []
  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  for (const { diagnostic, skill } of collectFindings(report)) {
    const level = LEVEL_OF[diagnostic.severity]
    if (used[level] >= limitPerLevel) {
      overflow.push(diagnostic)
      continue
    }
    used[level] += 1
    annotations.push({
      level,
      message: escapeHidden(clipText(diagnostic.message, MAX_ANNOTATION_MESSAGE_CHARS)),
      title: escapeHidden(`${diagnostic.ruleId} (${skill})`),
      file: diagnostic.file,
      // GitHub drops a position of 0; the start of the file is the honest fallback.
      startLine: Math.max(1, Math.trunc(diagnostic.line) || 1),
      startColumn: Math.max(1, Math.trunc(diagnostic.column) || 1)
    })
  }
  return { annotations, overflow }
}
