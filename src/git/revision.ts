// Revisions that come from outside (event payloads, GITHUB_SHA, the `base` input, `--since`) are
// checked here before git sees them: a value git would read as an option (`--upload-pack=...`)
// runs commands. Commit ids from an event must be commit ids; a ref a person names must look
// like a revision. Every git call also puts such values after `--end-of-options` (git.ts).

/** Thrown for a revision that cannot be passed to git; the message names where it came from. */
class UnsafeRevisionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnsafeRevisionError'
  }
}

/** SHA-1 (40) or SHA-256 (64) hex digits. */
const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i

/**
 * A commit id from an event or the environment, as it was given; undefined stays undefined.
 * Anything else is refused: GitHub only ever sends full commit ids there.
 */
export function commitId(value: string | undefined, source: string): string | undefined {
  if (value === undefined || COMMIT_ID.test(value)) return value
  throw new UnsafeRevisionError(
    `${source} is ${shown(value)}, which is not a commit id (40 or 64 hex digits); skillpub passes only commit ids from an event to git. ` +
      'Check the event that started this run.'
  )
}

/**
 * A ref or revision a person named (`main`, `v1.2.0`, `HEAD~3`, a commit id). Refused: a leading
 * `-` (an option to git), whitespace and control characters, and `:` (a refspec that would write a
 * local ref when fetched).
 */
export function namedRevision(value: string, source: string): string {
  if (value !== '' && !value.startsWith('-') && !/[\s:\p{Cc}]/u.test(value)) return value
  throw new UnsafeRevisionError(
    `${source} is ${shown(value)}, which is not a git revision: give a branch, tag or commit id ` +
      '(it may not start with "-" or hold spaces, control characters or ":").'
  )
}

/** The value quoted for a message, escaped and short (it may be hostile and huge). */
function shown(value: string): string {
  const clipped = value.length > 80 ? `${value.slice(0, 79)}…` : value
  return JSON.stringify(clipped)
}
