// ClawHub's rules for new skills (openclaw/clawhub convex/lib/skillSlugValidator.ts and
// publishLimits): the slug is the skill's name.
import { manifestName, positionOf } from '../skillmd.js'
import { codePoints, megabytes } from './text.js'
import type { Finding, Rule, RuleContext } from './types.js'

const CLAWHUB_SLUG_PATTERN = /^[a-z0-9](?:(?!--)[a-z0-9-])*[a-z0-9]$/
const CLAWHUB_SLUG_MIN = 3
/** The contract (REGISTRIES.md §2); the current server source caps new slugs lower, see below. */
const CLAWHUB_SLUG_MAX = 96
const CLAWHUB_SERVER_SLUG_MAX = 48
const CLAWHUB_MAX_FILE_BYTES = 10 * 1024 * 1024
const CLAWHUB_MAX_SKILL_BYTES = 50 * 1024 * 1024

/** Route segments, brand names, role and CRUD words and literals ClawHub refuses as new slugs. */
const CLAWHUB_RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'about',
  'admin',
  'cli',
  'dashboard',
  'import',
  'management',
  'orgs',
  'packages',
  'plugins',
  'publishers',
  'publish',
  'publish-plugin',
  'publish-skill',
  'search',
  'settings',
  'skills',
  'souls',
  'stars',
  'u',
  'upload',
  'users',
  'api',
  'auth',
  'oauth',
  'callback',
  'login',
  'logout',
  'signin',
  'signout',
  'signup',
  'register',
  'docs',
  'doc',
  'help',
  'support',
  'status',
  'health',
  'blog',
  'news',
  'pricing',
  'terms',
  'privacy',
  'legal',
  'contact',
  'home',
  'explore',
  'openclaw',
  'clawhub',
  'clawd',
  'clawdbot',
  'onlycrabs',
  'soulhub',
  'me',
  'self',
  'system',
  'root',
  'owner',
  'official',
  'staff',
  'team',
  'mod',
  'moderator',
  'new',
  'edit',
  'delete',
  'create',
  'update',
  'remove',
  'public',
  'private',
  'internal',
  'null',
  'undefined',
  'true',
  'false'
])

/** `openclaw-x` and `x-openclaw` are refused for each of these (namespace squatting). */
const CLAWHUB_PROTECTED_AFFIXES = [
  'openclaw',
  'clawhub',
  'clawd',
  'clawdbot',
  'onlycrabs',
  'soulhub',
  'official',
  'verified',
  'staff',
  'admin',
  'moderator'
] as const

/** ClawHub trims and lowercases the slug before judging it. */
const slugOf = (context: RuleContext): string | undefined => manifestName(context.manifest)?.toLowerCase()

function slugRule(check: (slug: string) => string | undefined): (context: RuleContext) => Finding[] {
  return (context) => {
    const slug = slugOf(context)
    const message = slug === undefined ? undefined : check(slug)
    return message ? [{ message, at: positionOf(context.manifest, 'name') }] : []
  }
}

// ClawHub never receives skill-card.md (it generates its own), so it does not count.
const counted = (context: RuleContext) => (context.files ?? []).filter((file) => file.path !== 'skill-card.md')

export const CLAWHUB_RULES: Rule[] = [
  {
    id: 'clawhub/slug-format',
    severity: 'error',
    profiles: ['clawhub'],
    summary: `The name is not a ClawHub slug: ${CLAWHUB_SLUG_MIN}-${CLAWHUB_SLUG_MAX} characters, lowercase letters, digits and single hyphens.`,
    needs: 'frontmatter',
    check: slugRule((slug) => {
      const length = codePoints(slug)
      if (length < CLAWHUB_SLUG_MIN)
        return `ClawHub slugs need at least ${CLAWHUB_SLUG_MIN} characters; '${slug}' has ${length}. Rename the skill and its folder.`
      if (length > CLAWHUB_SLUG_MAX)
        return `ClawHub slugs have at most ${CLAWHUB_SLUG_MAX} characters; '${slug}' has ${length}. Rename the skill and its folder.`
      if (!CLAWHUB_SLUG_PATTERN.test(slug)) {
        return `'${slug}' is not a ClawHub slug: it must start and end with a letter or digit and contain only lowercase letters, digits and single hyphens.`
      }
      return undefined
    })
  },
  {
    id: 'clawhub/slug-long',
    severity: 'warning',
    profiles: ['clawhub'],
    summary: `The name is longer than ${CLAWHUB_SERVER_SLUG_MAX} characters, which the current ClawHub server refuses for new skills.`,
    needs: 'frontmatter',
    check: slugRule((slug) => {
      const length = codePoints(slug)
      if (length <= CLAWHUB_SERVER_SLUG_MAX || length > CLAWHUB_SLUG_MAX) return undefined
      return `'${slug}' has ${length} characters; the current ClawHub server refuses new slugs over ${CLAWHUB_SERVER_SLUG_MAX} ("Slug must be at most ${CLAWHUB_SERVER_SLUG_MAX} characters."). Consider a shorter name.`
    })
  },
  {
    id: 'clawhub/reserved-slug',
    severity: 'error',
    profiles: ['clawhub'],
    summary: 'The name is a word ClawHub reserves (routes, brands, roles).',
    needs: 'frontmatter',
    check: slugRule((slug) =>
      CLAWHUB_RESERVED_SLUGS.has(slug)
        ? `"${slug}" is reserved on ClawHub and cannot be the slug of a new skill: choose another name.`
        : undefined
    )
  },
  {
    id: 'clawhub/protected-slug',
    severity: 'error',
    profiles: ['clawhub'],
    summary: 'The name starts or ends with a protected ClawHub namespace (openclaw-, -official, ...).',
    needs: 'frontmatter',
    check: slugRule((slug) => {
      if (CLAWHUB_RESERVED_SLUGS.has(slug)) return undefined // reported as reserved
      const affix = CLAWHUB_PROTECTED_AFFIXES.find((word) => slug.startsWith(`${word}-`) || slug.endsWith(`-${word}`))
      return affix
        ? `"${slug}" uses ClawHub's protected "${affix}" namespace: choose a name that does not start with "${affix}-" or end with "-${affix}".`
        : undefined
    })
  },
  {
    id: 'clawhub/file-too-large',
    severity: 'error',
    profiles: ['clawhub'],
    summary: "A file of the skill is over ClawHub's 10 MB per-file limit.",
    needs: 'nothing',
    check: (context) =>
      counted(context)
        .filter((file) => file.size > CLAWHUB_MAX_FILE_BYTES)
        .map((file) => ({
          message: `File "${file.path}" is ${megabytes(file.size)} MB; ClawHub refuses files over 10 MB. Shrink it, or leave it out with .clawhubignore.`
        }))
  },
  {
    id: 'clawhub/skill-too-large',
    severity: 'error',
    profiles: ['clawhub'],
    summary: "The skill's files total more than ClawHub's 50 MB limit.",
    needs: 'nothing',
    check: (context) => {
      const total = counted(context).reduce((sum, file) => sum + file.size, 0)
      if (total <= CLAWHUB_MAX_SKILL_BYTES) return []
      return [
        {
          message: `The skill's files total ${megabytes(total)} MB; ClawHub refuses skills over 50 MB. Leave large files out with .clawhubignore.`
        }
      ]
    }
  }
]
