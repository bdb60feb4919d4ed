// The version that would be published must be one every registry accepts: strict semver.
import semver from 'semver'
import type { RegistryKind, ResolvedVersion } from '../types.js'
import type { CatalogueOnly, Rule, RuleContext } from './types.js'

/**
 * Registries that store versions as semver: ClawHub refuses anything else, FastSkill's index and
 * Artifactory's layout order versions by it, and the local folder writes FastSkill's index.
 */
const SEMVER_REGISTRIES: ReadonlyMap<RegistryKind, string> = new Map([
  ['clawhub', 'ClawHub'],
  ['fastskill', 'FastSkill'],
  ['artifactory', 'JFrog Artifactory'],
  ['local', 'the local folder registry']
])

const SEMVER_REGISTRY_WORDS = (() => {
  const names = [...SEMVER_REGISTRIES.values()]
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
})()

/**
 * Under the spec, metadata.version is free-form data (the spec's own example is "1.0"): it only
 * has to be semver when it is what a semver registry would be given, that is, when this run
 * packages or publishes for one and no input, tag or version field gave the version.
 */
function isMetadataData({ profile, version, publishTo }: RuleContext): boolean {
  return profile === 'spec' && version.source === 'metadata' && (publishTo === undefined || !SEMVER_REGISTRIES.has(publishTo))
}

const SOURCE_WORDS: Record<ResolvedVersion['source'], string> = {
  input: 'the version input',
  tag: 'the pushed tag',
  frontmatter: "SKILL.md's frontmatter field 'version'",
  metadata: "SKILL.md's field 'metadata.version'",
  package: "the pre-built package's skill-project.toml",
  registry: 'the registry (version: auto, or a version id it assigns)',
  none: 'nowhere'
}

/** Where a version came from, in words, with the line when it came from the file. */
function describeVersionSource(version: ResolvedVersion): string {
  const words = SOURCE_WORDS[version.source]
  return version.line !== undefined ? `${words} (line ${version.line})` : words
}

/** Strict semver, already in canonical form: `v1.2.3` or ` 1.2.3` would be rewritten by semver.valid. */
function isPublishableVersion(value: string): boolean {
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
    check: (context) => {
      const { version } = context
      if (version.value === undefined || isPublishableVersion(version.value) || isMetadataData(context)) return []
      const at = version.line !== undefined ? { line: version.line, column: version.column ?? 1 } : undefined
      return [
        { message: `Version '${version.value}' from ${describeVersionSource(version)} is not valid semver.${hint(version.value)}`, at }
      ]
    }
  },
  {
    id: 'version/metadata-not-semver',
    severity: 'warning',
    profiles: ['spec'],
    summary: 'metadata.version is not semver: data under the spec, but the semver registries would need a semver version.',
    needs: 'nothing',
    check: (context) => {
      const { version } = context
      if (version.value === undefined || isPublishableVersion(version.value) || !isMetadataData(context)) return []
      const at = version.line !== undefined ? { line: version.line, column: version.column ?? 1 } : undefined
      return [
        {
          message: `Version '${version.value}' from ${describeVersionSource(version)} is not valid semver. The spec lets metadata.version be any string, but ${SEMVER_REGISTRY_WORDS} need a semver version to publish.${hint(version.value)} Or give the version as the version input or a tag when publishing.`,
          at
        }
      ]
    }
  }
]

/** Emitted by the check stage (it knows the mode and the tag); listed here for SARIF and docs. */
export const VERSION_STAGE_RULES: CatalogueOnly[] = [
  { id: 'version/missing', severity: 'error', profiles: 'all', summary: 'Packaging or publishing needs a version and none was found.' },
  { id: 'version/tag-mismatch', severity: 'error', profiles: 'all', summary: "The pushed tag's version differs from SKILL.md's." }
]
