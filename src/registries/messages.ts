// Turning what registries answer into sentences a person can act on: strip transport noise,
// classify by text (ClawHub answers every failure as a plain-text 400), never show a secret.
import { RegistryError } from './registry.js'
import { excerpt } from '../http/scrub.js'

/** Without a final full stop, to be followed by our own sentence. */
export function clause(text: string): string {
  return text.replace(/[.\s]+$/, '')
}

/**
 * ClawHub (a Convex backend) wraps its messages in transport noise:
 * `[CONVEX M(skills:publish)] [Request ID: 7f..] Server Error Uncaught ConvexError: Version ...`.
 */
export function stripWrappers(text: string): string {
  let cleaned = text
    .replace(/\[CONVEX[^\]]*\]\s*/gi, '')
    .replace(/\[Request ID:[^\]]*\]\s*/gi, '')
    .trim()
  for (let i = 0; i < 4; i++) {
    const next = cleaned
      .replace(/^Server Error(?:\s+Called by client)?\s*/i, '')
      .replace(/^(?:Uncaught\s+)?(?:Convex)?Error:\s*/i, '')
      .replace(/^\s*at\s.*$/gm, '')
      .trim()
    if (next === cleaned) break
    cleaned = next
  }
  return cleaned
}

/** The message inside the JSON error shapes registries use, else the stripped text itself. */
export function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as unknown
    const found = findMessage(parsed)
    if (found) return stripWrappers(found)
  } catch {
    // A text body: shown as it is, without wrappers.
  }
  return stripWrappers(body)
}

function findMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (!value || typeof value !== 'object') return undefined
  const record = value as Record<string, unknown>
  // FastSkill: {error: {code, message}}; Artifactory: {errors: [{status, message}]}; others: {message} / {error: "..."}.
  if (Array.isArray(record.errors)) {
    const messages = record.errors.map(findMessage).filter((m): m is string => Boolean(m))
    if (messages.length) return messages.join('; ')
  }
  for (const key of ['error', 'message', 'detail']) {
    const found = record[key] === null ? undefined : findMessage(record[key])
    if (found) return found
  }
  return undefined
}

type ClawHubErrorClass =
  'version-exists' | 'slug-taken' | 'ambiguous-slug' | 'invalid-semver' | 'too-large' | 'license' | 'auth' | 'rate-limited' | 'other'

export interface ClassifiedError {
  kind: ClawHubErrorClass
  /** The registry's words, stripped. */
  detail: string
  /** What to do about it. */
  advice: string
}

/** Classify a ClawHub failure by status and text (the API gives no error codes). */
export function classifyClawHubError(status: number, body: string, skill: { slug: string; version: string }): ClassifiedError {
  const detail = errorText(body)
  const text = detail.toLowerCase()
  const { slug, version } = skill
  if (status === 401 || (status === 403 && /token|unauthori[sz]ed|revoked/.test(text))) {
    return {
      kind: 'auth',
      detail,
      advice: 'check the ClawHub token (input token or CLAWHUB_TOKEN): it may be missing, mistyped, revoked or for another account.'
    }
  }
  if (status === 429 || /rate limit/.test(text)) {
    return { kind: 'rate-limited', detail, advice: 'ClawHub is rate-limiting this token; run again later or publish fewer skills per run.' }
  }
  if (/version .*already exists|already exists/.test(text)) {
    return {
      kind: 'version-exists',
      detail,
      advice: `version ${version} of ${slug} is already published with other content; bump the version.`
    }
  }
  if (/slug .*(taken|in use|reserved)|existing skill:/.test(text)) {
    return {
      kind: 'slug-taken',
      detail,
      advice: `the slug ${slug} belongs to another owner (or is reserved); rename the skill, or set owner-handle if you publish for an organisation that owns it.`
    }
  }
  // Two publishers share the slug: the server needs to know whose (the official client always sends ownerHandle).
  if (status === 409 || /ambiguous/.test(text)) {
    return {
      kind: 'ambiguous-slug',
      detail,
      advice: `more than one publisher has a skill named ${slug}; set owner-handle to the handle to publish under.`
    }
  }
  if (/semver/.test(text)) {
    return { kind: 'invalid-semver', detail, advice: `"${version}" is not a valid semantic version (like 1.2.3); fix the version.` }
  }
  if (status === 413) {
    return {
      kind: 'too-large',
      detail,
      advice:
        'the server (or its proxy: the public site caps request bodies near 4.5 MB) refused the request body. skillpub sent the files ' +
        'in one multipart request because this server has no upload-url endpoint; make the skill smaller, or publish to a server that has it.'
    }
  }
  if (/exceeds .*limit|too large|payload too large/.test(text)) {
    return {
      kind: 'too-large',
      detail,
      advice: 'ClawHub takes at most 10 MB a file and 50 MB a skill; remove large files or add them to .clawhubignore.'
    }
  }
  if (/license/.test(text)) {
    return {
      kind: 'license',
      detail,
      advice:
        'ClawHub publishes skills under MIT-0 and needs the license terms accepted; check that the registry is a ClawHub-compatible server.'
    }
  }
  return {
    kind: 'other',
    detail,
    advice: status >= 500 ? 'ClawHub had an internal error; run again later.' : 'fix what the registry names and run again.'
  }
}

/** A generic failure: what was done, where, what came back, and a hint by status. */
export function httpFailure(
  response: { what: string; method: string; url: URL; status: number; text: string; retryAfterMs?: number },
  scrub: (text: string) => string,
  hint?: string
): RegistryError {
  const said = errorText(response.text)
  const answer = said ? `: ${clause(excerpt(said, 300))}` : ' with an empty body'
  const advice = hint ?? statusHint(response.status, response.retryAfterMs)
  const where = `${response.url.origin}${response.url.pathname}`
  return new RegistryError(scrub(`${response.what} failed: ${response.method} ${where} answered ${response.status}${answer}. ${advice}`), {
    status: response.status,
    retryable: response.status === 408 || response.status === 429 || response.status >= 500
  })
}

function statusHint(status: number, retryAfterMs: number | undefined): string {
  if (status === 401) return 'Check the token: is it set, mistyped, expired or for another server?'
  if (status === 403) return 'The token is valid but lacks the permission for this; check its role or the repository permissions.'
  if (status === 404) return 'Check the target URL (and the repository key).'
  if (status === 429) {
    const wait = retryAfterMs !== undefined ? ` (it asked to wait ${Math.ceil(retryAfterMs / 1000)} s)` : ''
    return `The registry is rate-limiting${wait}; run again later.`
  }
  if (status >= 500) return 'The registry had a server error; run again later.'
  return 'Fix what the registry names and run again.'
}
