// The rule catalogue: every rule id skillpub can report, in the order checks run
// (spec checks follow the reference validator's order so messages come out alike).
import { PARSE_RULES } from '../skillmd.js'
import type { Profile } from '../types.js'
import { ARTIFACTORY_RULES } from './artifactory.js'
import { BODY_RULES } from './body.js'
import { CLAWHUB_RULES } from './clawhub.js'
import { FASTSKILL_RULES } from './fastskill.js'
import { SPEC_RULES } from './spec.js'
import type { Rule, RuleInfo } from './types.js'
import { VERSION_RULES, VERSION_STAGE_RULES } from './version.js'

export type { Rule, RuleContext, RuleInfo, SkillFileSize } from './types.js'

/** Rules that check a parsed skill. */
export const CHECKS: ReadonlyArray<Rule> = [
  ...SPEC_RULES,
  ...BODY_RULES,
  ...VERSION_RULES,
  ...CLAWHUB_RULES,
  ...ARTIFACTORY_RULES,
  ...FASTSKILL_RULES
]

/** Reported by `findDuplicateNames` across skills. */
export const DUPLICATE_NAME_RULE: RuleInfo = {
  id: 'repo/duplicate-name',
  severity: 'error',
  profiles: 'all',
  summary: 'Two skills in the repository have the same name.'
}

/** Noted by the check stage on the skill kept for identical copies in other folders. */
export const IDENTICAL_COPIES_RULE: RuleInfo = {
  id: 'repo/identical-copies',
  severity: 'note',
  profiles: 'all',
  summary: 'The same skill (same files, same bytes) is in several folders, such as one per agent: it is handled once.'
}

/** Every rule id with its severity, profiles and summary (SARIF rule metadata, docs). */
export const RULES: ReadonlyArray<RuleInfo> = [
  ...PARSE_RULES.map((rule) => ({ ...rule, profiles: 'all' as const })),
  ...CHECKS.map(({ id, severity, profiles, summary }) => ({ id, severity, profiles, summary })),
  DUPLICATE_NAME_RULE,
  IDENTICAL_COPIES_RULE,
  ...VERSION_STAGE_RULES
]

export function appliesTo(rule: RuleInfo, profile: Profile): boolean {
  return rule.profiles === 'all' || rule.profiles.includes(profile)
}

export function checksFor(profile: Profile): Rule[] {
  return CHECKS.filter((rule) => appliesTo(rule, profile))
}
