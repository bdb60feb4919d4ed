// JFrog Artifactory skills repositories: the slug is a path segment of the storage layout,
// and SKILL.md is indexed only up to 5 MB.
import { manifestName, positionOf, MAX_SKILL_MD_BYTES } from '../skillmd.js'
import { megabytes } from './text.js'
import type { Rule } from './types.js'

const ARTIFACTORY_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/

export const ARTIFACTORY_RULES: Rule[] = [
  {
    id: 'artifactory/slug-format',
    severity: 'error',
    profiles: ['artifactory'],
    summary: 'The name is not an Artifactory slug (^[a-z0-9][a-z0-9-]*$).',
    needs: 'frontmatter',
    check: ({ manifest }) => {
      const slug = manifestName(manifest)
      if (slug === undefined || ARTIFACTORY_SLUG_PATTERN.test(slug)) return []
      return [
        {
          message: `'${slug}' is not an Artifactory skill slug: use lowercase ASCII letters, digits and hyphens, starting with a letter or digit.`,
          at: positionOf(manifest, 'name')
        }
      ]
    }
  },
  {
    id: 'artifactory/skillmd-too-large',
    severity: 'error',
    profiles: ['artifactory'],
    summary: 'SKILL.md is over 5 MB, so Artifactory does not index its frontmatter.',
    needs: 'nothing',
    check: ({ manifest }) =>
      manifest.size > MAX_SKILL_MD_BYTES
        ? [
            {
              message: `SKILL.md is ${megabytes(manifest.size)} MB; Artifactory reads SKILL.md only up to 5 MB, so the skill would not be indexed. Move long material into references/ files.`
            }
          ]
        : []
  }
]
