// ClawHub's catalog metadata, checked before anything is sent, with the server's own limits
// (openclaw/clawhub `packages/schema/src/catalogMetadata.ts`): at most 3 categories from a fixed
// list, at most 5 topics of at most 48 characters, repeats dropped after normalising.

/** `SKILL_CATEGORY_DEFINITIONS` slugs; an unknown one fails the publish on the server. */
const CLAWHUB_SKILL_CATEGORIES = [
  'integrations',
  'automation',
  'research',
  'development',
  'productivity',
  'communication',
  'creative',
  'knowledge',
  'agents',
  'operations',
  'security',
  'finance',
  'lifestyle',
  'other'
] as const

const CATEGORY_LIMIT = 3
const TOPIC_LIMIT = 5
const TOPIC_MAX_LENGTH = 48
/** Topics only ClawHub itself may give (`RESERVED_CATALOG_TOPIC_SLUGS`). */
const RESERVED_TOPICS = new Set(
  'approved audited certified clawhub community curated endorsed featured official officials openclaw recommended staff-pick trusted trusted-publisher verified'.split(
    ' '
  )
)
const UNCATEGORISED = 'other'

/** The categories as the server stores them (repeats dropped; `other` dropped beside specific ones); throws a message naming what is wrong. */
export function normalizeCategories(values: readonly string[]): string[] {
  const known = new Set<string>(CLAWHUB_SKILL_CATEGORIES)
  const seen: string[] = []
  for (const raw of values) {
    const value = raw.trim()
    if (!value) continue
    if (!known.has(value)) {
      throw new Error(`"${value}" is not a ClawHub skill category; use one of ${CLAWHUB_SKILL_CATEGORIES.join(', ')}`)
    }
    if (!seen.includes(value)) seen.push(value)
  }
  const specific = seen.filter((value) => value !== UNCATEGORISED)
  const categories = specific.length > 0 ? specific : seen
  if (categories.length > CATEGORY_LIMIT) throw new Error(`ClawHub takes at most ${CATEGORY_LIMIT} categories; ${categories.length} given`)
  return categories
}

/** The topics as the server stores them: NFKC, whitespace collapsed, repeats (by slug) dropped; throws a message naming what is wrong. */
export function normalizeTopics(values: readonly string[]): string[] {
  const topics: string[] = []
  const slugs = new Set<string>()
  for (const raw of values) {
    if (/\p{Cf}/u.test(raw)) throw new Error(`the topic ${JSON.stringify(raw)} holds invisible format characters`)
    const label = raw.normalize('NFKC').trim().replace(/\s+/g, ' ')
    if (!label) continue
    // UTF-16 units, as the server counts.
    if (label.length > TOPIC_MAX_LENGTH) {
      throw new Error(`the topic "${label}" is longer than ${TOPIC_MAX_LENGTH} characters`)
    }
    const slug = topicSlug(label)
    if (!slug) throw new Error(`the topic "${label}" has no letters or digits`)
    if (RESERVED_TOPICS.has(slug)) throw new Error(`the topic "${label}" is reserved by ClawHub`)
    if (slugs.has(slug)) continue
    slugs.add(slug)
    topics.push(label)
  }
  if (topics.length > TOPIC_LIMIT) throw new Error(`ClawHub takes at most ${TOPIC_LIMIT} topics; ${topics.length} different ones given`)
  return topics
}

function topicSlug(label: string): string {
  return label
    .toLocaleLowerCase('en-US')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
}
