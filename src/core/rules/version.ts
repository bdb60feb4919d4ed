// The version that would be published must be one every registry accepts: strict semver.
import semver from 'semver'
import type { ResolvedVersion } from '../types.js'
import type { CatalogueOnly, Rule } from './types.js'

const SOURCE_WORDS: Record<ResolvedVersion['source'], string> = {
  input: 'the version input',
  tag: 'the pushed tag',
  frontmatter: "SKILL.md's frontmatter field 'version'",
  metadata: "SKILL.md's field 'metadata.version'",
  package: "the pre-built package's skill-project.toml",
  registry: 'the registry (version: auto)',
  none: 'nowhere'
}

/** Where a version came from, in words, with the line when it came from the file. */
export function describeVersionSource(version: ResolvedVersion): string {
  const words = SOURCE_WORDS[version.source]
  return version.line !== undefined ? `${words} (line ${version.line})` : words
}

/** Strict semver, already in canonical form: `v1.2.3` or ` 1.2.3` would be rewritten by semver.valid. */
export function isPublishableVersion(value: string): boolean {
  return semver.valid(value) === value
}

function hint(value: string): string {
  if (/^v\d/.test(value) && isPublishableVersion(value.slice(1))) return ` Drop the leading "v": ${value.slice(1)}.`
  if (/^\d+(\.\d+)?$/.test(value)) return ` Use all three parts, e.g. ${value.split('.').concat(['0', '0']).slice(0, 3).join('.')}.`
  return ' Use MAJOR.MINOR.PATCH with an optional -pre.release suffix, e.g. 1.2.3 or 1.2.3-beta.1 (numeric identifiers without leading zeros).'
}

export const VERSION_RULES: Rule[] = [
  {
    id: 'version/invalid',
    severity: 'error',
    profiles: 'all',
    summary: 'The version that would be published is not valid semver.',
    needs: 'nothing',
    check: ({ version }) => {
      if (version.value === undefined || isPublishableVersion(version.value)) return []
      const at = version.line !== undefined ? { line: version.line, column: version.column ?? 1 } : undefined
      return [
        { message: `Version '${version.value}' from ${describeVersionSource(version)} is not valid semver.${hint(version.value)}`, at }
      ]
    }
  }
]

/** Emitted by the check stage (it knows the mode and the tag); listed here for SARIF and docs. */
export const VERSION_STAGE_RULES: CatalogueOnly[] = [
  { id: 'version/missing', severity: 'error', profiles: 'all', summary: 'Packaging or publishing needs a version and none was found.' },
  { id: 'version/tag-mismatch', severity: 'error', profiles: 'all', summary: "The pushed tag's version differs from SKILL.md's." }
]
