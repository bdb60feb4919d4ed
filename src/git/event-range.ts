// Pure: what a run compares, decided from the event alone (no git). detect.ts then asks git.

import type { ChangeQuery } from '../config.js'
import { parseTag, type ParsedTag } from '../core/tags.js'
import { commitId, namedRevision } from './revision.js'

export type RangePlan =
  /** Every skill; `reason` is the sentence the ChangeSet reports. */
  | { kind: 'all'; reason: string }
  /** Changes from the merge base of `base` and `head` to `head`. */
  | { kind: 'range'; event: 'push' | 'pull-request'; base: string; head: string; label: string; forcedPush?: boolean }
  /** A branch pushed for the first time: compare with the default branch's merge base. */
  | { kind: 'new-branch'; head: string; branch: string; defaultBranch?: string }
  /** A repository tag (`v1.2.3`): compare with the previous tag of the same pattern. */
  | { kind: 'repository-tag'; tagName: string; tag: ParsedTag; head: string }
  /** A per-skill tag (`name@1.2.3`): that skill, whatever the diff. */
  | { kind: 'skill-tag'; tagName: string; skillName: string }
  /** `since` to `head`; the working tree (untracked files too) when run outside CI. */
  | { kind: 'since'; since: string; head: string; workingTree: boolean }

export interface RunTag {
  tagName: string
  parsed?: ParsedTag
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

/** The tag this run is for (`refs/tags/...`), parsed with the configured patterns when it matches. */
export function runTag(query: ChangeQuery): RunTag | undefined {
  const ref = query.ref ?? stringAt(query.eventPayload, 'ref')
  if (ref === undefined || !ref.startsWith('refs/tags/')) return undefined
  const tagName = ref.slice('refs/tags/'.length)
  const parsed = parseTag(tagName, query.tagPatterns)
  return parsed === undefined ? { tagName } : { tagName, parsed }
}

/**
 * What to compare. Every revision taken from the event, the environment or the `base` input is
 * checked first (revision.ts): a value git would read as an option fails the run instead.
 */
export function planRange(query: ChangeQuery): RangePlan {
  const event = query.eventName
  const payload = query.eventPayload
  const sha = commitId(query.sha, 'GITHUB_SHA')
  if (query.changedOnly === 'false') return { kind: 'all', reason: 'changed-only is off: every skill is handled.' }

  const tag = event === 'push' ? runTag(query) : undefined
  if (tag?.parsed?.name !== undefined) return { kind: 'skill-tag', tagName: tag.tagName, skillName: tag.parsed.name }

  if (query.since !== undefined && query.since !== '') {
    const since = namedRevision(query.since, 'The base input (CLI: --since)')
    const head = sha ?? commitId(stringAt(payload, 'after'), "The push event's after") ?? 'HEAD'
    return { kind: 'since', since, head: event === undefined ? 'HEAD' : head, workingTree: event === undefined }
  }

  if (event !== undefined && PULL_REQUEST_EVENTS.has(event)) {
    const base = commitId(stringAt(payload, 'pull_request', 'base', 'sha'), `The ${event} event's pull_request.base.sha`)
    const head = commitId(stringAt(payload, 'pull_request', 'head', 'sha'), `The ${event} event's pull_request.head.sha`)
    if (base === undefined || head === undefined)
      return { kind: 'all', reason: `The ${event} event carries no base and head commits: every skill is handled.` }
    const number = numberAt(payload, 'pull_request', 'number') ?? numberAt(payload, 'number')
    return { kind: 'range', event: 'pull-request', base, head, label: `Pull request${number !== undefined ? ` #${number}` : ''}` }
  }

  if (event === 'push') {
    const head = commitId(stringAt(payload, 'after'), "The push event's after") ?? sha
    if (tag !== undefined) {
      if (tag.parsed === undefined) {
        return {
          kind: 'all',
          reason: `Tag ${tag.tagName} matches none of the tag patterns (${query.tagPatterns.join(', ')}): every skill is handled.`
        }
      }
      const tagName = namedRevision(tag.tagName, 'The pushed tag')
      return { kind: 'repository-tag', tagName, tag: tag.parsed, head: head ?? 'HEAD' }
    }
    const before = commitId(stringAt(payload, 'before'), "The push event's before")
    if (head === undefined) return { kind: 'all', reason: 'The push event carries no head commit: every skill is handled.' }
    const ref = stringAt(payload, 'ref') ?? query.ref ?? ''
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref
    if (before === undefined || isNullCommit(before)) {
      const defaultBranch = optional(stringAt(payload, 'repository', 'default_branch'), "The push event's repository.default_branch")
      return defaultBranch === undefined ? { kind: 'new-branch', head, branch } : { kind: 'new-branch', head, branch, defaultBranch }
    }
    const forcedPush = payload?.forced === true
    return { kind: 'range', event: 'push', base: before, head, label: `Push${branch !== '' ? ` to ${branch}` : ''}`, forcedPush }
  }

  if (query.changedOnly === 'true') {
    const what = event === undefined ? 'Outside GitHub without a base ref' : `A ${event} run`
    return { kind: 'all', reason: `${what} has no range to compare (give since/base to compare with a ref): every skill is handled.` }
  }
  const what = event === undefined ? 'No event and no base ref' : `A ${event} run without a base ref`
  return { kind: 'all', reason: `${what}: every skill is handled.` }
}

/** `0000...` (SHA-1 or SHA-256 width): the `before` of a branch or tag that did not exist. */
export function isNullCommit(sha: string): boolean {
  return /^0+$/.test(sha)
}

function optional(value: string | undefined, source: string): string | undefined {
  return value === undefined ? undefined : namedRevision(value, source)
}

function valueAt(object: unknown, keys: string[]): unknown {
  let value = object
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

function stringAt(object: unknown, ...keys: string[]): string | undefined {
  const value = valueAt(object, keys)
  return typeof value === 'string' && value !== '' ? value : undefined
}

function numberAt(object: unknown, ...keys: string[]): number | undefined {
  const value = valueAt(object, keys)
  return typeof value === 'number' ? value : undefined
}
