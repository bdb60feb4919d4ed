// Pure tag parsing: a tag name against patterns such as `v{version}`, `{name}@{version}` and
// `{name}/v{version}`, and the choice of the tag a repository tag is compared with.

import semver from 'semver'

export interface ParsedTag {
  /** The skill named by a per-skill tag; absent for repository tags (`v1.2.3`). */
  name?: string
  /** The version exactly as written in the tag (without the pattern's literal `v`). */
  version: string
  /** The pattern that matched, so the previous tag can be looked up among tags of the same shape. */
  pattern: string
}

const NAME = '{name}'
const VERSION = '{version}'

// semver.org's grammar, without captures: the regex itself finds the name/version split.
const NUMBER = '(?:0|[1-9]\\d*)'
const PRERELEASE_ID = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)'
const SEMVER = `${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${PRERELEASE_ID}(?:\\.${PRERELEASE_ID})*)?(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?`

/**
 * Parses `tagName` with the first pattern (in order) it matches, or returns undefined.
 *
 * `{version}` must be strict semver (which keeps `v{version}` from claiming tags such as `vnext`),
 * and `{name}` is the shortest prefix that leaves one: `my-2-tool-1.0.0-rc.1` with
 * `{name}-{version}` names `my-2-tool`, and `@scope/tool@1.2.3` with `{name}@{version}` names
 * `@scope/tool`.
 */
export function parseTag(tagName: string, patterns: readonly string[]): ParsedTag | undefined {
  const name = tagName.startsWith('refs/tags/') ? tagName.slice('refs/tags/'.length) : tagName
  for (const pattern of patterns) {
    const matcher = compilePattern(pattern)
    if (matcher === undefined) continue
    const match = matcher.exec(name)
    if (match === null) continue
    const version = match.groups?.version ?? ''
    if (semver.valid(version) === null) continue
    const skill = match.groups?.name
    return skill === undefined ? { version, pattern } : { name: skill, version, pattern }
  }
  return undefined
}

/**
 * The tag a repository tag is compared with: among `tags` parsed with the same pattern and carrying
 * no name, the ones with a lower semver version, highest first. The caller checks which of them
 * is reachable from the current tag, because semver order alone says nothing about history.
 */
export function previousTagCandidates(current: ParsedTag, tags: readonly string[], patterns: readonly string[]): string[] {
  const older: Array<{ tag: string; version: string }> = []
  for (const tag of tags) {
    const parsed = parseTag(tag, patterns)
    if (parsed === undefined || parsed.pattern !== current.pattern || parsed.name !== current.name) continue
    if (semver.lt(parsed.version, current.version)) older.push({ tag, version: parsed.version })
  }
  return older.sort((a, b) => semver.rcompare(a.version, b.version) || a.tag.localeCompare(b.tag)).map((entry) => entry.tag)
}

const compiled = new Map<string, RegExp | undefined>()

/** `{name}@{version}` -> /^(?<name>.+?)@(?<version>SEMVER)$/; undefined without exactly one `{version}`. */
function compilePattern(pattern: string): RegExp | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern)
  let regex: RegExp | undefined
  if (occurrences(pattern, VERSION) === 1 && occurrences(pattern, NAME) <= 1) {
    const source = pattern
      .split(/(\{name\}|\{version\})/)
      .map((part) => (part === NAME ? '(?<name>.+?)' : part === VERSION ? `(?<version>${SEMVER})` : escapeRegExp(part)))
      .join('')
    regex = new RegExp(`^${source}$`)
  }
  compiled.set(pattern, regex)
  return regex
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
