// The Agent Skills format, with the verdicts and the wording of the reference validator
// (`skills-ref validate`, agentskills/agentskills skills-ref/src/skills_ref/validator.py).
// Where the reference reads the frontmatter it sees strictyaml's view: every scalar is a string
// as written, so these rules read `frontmatterText`; the warnings it lacks read the YAML 1.2 view.
import path from 'node:path'
import { manifestName, positionOf, pythonStrip, type SkillManifest } from '../skillmd.js'
import type { Profile } from '../types.js'
import { codePoints, describeType, isPlainObject, onlyLettersDigitsHyphens, pythonList } from './text.js'
import type { Finding, Rule } from './types.js'

const MAX_NAME_LENGTH = 64
const MAX_DESCRIPTION_LENGTH = 1024
const MAX_COMPATIBILITY_LENGTH = 500

/** Top-level fields the reference accepts; registry profiles also accept `version`. */
const SPEC_FIELDS = ['name', 'description', 'license', 'allowed-tools', 'metadata', 'compatibility'] as const

/** Nested metadata blocks ClawHub and Artifactory read (REGISTRIES.md §3, §4). */
const REGISTRY_METADATA_BLOCKS = new Set(['openclaw', 'clawdbot', 'clawdis', 'skills'])

const fieldsFor = (profile: Profile): string[] => [...SPEC_FIELDS, ...(profile === 'spec' ? [] : ['version'])].sort()

const text = (manifest: SkillManifest, key: string): unknown => manifest.frontmatterText?.[key]
const has = (manifest: SkillManifest, key: string): boolean => manifest.frontmatterText !== undefined && key in manifest.frontmatterText
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && pythonStrip(value) !== ''

/** The name rules after the first two apply only to a usable string, as in the reference. */
function nameCheck(check: (name: string, manifest: SkillManifest) => string | undefined) {
  return ({ manifest }: { manifest: SkillManifest }): Finding[] => {
    const name = manifestName(manifest)
    if (!isNonEmptyString(text(manifest, 'name')) || name === undefined) return []
    const message = check(name, manifest)
    return message ? [{ message, at: positionOf(manifest, 'name') }] : []
  }
}

/**
 * The nearest name the spec accepts: lowercase, runs of other characters and hyphens as one
 * hyphen, none at either end, at most 64 characters. Undefined when nothing usable is left.
 */
function suggestName(name: string): string | undefined {
  const lowered = name.normalize('NFKC').toLowerCase()
  let result = ''
  for (const char of lowered) result += char === '-' || onlyLettersDigitsHyphens(char) ? char : '-'
  result = result.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '')
  result = [...result].slice(0, MAX_NAME_LENGTH).join('').replace(/-+$/, '')
  return result === '' || result === name ? undefined : result
}

/** "; try 'x'." when a better name exists, else ".": the fix that follows the reference's words. */
function tryName(name: string): string {
  const suggestion = suggestName(name)
  return suggestion === undefined ? '.' : `; try '${suggestion}'.`
}

function directoryName(manifest: SkillManifest): string {
  return manifest.location.dir ? path.basename(manifest.location.dir) : path.posix.basename(manifest.location.path)
}

const STRICT_YAML_WORDS = {
  flow: 'flow style ({...} or [...]) is refused by the reference parser (strictyaml); write the value in block style or quote it',
  tag: 'explicit tags (such as !!str) are refused by the reference parser (strictyaml); remove the tag',
  anchor: 'anchors (&name) are refused by the reference parser (strictyaml); repeat the value instead',
  alias: 'aliases (*name) are refused by the reference parser (strictyaml); repeat the value instead'
} as const

/** allowed-tools given as anything but a string, with the string to write instead. */
function allowedToolsFindings(manifest: SkillManifest, consequence: string): Finding[] {
  if (!has(manifest, 'allowed-tools')) return []
  const value = manifest.frontmatter!['allowed-tools']
  if (typeof value === 'string') return []
  const at = positionOf(manifest, 'allowed-tools')
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return [
      {
        message: `allowed-tools is a YAML list; the spec defines a space-separated string: write allowed-tools: ${value.join(' ')}. ${consequence}`,
        at
      }
    ]
  }
  return [
    {
      message: `allowed-tools is ${describeType(value)}; write the tool names as one space-separated string, e.g. allowed-tools: Read Grep. ${consequence}`,
      at
    }
  ]
}

/** The characters of a name the spec refuses, quoted, each once: 'my_skill' -> "'_'". */
function invalidCharacters(name: string): string {
  const invalid = [...new Set([...name].filter((char) => char !== '-' && !onlyLettersDigitsHyphens(char)))]
  return invalid.map((char) => `'${char}'`).join(', ')
}

export const SPEC_RULES: Rule[] = [
  {
    id: 'spec/yaml-strict',
    severity: 'error',
    profiles: ['spec'],
    summary: 'Frontmatter uses YAML the reference parser (strictyaml) refuses: flow style, tags, anchors or aliases.',
    needs: 'frontmatter',
    check: ({ manifest }) =>
      manifest.strictYamlFeatures.map((feature) => ({
        message: `Invalid YAML in frontmatter: ${STRICT_YAML_WORDS[feature.kind]}`,
        at: feature.position
      }))
  },
  {
    id: 'spec/unknown-field',
    severity: 'error',
    profiles: 'all',
    summary: 'Frontmatter has a top-level field the spec does not define (registry profiles also accept version).',
    needs: 'frontmatter',
    check: ({ manifest, profile }) => {
      const allowed = fieldsFor(profile)
      const unknown = Object.keys(manifest.frontmatterText!).filter((key) => !allowed.includes(key))
      if (unknown.length === 0) return []
      // One message listing them all, sorted as the reference sorts them (Python's sorted(): code points).
      const sorted = [...unknown].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      const fix =
        profile === 'spec' && sorted.includes('version')
          ? ' Move them under metadata (metadata.version for the version) or remove them.'
          : ' Move them under metadata or remove them.'
      return [
        {
          message: `Unexpected fields in frontmatter: ${sorted.join(', ')}. Only ${pythonList(allowed)} are allowed.${fix}`,
          // Where the first of them is written, so an editor jumps to the first one to fix.
          at: positionOf(manifest, unknown[0]!, 'key')
        }
      ]
    }
  },
  {
    id: 'spec/name-required',
    severity: 'error',
    profiles: 'all',
    summary: 'Frontmatter has no name.',
    needs: 'frontmatter',
    check: ({ manifest }) =>
      has(manifest, 'name')
        ? []
        : [{ message: `Missing required field in frontmatter: name. Add name: ${directoryName(manifest)} (the folder's name).` }]
  },
  {
    id: 'spec/name-type',
    severity: 'error',
    profiles: 'all',
    summary: 'name is empty or not a string.',
    needs: 'frontmatter',
    check: ({ manifest }) =>
      has(manifest, 'name') && !isNonEmptyString(text(manifest, 'name'))
        ? [
            {
              message: `Field 'name' must be a non-empty string; found ${describeType(manifest.frontmatter!.name)}. Write name: ${directoryName(manifest)}.`,
              at: positionOf(manifest, 'name')
            }
          ]
        : []
  },
  {
    id: 'spec/name-too-long',
    severity: 'error',
    profiles: 'all',
    summary: `name is longer than ${MAX_NAME_LENGTH} characters (code points after NFKC).`,
    needs: 'frontmatter',
    check: nameCheck((name) =>
      codePoints(name) > MAX_NAME_LENGTH
        ? `Skill name '${name}' exceeds ${MAX_NAME_LENGTH} character limit (${codePoints(name)} chars); shorten it by ${codePoints(name) - MAX_NAME_LENGTH}.`
        : undefined
    )
  },
  {
    id: 'spec/name-lowercase',
    severity: 'error',
    profiles: 'all',
    summary: 'name has uppercase letters.',
    needs: 'frontmatter',
    check: nameCheck((name) => (name !== name.toLowerCase() ? `Skill name '${name}' must be lowercase${tryName(name)}` : undefined))
  },
  {
    id: 'spec/name-hyphen-edge',
    severity: 'error',
    profiles: 'all',
    summary: 'name starts or ends with a hyphen.',
    needs: 'frontmatter',
    check: nameCheck((name) =>
      name.startsWith('-') || name.endsWith('-') ? `Skill name cannot start or end with a hyphen: '${name}'${tryName(name)}` : undefined
    )
  },
  {
    id: 'spec/name-consecutive-hyphens',
    severity: 'error',
    profiles: 'all',
    summary: 'name contains "--".',
    needs: 'frontmatter',
    check: nameCheck((name) =>
      name.includes('--') ? `Skill name cannot contain consecutive hyphens: '${name}'${tryName(name)}` : undefined
    )
  },
  {
    id: 'spec/name-characters',
    severity: 'error',
    profiles: 'all',
    summary: 'name has characters other than letters, digits and hyphens.',
    needs: 'frontmatter',
    check: nameCheck((name) =>
      onlyLettersDigitsHyphens(name)
        ? undefined
        : `Skill name '${name}' contains invalid characters. Only letters, digits, and hyphens are allowed. Found ${invalidCharacters(name)}${tryName(name).replace(/^;/, ',')}`
    )
  },
  {
    id: 'spec/name-directory-mismatch',
    severity: 'error',
    profiles: 'all',
    summary: 'name differs from the name of the skill folder.',
    needs: 'frontmatter',
    check: nameCheck((name, manifest) => {
      const directory = directoryName(manifest)
      return directory.normalize('NFKC') === name
        ? undefined
        : `Directory name '${directory}' must match skill name '${name}'; rename the folder to '${name}' or set name: ${directory}.`
    })
  },
  {
    id: 'spec/description-required',
    severity: 'error',
    profiles: 'all',
    summary: 'Frontmatter has no description.',
    needs: 'frontmatter',
    check: ({ manifest }) =>
      has(manifest, 'description')
        ? []
        : [{ message: 'Missing required field in frontmatter: description. Add one that says what the skill does and when to use it.' }]
  },
  {
    id: 'spec/description-type',
    severity: 'error',
    profiles: 'all',
    summary: 'description is empty or not a string.',
    needs: 'frontmatter',
    check: ({ manifest }) =>
      has(manifest, 'description') && !isNonEmptyString(text(manifest, 'description'))
        ? [
            {
              message: `Field 'description' must be a non-empty string; found ${describeType(manifest.frontmatter!.description)}. Say what the skill does and when to use it.`,
              at: positionOf(manifest, 'description')
            }
          ]
        : []
  },
  {
    id: 'spec/description-too-long',
    severity: 'error',
    profiles: 'all',
    summary: `description is longer than ${MAX_DESCRIPTION_LENGTH} characters (code points).`,
    needs: 'frontmatter',
    check: ({ manifest }) => {
      const description = text(manifest, 'description')
      // The reference counts the description as written (no strip, no NFKC), unlike the name.
      if (!isNonEmptyString(description) || codePoints(description) <= MAX_DESCRIPTION_LENGTH) return []
      return [
        {
          message: `Description exceeds ${MAX_DESCRIPTION_LENGTH} character limit (${codePoints(description)} chars); shorten it by ${codePoints(description) - MAX_DESCRIPTION_LENGTH} and move detail into the body.`,
          at: positionOf(manifest, 'description')
        }
      ]
    }
  },
  {
    id: 'spec/compatibility-type',
    severity: 'error',
    profiles: 'all',
    summary: 'compatibility is not a string.',
    needs: 'frontmatter',
    check: ({ manifest }) =>
      has(manifest, 'compatibility') && typeof text(manifest, 'compatibility') !== 'string'
        ? [
            {
              message: `Field 'compatibility' must be a string; found ${describeType(manifest.frontmatter!.compatibility)}. Write it as one line of text, e.g. compatibility: Requires Python 3.11+.`,
              at: positionOf(manifest, 'compatibility')
            }
          ]
        : []
  },
  {
    id: 'spec/compatibility-too-long',
    severity: 'error',
    profiles: 'all',
    summary: `compatibility is longer than ${MAX_COMPATIBILITY_LENGTH} characters (code points).`,
    needs: 'frontmatter',
    check: ({ manifest }) => {
      const compatibility = text(manifest, 'compatibility')
      if (typeof compatibility !== 'string' || codePoints(compatibility) <= MAX_COMPATIBILITY_LENGTH) return []
      return [
        {
          message: `Compatibility exceeds ${MAX_COMPATIBILITY_LENGTH} character limit (${codePoints(compatibility)} chars); shorten it by ${codePoints(compatibility) - MAX_COMPATIBILITY_LENGTH}.`,
          at: positionOf(manifest, 'compatibility')
        }
      ]
    }
  },
  {
    id: 'spec/allowed-tools-type',
    severity: 'warning',
    profiles: ['spec', 'clawhub', 'artifactory'],
    summary: 'allowed-tools is not a space-separated string (gh skill publish warns too).',
    needs: 'frontmatter',
    check: ({ manifest }) => allowedToolsFindings(manifest, 'Some clients ignore a list.')
  },
  {
    id: 'fastskill/allowed-tools-list',
    severity: 'error',
    profiles: ['fastskill'],
    summary: 'allowed-tools is not a string: FastSkill reads it as a string and drops anything else.',
    needs: 'frontmatter',
    check: ({ manifest }) =>
      allowedToolsFindings(
        manifest,
        'FastSkill reads allowed-tools only as a string and drops anything else, so the tool restriction would be lost.'
      )
  },
  {
    id: 'spec/metadata-type',
    severity: 'warning',
    profiles: 'all',
    summary: 'metadata is not a mapping.',
    needs: 'frontmatter',
    check: ({ manifest }) => {
      if (!has(manifest, 'metadata') || isPlainObject(manifest.frontmatter!.metadata)) return []
      return [
        {
          message: `metadata is ${describeType(manifest.frontmatter!.metadata)}; it must be a mapping of keys to string values.`,
          at: positionOf(manifest, 'metadata')
        }
      ]
    }
  },
  {
    id: 'spec/metadata-value-type',
    severity: 'warning',
    profiles: ['spec', 'clawhub', 'artifactory'],
    summary: 'A metadata value is not a string (ClawHub and Artifactory accept their nested blocks).',
    needs: 'frontmatter',
    check: ({ manifest, profile }) => {
      const metadata = manifest.frontmatter!.metadata
      if (!isPlainObject(metadata)) return []
      return Object.entries(metadata)
        .filter(([key, value]) => typeof value !== 'string' && !(profile !== 'spec' && REGISTRY_METADATA_BLOCKS.has(key)))
        .map(([key, value]) => ({
          message: `metadata.${key} is ${describeType(value)}; the spec maps metadata keys to strings${isPlainObject(value) || Array.isArray(value) ? '' : ': quote the value'}.`,
          at: positionOf(manifest, `metadata.${key}`)
        }))
    }
  },
  {
    id: 'spec/github-install-metadata',
    severity: 'warning',
    profiles: 'all',
    summary: 'metadata holds github-* keys that gh skill install writes into an installed copy; strip them before publishing.',
    needs: 'frontmatter',
    check: ({ manifest }) => {
      const metadata = manifest.frontmatter!.metadata
      if (!isPlainObject(metadata)) return []
      const installKeys = Object.keys(metadata).filter((key) => key.startsWith('github-'))
      if (installKeys.length === 0) return []
      return [
        {
          message: `metadata has install metadata written by gh skill install (${installKeys.map((key) => `metadata.${key}`).join(', ')}); it describes where an installed copy came from, not the skill. Strip it before publishing.`,
          at: positionOf(manifest, `metadata.${installKeys[0]!}`, 'key')
        }
      ]
    }
  },
  {
    id: 'spec/license-missing',
    severity: 'note',
    profiles: 'all',
    summary: 'A skill to be published has no license field (gh skill publish notes it too).',
    needs: 'frontmatter',
    check: ({ manifest, publishTo }) =>
      publishTo === undefined || has(manifest, 'license')
        ? []
        : [
            {
              message:
                'No license field: users of the published skill cannot tell on what terms they may use it. Add license: (an SPDX id such as MIT, or the name of a bundled file).'
            }
          ]
  }
]
