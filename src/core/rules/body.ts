// Body guidance the reference validator does not check: length, and relative file references
// that point at nothing or outside the skill (the packaged skill would not carry them).
import path from 'node:path'
import type { SourcePosition } from '../skillmd.js'
import type { Finding, Rule, RuleContext } from './types.js'

const MAX_BODY_LINES = 500

interface Reference {
  target: string
  at: SourcePosition
}

// [text](target "title"), ![alt](<target with spaces>), and [id]: target definitions.
const INLINE_LINK = /!?\[[^\]\n]*\]\(\s*(<[^>\n]+>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g
const DEFINITION = /^\s{0,3}\[[^\]\n]+\]:\s*(<[^>\n]+>|\S+)/
// `scripts/run.py` in inline code: only paths under the spec's own folders or explicitly relative.
const CODE_PATH = /`((?:\.{1,2}\/|scripts\/|references\/|assets\/)[^`\s]+)`/g
const FENCE_OPEN = /^\s{0,3}(`{3,}|~{3,})/

/** Relative file references in the body, outside fenced code blocks, with their positions. */
function bodyReferences(body: string, bodyLine: number): Reference[] {
  const references: Reference[] = []
  // Cheap pre-test: most lines of a long body hold no link or code span at all.
  const mayRefer = (line: string) => line.includes('](') || line.includes(']:') || line.includes('`')
  let fence: string | undefined
  body.split('\n').forEach((line, index) => {
    const opener = FENCE_OPEN.exec(line)?.[1]
    if (fence) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = undefined
      return
    }
    if (opener) {
      fence = opener
      return
    }
    if (!mayRefer(line)) return
    const found = (raw: string, offset: number) => {
      const target = raw.startsWith('<') ? raw.slice(1, -1) : raw
      references.push({ target, at: { line: bodyLine + index, column: offset + 1 } })
    }
    for (const match of line.matchAll(INLINE_LINK)) found(match[1]!, match.index! + match[0].indexOf(match[1]!, match[0].indexOf('](') + 2))
    const definition = DEFINITION.exec(line)
    if (definition) found(definition[1]!, line.indexOf(definition[1]!))
    for (const match of line.matchAll(CODE_PATH)) found(match[1]!, match.index! + 1)
  })
  return references
}

type Verdict = { kind: 'outside' | 'missing'; path: string } | undefined

/** Judge one reference: URLs, anchors and templated paths are not files of the skill. */
function judgeReference(target: string, fileExists: RuleContext['fileExists']): Verdict {
  if (target === '' || target.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return undefined
  if (/[{}$]/.test(target)) return undefined
  let cleaned = target.replace(/[?#].*$/, '')
  try {
    cleaned = decodeURIComponent(cleaned)
  } catch {
    // A stray % is part of the file name, not an escape.
  }
  if (cleaned === '') return undefined
  if (cleaned.startsWith('/') || /^[a-z]:[\\/]/i.test(cleaned)) return { kind: 'outside', path: cleaned }
  const normalised = path.posix.normalize(cleaned.replace(/\\/g, '/')).replace(/\/$/, '')
  if (normalised === '..' || normalised.startsWith('../')) return { kind: 'outside', path: cleaned }
  if (normalised === '.' || fileExists(normalised)) return undefined
  return { kind: 'missing', path: normalised }
}

// Two rules read the same references: scan each body once.
const scanned = new WeakMap<object, Reference[]>()
function referencesOf(manifest: RuleContext['manifest']): Reference[] {
  let references = scanned.get(manifest)
  if (!references) scanned.set(manifest, (references = bodyReferences(manifest.body, manifest.bodyLine)))
  return references
}

function referenceFindings(context: RuleContext, kind: 'outside' | 'missing'): Finding[] {
  const { manifest } = context
  return referencesOf(manifest).flatMap((reference) => {
    const verdict = judgeReference(reference.target, context.fileExists)
    if (verdict?.kind !== kind) return []
    const message =
      kind === 'outside'
        ? `The body refers to ${reference.target}, which is outside the skill folder: a published skill carries only its own folder. Copy the file into the skill and link it relatively.`
        : `The body refers to ${reference.target}, but the skill has no file ${verdict.path}: add it or fix the link.`
    return [{ message, at: reference.at }]
  })
}

export const BODY_RULES: Rule[] = [
  {
    id: 'spec/body-too-long',
    severity: 'warning',
    profiles: 'all',
    summary: `SKILL.md body is longer than ${MAX_BODY_LINES} lines.`,
    needs: 'nothing',
    check: ({ manifest }) => {
      const lines = manifest.body.replace(/\n+$/, '').split('\n').length
      if (lines <= MAX_BODY_LINES) return []
      return [
        {
          message: `The SKILL.md body has ${lines} lines; keep it under ${MAX_BODY_LINES} (agents load it whole) and move details into references/ files it links to.`,
          at: { line: manifest.bodyLine + MAX_BODY_LINES, column: 1 }
        }
      ]
    }
  },
  {
    id: 'spec/file-reference-missing',
    severity: 'warning',
    profiles: 'all',
    summary: 'The body links to a relative file that is not in the skill.',
    needs: 'nothing',
    check: (context) => referenceFindings(context, 'missing')
  },
  {
    id: 'spec/file-reference-outside',
    severity: 'warning',
    profiles: 'all',
    summary: 'The body links to a file outside the skill folder.',
    needs: 'nothing',
    check: (context) => referenceFindings(context, 'outside')
  }
]
