// Reading SKILL.md: frontmatter, body and source positions, with every parse problem turned into
// a diagnostic instead of an exception, so one broken skill never stops a run.
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync
} from 'node:fs'
import { isUtf8 } from 'node:buffer'
import path from 'node:path'
import { isAlias, isCollection, isMap, isNode, isScalar, LineCounter, parseDocument, visit } from 'yaml'
import type { Document, Node as YamlNode } from 'yaml'
import type { Diagnostic, Severity, SkillLocation } from './types.js'

/** SKILL.md bigger than this is read only up to here (Artifactory indexes no more than this either). */
export const MAX_SKILL_MD_BYTES = 5 * 1024 * 1024

/** A 1-based place in SKILL.md. */
export interface SourcePosition {
  line: number
  column: number
}

/** Where a frontmatter key and its value are written; `value` is absent for an empty value. */
interface FieldPosition {
  key: SourcePosition
  value?: SourcePosition
}

/** YAML features the reference validator's parser (strictyaml) refuses although YAML allows them. */
interface StrictYamlFeature {
  kind: 'flow' | 'tag' | 'anchor' | 'alias'
  position: SourcePosition
}

export interface SkillManifest {
  location: SkillLocation
  /** Repository-relative path of SKILL.md, `/` separators. */
  file: string
  /** Size of SKILL.md on disk in bytes (of the text given, for parsed strings). */
  size: number
  /**
   * The frontmatter as YAML 1.2 reads it (what registries and most tools see): `version: 1.0`
   * is the number 1 here. Absent when there is no usable frontmatter.
   */
  frontmatter?: Record<string, unknown>
  /**
   * The same frontmatter with every scalar kept as written (`version: 1.0` is the string "1.0",
   * an empty value is ""), which is how the reference validator (strictyaml) reads it.
   */
  frontmatterText?: Record<string, unknown>
  /** Top-level keys by name, nested metadata keys as `metadata.<key>`. */
  positions: Record<string, FieldPosition>
  strictYamlFeatures: StrictYamlFeature[]
  /** Markdown after the closing `---` (the whole text when there is no frontmatter). */
  body: string
  /** 1-based line of SKILL.md where `body` starts. */
  bodyLine: number
  /** Problems reading or parsing the file (rule ids `skillmd/...`). */
  diagnostics: Diagnostic[]
}

export interface ParseOptions {
  /** Defaults to the folder of `file` (relative), which is enough for pure parsing in tests. */
  location?: SkillLocation
  /** Real size on disk when `input` is only the first part of a larger file. */
  size?: number
}

/** Parse problems: ids are stable (SARIF and docs list them), severities fixed per id. */
export const PARSE_RULES = [
  { id: 'skillmd/unreadable', severity: 'error', summary: 'SKILL.md cannot be read (broken symlink, permissions).' },
  { id: 'skillmd/not-a-file', severity: 'error', summary: 'SKILL.md is a folder or another non-file.' },
  { id: 'skillmd/too-large', severity: 'warning', summary: 'SKILL.md is over 5 MB; only its first 5 MB are read.' },
  { id: 'skillmd/encoding', severity: 'error', summary: 'SKILL.md is not valid UTF-8.' },
  { id: 'skillmd/bom', severity: 'error', summary: 'SKILL.md starts with a byte order mark, which the reference validator rejects.' },
  { id: 'skillmd/empty', severity: 'error', summary: 'SKILL.md is empty.' },
  { id: 'skillmd/frontmatter-missing', severity: 'error', summary: 'SKILL.md does not start with a --- frontmatter line.' },
  { id: 'skillmd/frontmatter-unclosed', severity: 'error', summary: 'The frontmatter has no closing --- line.' },
  { id: 'skillmd/yaml-invalid', severity: 'error', summary: 'The frontmatter is not valid YAML.' },
  { id: 'skillmd/frontmatter-not-mapping', severity: 'error', summary: 'The frontmatter is not a YAML mapping of keys to values.' },
  { id: 'skillmd/duplicate-key', severity: 'error', summary: 'A frontmatter key appears twice, at the top or in a nested mapping.' },
  {
    id: 'skillmd/control-character',
    severity: 'error',
    summary: 'The frontmatter holds a control character (C0 other than tab, LF and CR, or DEL), which YAML forbids.'
  },
  { id: 'skillmd/wrong-file-name', severity: 'error', summary: 'The skill file is named skill.md (or another casing), not SKILL.md.' },
  {
    id: 'skillmd/link-outside',
    severity: 'error',
    summary: 'The skill folder, or SKILL.md, is a symbolic link (or reached through one) that leads outside the repository or the skill.'
  }
] as const satisfies ReadonlyArray<{ id: string; severity: Severity; summary: string }>

type ParseRuleId = (typeof PARSE_RULES)[number]['id']

const SEVERITY_OF = new Map<string, Severity>(PARSE_RULES.map((rule) => [rule.id, rule.severity]))
const TOP = { line: 1, column: 1 }
const FENCE = /^---[ \t]*$/
const UTF8_BOM = [0xef, 0xbb, 0xbf]

/**
 * Read and parse `<location>/SKILL.md`. Never throws for a bad file: a folder named SKILL.md, a
 * broken symlink, unreadable bytes and oversized files all come back as diagnostics.
 */
export async function readSkillManifest(location: SkillLocation, root: string): Promise<SkillManifest> {
  const file = repoRelativeSkillFile(location, root)
  const absolute = path.join(location.dir, 'SKILL.md')
  const failed = (ruleId: ParseRuleId, message: string, where = file): SkillManifest => ({
    ...emptyManifest(location, file, 0),
    diagnostics: [diagnostic(ruleId, message, where, TOP)]
  })

  if (location.misnamedSkillFile !== undefined) {
    const misnamed = path.posix.join(path.posix.dirname(file), location.misnamedSkillFile)
    return failed(
      'skillmd/wrong-file-name',
      `Missing required file: SKILL.md. Found ${misnamed}: the file must be named SKILL.md in capitals (registries, gh skill and case-sensitive file systems look for that name); rename it to SKILL.md.`,
      misnamed
    )
  }
  const escape = linkLeavingRepository(location, root)
  if (escape) return failed('skillmd/link-outside', escape)

  // One open, fstat and read. Synchronous on purpose: for the many small files of a repository,
  // libuv's thread-pool round trips cost several times the reads themselves (measured 10x on
  // 10,000 SKILL.md files), and nothing else runs while skills are being read.
  let head: FileHead
  try {
    head = readFileHead(absolute, MAX_SKILL_MD_BYTES)
  } catch (error) {
    // As before the single read: stat decides between "missing", "not a file" and "not readable".
    let info
    try {
      info = statSync(absolute)
    } catch (statError) {
      const isLink = (() => {
        try {
          return lstatSync(absolute).isSymbolicLink()
        } catch {
          return false
        }
      })()
      if (isLink)
        return failed(
          'skillmd/unreadable',
          `${file} is a symbolic link whose target does not exist: point it at a file or replace it with the file itself.`
        )
      return failed('skillmd/unreadable', `${file} cannot be read (${errorCode(statError)}): check that it exists and is readable.`)
    }
    if (!info.isFile()) return notAFile(info.isDirectory())
    return failed('skillmd/unreadable', `${file} cannot be read (${errorCode(error)}): check that it is readable.`)
  }
  if (head === 'folder' || head === 'special') return notAFile(head === 'folder')
  return parseSkillMarkdown(head.bytes, file, { location, size: head.size })

  function notAFile(isFolder: boolean): SkillManifest {
    return failed(
      'skillmd/not-a-file',
      `${file} is not a regular file (it is a ${isFolder ? 'folder' : 'special file'}): a skill needs a SKILL.md file.`
    )
  }
}

/**
 * Why reading this skill would leave the repository, naming the link, or undefined when it stays
 * inside: the skill folder (or a folder above it) is a symbolic link whose target lies outside
 * the repository, or SKILL.md is a link whose target lies outside the skill folder (the package
 * walk refuses such a file too, so validation says so first).
 */
function linkLeavingRepository(location: SkillLocation, root: string): string | undefined {
  const realRoot = realPathOr(path.resolve(root))
  const realDir = realPathOr(location.dir)
  // Only a folder written inside the repository can leave it through a link; the unpacked copies
  // of pre-built packages live in a temporary folder of skillpub's own.
  const linkedOut = isInside(path.resolve(root), path.resolve(location.dir)) && realRoot !== undefined && realDir !== undefined
  if (linkedOut && !isInside(realRoot, realDir)) {
    const link = firstLink(path.resolve(root), location.dir) ?? location.path
    return `The skill folder ${location.path} is reached through the symbolic link ${link} -> ${readLinkOr(path.join(root, link))}, which leads outside the repository: skillpub never reads or publishes files from outside it. Copy the skill into the repository instead of linking to it.`
  }
  const skillFile = path.join(location.dir, 'SKILL.md')
  let isLink: boolean
  try {
    isLink = lstatSync(skillFile).isSymbolicLink()
  } catch {
    return undefined // missing or unreadable: reported when read
  }
  if (!isLink) return undefined
  const target = realPathOr(skillFile)
  if (target === undefined || realDir === undefined || isInside(realDir, target)) return undefined // a dangling link is reported when read
  const shown = location.path === '.' ? 'SKILL.md' : `${location.path}/SKILL.md`
  return `${shown} is a symbolic link to ${readLinkOr(skillFile)}, outside the skill folder: the package would not hold it, and skillpub never reads files from outside the skill. Replace the link with the file itself.`
}

function realPathOr(file: string): string | undefined {
  try {
    return realpathSync.native(file)
  } catch {
    return undefined
  }
}

function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target)
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
}

/** The first folder from `root` down to `dir` that is a symbolic link, relative to root with `/`. */
function firstLink(root: string, dir: string): string | undefined {
  const parts = path.relative(root, dir).split(path.sep)
  for (let index = 1; index <= parts.length; index++) {
    const relative = parts.slice(0, index).join('/')
    try {
      if (lstatSync(path.join(root, ...parts.slice(0, index))).isSymbolicLink()) return relative
    } catch {
      return undefined
    }
  }
  return undefined
}

function readLinkOr(link: string): string {
  try {
    return readlinkSync(link)
  } catch {
    return '?'
  }
}

/** What the duplicate-name check needs of a skill: its name as `manifestName` gives it, and where it is written. */
export interface SkillName {
  location: SkillLocation
  /** Repository-relative path of SKILL.md, `/` separators. */
  file: string
  /** `manifestName` of the parsed SKILL.md: undefined when there is no usable string name. */
  name?: string
  /** `positionOf(manifest, 'name')`. */
  at: SourcePosition
}

/** Bytes read for a name-only look: far more than any real frontmatter, one read either way. */
export const NAME_HEAD_BYTES = 16 * 1024

export function skillNameOf(manifest: SkillManifest): SkillName {
  return { location: manifest.location, file: manifest.file, name: manifestName(manifest), at: positionOf(manifest, 'name') }
}

/**
 * The name of `<location>/SKILL.md`, exactly as `skillNameOf(await readSkillManifest(...))` gives
 * it, for the skills a run only compares names with. Reads the head of the file and takes a plain
 * `name:` from a simple frontmatter (`quickSkillName`); anything it is not sure about (a BOM, an
 * unreadable file, YAML beyond simple `key: value` lines) gets the full read and parse.
 */
export async function readSkillName(location: SkillLocation, root: string): Promise<SkillName> {
  // Nothing outside the repository is read, not even for a name.
  if (location.misnamedSkillFile !== undefined || linkLeavingRepository(location, root)) {
    return { location, file: repoRelativeSkillFile(location, root), at: TOP }
  }
  let quick: QuickName | undefined
  try {
    const head = readFileHead(path.join(location.dir, 'SKILL.md'), NAME_HEAD_BYTES)
    if (typeof head === 'object') quick = quickSkillName(head.bytes, head.bytes.length === head.size)
  } catch {
    // the full read reports the problem (and finds no name)
  }
  if (quick) return { location, file: repoRelativeSkillFile(location, root), ...quick }
  return skillNameOf(await readSkillManifest(location, root))
}

/** A name read without the YAML parser: `name` as `manifestName` gives it, `at` as `positionOf(manifest, 'name')`. */
export interface QuickName {
  name?: string
  at: SourcePosition
}

/**
 * The frontmatter name of SKILL.md's first bytes, without the YAML parser, when the frontmatter is
 * simple enough to be sure the parser would read it the same way: only `key: value` lines (keys of
 * letters, digits, `_`, `.`, `-`), at most one level of nested `key: value` under an empty key,
 * comments and blank lines; values on one line, plain or quoted without escapes. Undefined
 * whenever it is unsure (a BOM, bytes that are not UTF-8, no closing `---` in `head`, duplicate
 * keys, flow collections, block scalars, anchors, tags, lists, multi-line values...): the caller
 * then parses the file. `complete` says that `head` is the whole file.
 */
export function quickSkillName(head: Uint8Array, complete: boolean): QuickName | undefined {
  const region = frontmatterBytes(head, complete)
  if (!region || !isUtf8(region)) return undefined
  const lines = Buffer.from(region.buffer, region.byteOffset, region.byteLength).toString('utf8').replace(/\r\n?/g, '\n').split('\n')
  lines.pop() // the line break that ends the last frontmatter line
  if (lines.some((line) => UNSURE_CHARACTER.test(line))) return undefined

  const topKeys = new Set<string>()
  let name: { value: string; at: SourcePosition } | undefined
  let open: { key: string; keys: Set<string>; indent?: number } | undefined // a top-level key with an empty value
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    if (/^ *(#.*)?$/.test(line)) continue
    const indent = line.length - line.replace(/^ +/, '').length
    const entry = simpleEntry(line, indent)
    if (!entry) return undefined
    const lineNumber = index + 2 // line 1 of SKILL.md is the opening ---
    if (indent === 0) {
      if (topKeys.has(entry.key)) return undefined
      topKeys.add(entry.key)
      open = entry.value === undefined ? { key: entry.key, keys: new Set() } : undefined
      if (entry.key === 'name') {
        name = { value: entry.value ?? '', at: { line: lineNumber, column: entry.value === undefined ? 1 : entry.valueColumn } }
      }
      continue
    }
    // One level of nesting under an empty key (metadata:); a nested name is not a string name.
    if (!open || open.key === 'name' || (open.indent !== undefined && open.indent !== indent) || open.keys.has(entry.key)) return undefined
    open.indent = indent
    open.keys.add(entry.key)
  }
  if (topKeys.size === 0) return undefined
  return { name: name === undefined ? undefined : comparableName(name.value), at: name?.at ?? TOP }
}

// C0/C1 controls (but tab), DEL, BOMs and line separators inside, non-characters: the parser's business.
const UNSURE_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/
const SIMPLE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
// Characters a plain scalar may not start with (YAML indicators), or may not start with safely.
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/

/** `key: value` at `indent` spaces, the value unquoted as YAML would read it; undefined when not that simple. */
function simpleEntry(line: string, indent: number): { key: string; value?: string; valueColumn: number } | undefined {
  if (line[indent] === '\t') return undefined
  const colon = line.indexOf(':', indent)
  if (colon < 0) return undefined
  const key = line.slice(indent, colon)
  if (!SIMPLE_KEY.test(key)) return undefined
  const rest = line.slice(colon + 1)
  if (/^[ \t]*$/.test(rest)) return { key, valueColumn: 0 }
  if (rest[0] !== ' ') return undefined
  const text = rest.replace(/^ +/, '').replace(/[ \t]+$/, '')
  const valueColumn = colon + 2 + (rest.length - rest.replace(/^ +/, '').length)
  const value = simpleScalar(text)
  return value === undefined ? undefined : { key, value, valueColumn }
}

function simpleScalar(text: string): string | undefined {
  const quote = text[0]
  if (quote === '"' || quote === "'") {
    if (text.length < 2 || text[text.length - 1] !== quote) return undefined
    const inner = text.slice(1, -1)
    if (quote === '"') return /["\\]/.test(inner) ? undefined : inner
    return inner.replace(/''/g, '').includes("'") ? undefined : inner.replace(/''/g, "'")
  }
  if (PLAIN_START.test(text) || /:([ \t]|$)/.test(text) || /[ \t]#/.test(text)) return undefined
  return text
}

/**
 * The bytes between SKILL.md's opening `---` line and its closing one (the last frontmatter line's
 * break included), found in bytes: every byte that matters here is ASCII, which UTF-8 never uses
 * inside a longer character. Undefined for a BOM or no complete closing line within `head`.
 */
function frontmatterBytes(head: Uint8Array, complete: boolean): Uint8Array | undefined {
  let start = 0
  let frontmatterStart = -1
  while (start < head.length) {
    let end = start
    while (end < head.length && head[end] !== 0x0a && head[end] !== 0x0d) end++
    const terminated = end < head.length
    if (!terminated && !complete) return undefined // the line may go on past the head
    const fence = isFenceBytes(head, start, end)
    if (frontmatterStart >= 0 && fence) return head.subarray(frontmatterStart, start)
    if ((frontmatterStart < 0 && !fence) || !terminated) return undefined
    // A \r ending an incomplete head may be half of a \r\n: where the next line starts is unknown.
    if (head[end] === 0x0d && end + 1 === head.length && !complete) return undefined
    start = end + (head[end] === 0x0d && head[end + 1] === 0x0a ? 2 : 1)
    if (frontmatterStart < 0) frontmatterStart = start
  }
  return undefined
}

/** `---` followed by nothing but spaces and tabs (FENCE, in bytes). */
function isFenceBytes(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 3 || bytes[start] !== 0x2d || bytes[start + 1] !== 0x2d || bytes[start + 2] !== 0x2d) return false
  for (let index = start + 3; index < end; index++) if (bytes[index] !== 0x20 && bytes[index] !== 0x09) return false
  return true
}

/**
 * Parse SKILL.md text or bytes (bytes are checked for a BOM and for UTF-8). Pure: no disk access,
 * so tests and callers with in-memory content use it directly.
 */
export function parseSkillMarkdown(input: string | Uint8Array, file: string, options: ParseOptions = {}): SkillManifest {
  const location = options.location ?? { dir: '', path: path.posix.dirname(file) }
  const diagnostics: Diagnostic[] = []
  const report = (ruleId: ParseRuleId, message: string, at: SourcePosition = TOP) => diagnostics.push(diagnostic(ruleId, message, file, at))

  const decoded = typeof input === 'string' ? decodeString(input) : decodeBytes(input, options.size)
  const size = options.size ?? (typeof input === 'string' ? Buffer.byteLength(input) : input.length)
  if (decoded.bom) {
    report(
      'skillmd/bom',
      `${file} starts with a UTF-8 byte order mark; the reference validator then reports "SKILL.md must start with YAML frontmatter (---)". Save the file as UTF-8 without BOM.`
    )
  }
  if (decoded.invalidAt) {
    report(
      'skillmd/encoding',
      `${file} is not valid UTF-8 (first bad byte at line ${decoded.invalidAt.line}, byte ${decoded.invalidAt.column} of that line): save it as UTF-8.`,
      decoded.invalidAt
    )
  }
  if (size > MAX_SKILL_MD_BYTES) {
    report(
      'skillmd/too-large',
      `${file} is ${megabytes(size)} MB; only its first 5 MB were read. Agents load SKILL.md whole and Artifactory indexes at most 5 MB: move long material into references/ files.`
    )
  }

  // Python's universal newlines (which the reference relies on) treat \r\n and a lone \r as line breaks.
  const text = decoded.text.replace(/\r\n?/g, '\n')
  const manifest = emptyManifest(location, file, size)
  manifest.diagnostics = diagnostics
  manifest.body = text

  if (text.trim() === '') {
    report('skillmd/empty', `${file} is empty: it needs YAML frontmatter between --- lines with at least name and description.`)
    return manifest
  }
  const lines = text.split('\n')
  if (!FENCE.test(lines[0]!)) {
    report('skillmd/frontmatter-missing', 'SKILL.md must start with YAML frontmatter (---)')
    return manifest
  }
  const closing = lines.findIndex((line, index) => index > 0 && FENCE.test(line))
  if (closing < 0) {
    report('skillmd/frontmatter-unclosed', 'SKILL.md frontmatter not properly closed with ---')
    return manifest
  }
  manifest.body = lines.slice(closing + 1).join('\n')
  manifest.bodyLine = closing + 2

  const frontmatterLines = lines.slice(1, closing)
  reportControlCharacters(frontmatterLines, report)
  readFrontmatter(frontmatterLines.join('\n'), manifest, report)
  return manifest
}

// YAML's printable set leaves out the C0 controls but tab, LF and CR, and DEL; the parser is lenient.
const YAML_FORBIDDEN_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g

/** One error for each control character YAML forbids in the frontmatter, with its line and column. */
function reportControlCharacters(frontmatterLines: string[], report: Report): void {
  frontmatterLines.forEach((line, index) => {
    for (const match of line.matchAll(YAML_FORBIDDEN_CONTROL)) {
      const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
      const at = { line: index + 2, column: match.index + 1 }
      report(
        'skillmd/control-character',
        `Invalid YAML in frontmatter: control character ${code} at line ${at.line}, column ${at.column} is not allowed (YAML allows only tab, line feed and carriage return). Remove it, or write it as an escape such as "\\u${code.slice(2)}" in a double-quoted string.`,
        at
      )
    }
  })
}

/** The skill's name as the reference validator compares it: stripped, NFKC-normalised; undefined when not a string. */
export function manifestName(manifest: SkillManifest): string | undefined {
  return comparableName(manifest.frontmatterText?.name)
}

function comparableName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined
  const normalised = pythonStrip(name).normalize('NFKC')
  return normalised === '' ? undefined : normalised
}

/** Where to point a diagnostic about `key`: its value when written, else the key, else the top of the file. */
export function positionOf(manifest: SkillManifest, key: string, prefer: 'key' | 'value' = 'value'): SourcePosition {
  const position = manifest.positions[key]
  if (!position) return TOP
  return prefer === 'value' ? (position.value ?? position.key) : position.key
}

/** Python's `str.strip()`: the reference strips with Python's whitespace set, which differs from JavaScript's `trim()`. */
export function pythonStrip(value: string): string {
  return value.replace(PYTHON_SPACE_START, '').replace(PYTHON_SPACE_END, '')
}
const PYTHON_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const PYTHON_SPACE_START = new RegExp(`^[${PYTHON_SPACE}]+`)
const PYTHON_SPACE_END = new RegExp(`[${PYTHON_SPACE}]+$`)

type Report = (ruleId: ParseRuleId, message: string, at?: SourcePosition) => void

function readFrontmatter(source: string, manifest: SkillManifest, report: Report): void {
  const lineCounter = new LineCounter()
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false })
  // The frontmatter starts on line 2 of SKILL.md (after the opening ---).
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: line + 1, column: col }
  }

  let usable = true
  for (const error of document.errors) {
    if (error.code === 'DUPLICATE_KEY') continue // reported below, with the key's name
    report('skillmd/yaml-invalid', `Invalid YAML in frontmatter: ${yamlMessage(error.message)}`, at(error.pos[0]))
    usable = false
    break
  }
  if (!usable) return

  const contents = document.contents
  if (!isMap(contents)) {
    const where = contents?.range ? at(contents.range[0]) : TOP
    report('skillmd/frontmatter-not-mapping', 'SKILL.md frontmatter must be a YAML mapping', where)
    return
  }

  try {
    const typed: Record<string, unknown> = {}
    const asText: Record<string, unknown> = {}
    for (const pair of contents.items) {
      const key = keyName(pair.key)
      const keyAt = isNode(pair.key) && pair.key.range ? at(pair.key.range[0]) : TOP
      if (Object.prototype.hasOwnProperty.call(typed, key)) {
        report(
          'skillmd/duplicate-key',
          `Key '${key}' appears more than once in the frontmatter (first at line ${manifest.positions[key]!.key.line}); YAML parsers disagree on which one wins and the reference validator rejects the file. Keep one.`,
          keyAt
        )
        continue
      }
      const value = pair.value
      setOwn(typed, key, isNode(value) ? value.toJS(document) : value)
      setOwn(asText, key, textValue(value, document, 0))
      reportNestedDuplicates(value, key, at, report, 0)
      manifest.positions[key] = { key: keyAt, value: valuePosition(value, at) }
      if (key === 'metadata' && isMap(value)) {
        for (const inner of value.items) {
          const innerKey = `metadata.${keyName(inner.key)}`
          if (manifest.positions[innerKey]) continue
          const innerAt = isNode(inner.key) && inner.key.range ? at(inner.key.range[0]) : keyAt
          manifest.positions[innerKey] = { key: innerAt, value: valuePosition(inner.value, at) }
        }
      }
    }
    manifest.frontmatter = typed
    manifest.frontmatterText = asText
  } catch (error) {
    // yaml throws on alias bombs (too many alias expansions) and similar hostile input.
    report('skillmd/yaml-invalid', `Invalid YAML in frontmatter: ${error instanceof Error ? error.message : String(error)}`)
    return
  }
  manifest.strictYamlFeatures = strictYamlFeatures(document, at)
}

/**
 * `object[key] = value` as plain data: a key such as `__proto__` becomes an own property instead
 * of replacing the object's prototype (which would let a nested mapping pose as the frontmatter).
 */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true })
}

/** Duplicate keys inside nested mappings (`metadata`, lists of mappings), which YAML forbids as it does at the top. */
function reportNestedDuplicates(node: unknown, where: string, at: (offset: number) => SourcePosition, report: Report, depth: number): void {
  if (depth > 64) return
  if (isMap(node)) {
    const seen = new Map<string, SourcePosition>()
    for (const pair of node.items) {
      const key = keyName(pair.key)
      const keyAt = isNode(pair.key) && pair.key.range ? at(pair.key.range[0]) : TOP
      const first = seen.get(key)
      if (first) {
        report(
          'skillmd/duplicate-key',
          `Key '${where}.${key}' appears more than once in the frontmatter (first at line ${first.line}); YAML forbids duplicate keys and parsers disagree on which one wins. Keep one.`,
          keyAt
        )
      } else seen.set(key, keyAt)
      reportNestedDuplicates(pair.value, `${where}.${key}`, at, report, depth + 1)
    }
  } else if (isCollection(node)) {
    node.items.forEach((item, index) => reportNestedDuplicates(item, `${where}[${index}]`, at, report, depth + 1))
  }
}

function keyName(key: unknown): string {
  if (isScalar(key)) return String(key.value)
  return String(key)
}

function valuePosition(value: unknown, at: (offset: number) => SourcePosition): SourcePosition | undefined {
  if (!isNode(value) || !value.range) return undefined
  // An empty value is a null scalar with no source text: point at the key instead.
  if (isScalar(value) && value.value === null && (value.source === undefined || value.source === '')) return undefined
  return at(value.range[0])
}

/** strictyaml's view: every scalar is the string as written; an empty value is "". */
function textValue(node: unknown, document: Document, depth: number): unknown {
  if (depth > 64) return undefined
  if (isAlias(node)) return textValue(node.resolve(document), document, depth + 1)
  if (isScalar(node)) {
    if (typeof node.value === 'string') return node.value
    if (node.value === null) return node.source ?? ''
    return node.source ?? String(node.value)
  }
  if (isMap(node)) {
    const result: Record<string, unknown> = {}
    for (const pair of node.items) {
      const key = keyName(pair.key)
      if (!Object.prototype.hasOwnProperty.call(result, key)) setOwn(result, key, textValue(pair.value, document, depth + 1))
    }
    return result
  }
  if (isCollection(node)) return node.items.map((item) => textValue(item, document, depth + 1))
  return node ?? ''
}

function strictYamlFeatures(document: Document, at: (offset: number) => SourcePosition): StrictYamlFeature[] {
  const found: StrictYamlFeature[] = []
  const note = (kind: StrictYamlFeature['kind'], node: YamlNode) => {
    if (node.range) found.push({ kind, position: at(node.range[0]) })
  }
  visit(document, (_key, node) => {
    if (isAlias(node)) return note('alias', node)
    if (!isNode(node)) return undefined
    if (isCollection(node) && node.flow) note('flow', node)
    if (node.tag && (isScalar(node) || isCollection(node)) && hasExplicitTag(node)) note('tag', node)
    if (node.anchor) note('anchor', node)
    return undefined
  })
  return found
}

// The parser only sets `tag` on nodes whose source carries an explicit `!tag`.
function hasExplicitTag(node: YamlNode): boolean {
  return typeof node.tag === 'string' && node.tag.length > 0
}

function yamlMessage(message: string): string {
  // yaml appends "at line N, column M:" and a source excerpt counted from the frontmatter, not the file.
  return message.split(/ at line \d+, column \d+/)[0]!.trim()
}

interface Decoded {
  text: string
  bom: boolean
  invalidAt?: SourcePosition
}

function decodeString(input: string): Decoded {
  const bom = input.startsWith('\uFEFF')
  return { text: bom ? input.slice(1) : input, bom }
}

function decodeBytes(input: Uint8Array, sizeOnDisk: number | undefined): Decoded {
  let bytes = input
  const bom = UTF8_BOM.every((byte, index) => bytes[index] === byte)
  if (bom) bytes = bytes.subarray(3)
  // A file cut at the read limit may end inside a character: drop the partial one.
  if (sizeOnDisk !== undefined && sizeOnDisk > input.length) bytes = bytes.subarray(0, completeUtf8Length(bytes))
  const invalid = isUtf8(bytes) ? undefined : firstInvalidUtf8(bytes)
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes)
  return { text, bom, invalidAt: invalid === undefined ? undefined : bytePosition(bytes, invalid, bom) }
}

function completeUtf8Length(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!
    if ((byte & 0xc0) === 0x80) continue // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return needed > back ? bytes.length - back : bytes.length
  }
  return bytes.length
}

/** Offset of the first byte that starts an invalid UTF-8 sequence, if any. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let index = 0
  while (index < bytes.length) {
    const lead = bytes[index]!
    if (lead < 0x80) {
      index++
      continue
    }
    let length: number
    let min: number
    if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80]
    else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800]
    else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000]
    else return index
    if (index + length > bytes.length) return index
    let codePoint = lead & (0xff >> (length + 1))
    for (let k = 1; k < length; k++) {
      const next = bytes[index + k]!
      if ((next & 0xc0) !== 0x80) return index
      codePoint = (codePoint << 6) | (next & 0x3f)
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index
    index += length
  }
  return undefined
}

function bytePosition(bytes: Uint8Array, offset: number, afterBom: boolean): SourcePosition {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++
      lineStart = index + 1
    }
  }
  const column = offset - lineStart + 1 + (afterBom && line === 1 ? 3 : 0)
  return { line, column }
}

interface FileHeadRead {
  /** At most the bytes asked for, from the start of the file. */
  bytes: Buffer
  /** The file's size on disk. */
  size: number
}
type FileHead = FileHeadRead | 'folder' | 'special'

/**
 * The first `limit` bytes of a file and its size, with one open (non-blocking, so a FIFO named
 * SKILL.md cannot hang the run), fstat and read. Throws what open or read throw.
 */
function readFileHead(file: string, limit: number): FileHead {
  const descriptor = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0))
  try {
    const info = fstatSync(descriptor)
    if (!info.isFile()) return info.isDirectory() ? 'folder' : 'special'
    const length = Math.min(info.size, limit)
    const buffer = Buffer.allocUnsafe(length)
    let filled = 0
    while (filled < length) {
      const bytesRead = readSync(descriptor, buffer, filled, length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return { bytes: buffer.subarray(0, filled), size: info.size }
  } finally {
    closeSync(descriptor)
  }
}

function repoRelativeSkillFile(location: SkillLocation, root: string): string {
  const relative = location.path && location.path !== '.' ? location.path : path.relative(root, location.dir).split(path.sep).join('/')
  return relative === '' || relative === '.' ? 'SKILL.md' : `${relative}/SKILL.md`
}

function emptyManifest(location: SkillLocation, file: string, size: number): SkillManifest {
  return { location, file, size, positions: {}, strictYamlFeatures: [], body: '', bodyLine: 1, diagnostics: [] }
}

function diagnostic(ruleId: ParseRuleId, message: string, file: string, at: SourcePosition): Diagnostic {
  return { ruleId, severity: SEVERITY_OF.get(ruleId)!, message, file, line: at.line, column: at.column }
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1)
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) return String((error as { code: unknown }).code)
  return error instanceof Error ? error.message : String(error)
}
