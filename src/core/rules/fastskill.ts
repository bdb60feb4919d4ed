// The FastSkill registry server's own checks (REGISTRIES.md §1): it refuses the upload after the
// fact (job `rejected`), so catching them before packaging saves a round trip.
import { manifestName, positionOf } from '../skillmd.js'
import { codePoints, describeType, isPlainObject, utf8Bytes } from './text.js'
import type { Rule } from './types.js'

const FASTSKILL_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/
const FASTSKILL_NAME_MAX_BYTES = 64
const FASTSKILL_DESCRIPTION_MAX = 1024
/** `standard_validator.rs` counts `compatibility.len()`: UTF-8 bytes. */
const FASTSKILL_COMPATIBILITY_MAX_BYTES = 256
/** Folders whose name in the description makes the server require them (a plain substring test, case-sensitive). */
const FASTSKILL_REFERENCED_FOLDERS = ['scripts', 'references']

export const FASTSKILL_RULES: Rule[] = [
  {
    id: 'fastskill/name-format',
    severity: 'error',
    profiles: ['fastskill'],
    summary: 'The name is not a FastSkill package name: lowercase ASCII words joined by single hyphens, 1-64 bytes.',
    needs: 'frontmatter',
    check: ({ manifest }) => {
      const name = manifestName(manifest)
      if (name === undefined) return []
      const at = positionOf(manifest, 'name')
      if (utf8Bytes(name) > FASTSKILL_NAME_MAX_BYTES)
        return [{ message: `FastSkill names have at most ${FASTSKILL_NAME_MAX_BYTES} bytes; '${name}' has ${utf8Bytes(name)}.`, at }]
      if (!FASTSKILL_NAME_PATTERN.test(name)) {
        return [
          {
            message: `'${name}' is not a FastSkill package name: use lowercase ASCII letters and digits in words joined by single hyphens (e.g. pdf-tools).`,
            at
          }
        ]
      }
      return []
    }
  },
  {
    id: 'fastskill/description-length',
    severity: 'warning',
    profiles: ['fastskill'],
    summary: 'The description is over 1024 bytes, which a server counting bytes refuses.',
    needs: 'frontmatter',
    check: ({ manifest }) => {
      const description = manifest.frontmatterText!.description
      // Over 1024 characters is spec/description-too-long already; this catches multi-byte text under it.
      if (
        typeof description !== 'string' ||
        codePoints(description) > FASTSKILL_DESCRIPTION_MAX ||
        utf8Bytes(description) <= FASTSKILL_DESCRIPTION_MAX
      )
        return []
      return [
        {
          message: `The description is ${codePoints(description)} characters but ${utf8Bytes(description)} bytes in UTF-8; a FastSkill server that counts bytes refuses more than ${FASTSKILL_DESCRIPTION_MAX}. Shorten it.`,
          at: positionOf(manifest, 'description')
        }
      ]
    }
  },
  {
    id: 'fastskill/metadata-not-string',
    severity: 'error',
    profiles: ['fastskill'],
    summary: 'metadata is not a mapping of strings to strings, which the FastSkill server requires.',
    needs: 'frontmatter',
    check: ({ manifest }) => {
      if (!('metadata' in manifest.frontmatter!)) return []
      const metadata = manifest.frontmatter!.metadata
      if (!isPlainObject(metadata)) {
        return [
          {
            message: `metadata is ${describeType(metadata)}; the FastSkill server requires a mapping of strings to strings.`,
            at: positionOf(manifest, 'metadata')
          }
        ]
      }
      return Object.entries(metadata)
        .filter(([, value]) => typeof value !== 'string')
        .map(([key, value]) => ({
          message: `metadata.${key} is ${describeType(value)}; the FastSkill server requires string values${isPlainObject(value) || Array.isArray(value) ? ': flatten it into string keys' : ': quote it'}.`,
          at: positionOf(manifest, `metadata.${key}`)
        }))
    }
  },
  {
    id: 'fastskill/version-path-unsafe',
    severity: 'error',
    profiles: ['fastskill'],
    summary: 'The version is not safe as a path segment (.., / or \\).',
    needs: 'nothing',
    check: ({ version }) => {
      const value = version.value
      if (value === undefined || !(value.includes('..') || value.includes('/') || value.includes('\\'))) return []
      const at = version.line !== undefined ? { line: version.line, column: version.column ?? 1 } : undefined
      return [
        {
          message: `Version '${value}' contains "..", "/" or "\\"; the FastSkill server stores versions as path segments and refuses it.`,
          at
        }
      ]
    }
  },
  {
    id: 'fastskill/compatibility-length',
    severity: 'error',
    profiles: ['fastskill'],
    summary: `compatibility is over ${FASTSKILL_COMPATIBILITY_MAX_BYTES} bytes, which the FastSkill server's validator refuses.`,
    needs: 'frontmatter',
    check: ({ manifest }) => {
      const compatibility = manifest.frontmatterText!.compatibility
      if (typeof compatibility !== 'string' || utf8Bytes(compatibility) <= FASTSKILL_COMPATIBILITY_MAX_BYTES) return []
      return [
        {
          message: `compatibility is ${utf8Bytes(compatibility)} bytes; the FastSkill server refuses more than ${FASTSKILL_COMPATIBILITY_MAX_BYTES} (the spec allows 500 characters). Shorten it.`,
          at: positionOf(manifest, 'compatibility')
        }
      ]
    }
  },
  {
    id: 'fastskill/referenced-folder-missing',
    severity: 'error',
    profiles: ['fastskill'],
    summary: 'The description mentions scripts or references, but the skill has no such folder; the FastSkill server refuses it.',
    needs: 'frontmatter',
    check: ({ manifest, fileExists }) => {
      const description = manifest.frontmatterText!.description
      if (typeof description !== 'string') return []
      return FASTSKILL_REFERENCED_FOLDERS.filter((folder) => description.includes(folder) && !fileExists(folder)).map((folder) => ({
        message: `The description mentions "${folder}" but the skill has no ${folder}/ folder; the FastSkill server refuses that ("${folder}/ directory referenced but not found"). Add the folder, or reword the description.`,
        at: positionOf(manifest, 'description')
      }))
    }
  }
]
