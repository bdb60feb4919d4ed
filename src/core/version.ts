// Which version a skill would be published as, and where that version came from.
// SKILL.md is only read, never rewritten: a pre-release suffix lives in the result alone.
import { positionOf, type SkillManifest } from './skillmd.js'
import type { ResolvedVersion } from './types.js'

export interface VersionOptions {
  /** The `version` input or `--version` flag: wins over everything. */
  explicit?: string
  /** The version carried by the pushed tag (already stripped of `v` / `name@`). */
  tagVersion?: string
  /** Appended as pre-release identifiers, e.g. `pr.42.abc1234` for pull-request builds. */
  prerelease?: string
}

/**
 * Explicit input, else tag, else frontmatter `version`, else `metadata.version`; then the optional
 * pre-release suffix. Values are trimmed but not otherwise changed: judging them is the
 * `version/invalid` rule's job, so a bad version is reported with where it came from.
 */
export function resolveVersion(manifest: SkillManifest, options: VersionOptions): ResolvedVersion {
  const base = baseVersion(manifest, options)
  if (base.value === undefined || !options.prerelease?.trim()) return base
  return { ...base, value: withPrerelease(base.value, options.prerelease) }
}

/**
 * `1.2.0` + `pr.42.abc` -> `1.2.0-pr.42.abc`. A version that already has a pre-release keeps it and
 * gains the suffix as further identifiers (`1.2.0-beta.1` -> `1.2.0-beta.1.pr.42.abc`), so it still
 * sorts after the plain pre-release and before the release; build metadata stays at the end.
 */
export function withPrerelease(version: string, suffix: string): string {
  const identifiers = suffix.trim().replace(/^-+/, '')
  if (identifiers === '') return version
  const plus = version.indexOf('+')
  const core = plus < 0 ? version : version.slice(0, plus)
  const build = plus < 0 ? '' : version.slice(plus)
  return `${core}${core.includes('-') ? '.' : '-'}${identifiers}${build}`
}

function baseVersion(manifest: SkillManifest, options: VersionOptions): ResolvedVersion {
  const explicit = options.explicit?.trim()
  if (explicit) return { value: explicit, source: 'input' }
  const tag = options.tagVersion?.trim()
  if (tag) return { value: tag, source: 'tag' }

  const top = fileVersion(manifest.frontmatterText?.version)
  if (top !== undefined) return { value: top, source: 'frontmatter', ...positionOf(manifest, 'version') }
  const metadata = manifest.frontmatterText?.metadata
  const nested =
    typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
      ? fileVersion((metadata as Record<string, unknown>).version)
      : undefined
  if (nested !== undefined) return { value: nested, source: 'metadata', ...positionOf(manifest, 'metadata.version') }
  return { source: 'none' }
}

// The text view keeps `version: 1.0` as "1.0" (YAML would read the number 1), so the message
// shows what the author wrote. An empty value counts as absent; a list or mapping is kept
// (as JSON) so that it is reported rather than silently skipped.
function fileVersion(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  return JSON.stringify(value)
}
