// Which skills a run handles: event -> range (event-range.ts) -> git or the hosted compare API ->
// changed paths -> skills (core/changes.ts). Every fallback widens to all skills and says why;
// missing history never reads as "nothing changed".

import { ConfigError, type ChangeQuery } from '../config.js'
import { mapPathsToSkills, type FileChange } from '../core/changes.js'
import { previousTagCandidates } from '../core/tags.js'
import type { ChangeSet, Logger, SkillLocation } from '../core/types.js'
import { planRange, runTag, type RangePlan } from './event-range.js'
import { diffCommits, diffWorkingTree, hasRemote, listRemoteTags, listTags, resolveCommit, workTree } from './git.js'
import { createGitHubCompareApi, pullRequestOfEvent, type CompareApi } from './github-compare.js'
import { ensureCommit, ensureCommits, fetchTagCommit, findMergeBase, REMOTE, short } from './history.js'

export interface DetectOptions {
  /** The hosted fallback; by default built from `query.github` when that is given. */
  compareApi?: CompareApi
  /** `--deepen` steps for shallow clones (tests use small ones). */
  deepenSteps?: readonly number[]
  /** How the face names the base option in an error (`--since`, input 'base'). */
  sinceLabel?: string
}

/**
 * An explicit base that names no commit (here or on the remote): a usage error. Handling every
 * skill instead would publish what nobody asked for; missing history is another matter (below).
 */
class UnknownBaseError extends ConfigError {
  constructor(
    readonly ref: string,
    label: string,
    why: string
  ) {
    super(
      `${label.replace(/^./, (first) => first.toUpperCase())} ${ref}: ${why}. Give a branch, tag or commit that exists (in a shallow clone, fetch it first).`
    )
    this.name = 'UnknownBaseError'
  }
}

/** Previous-tag candidates checked for reachability before giving up (newest first). */
const MAX_TAG_CANDIDATES = 10

interface Context {
  root: string
  /** Where `root` sits inside the work tree (`sub/dir/` or ``): git paths are relative to the top. */
  prefix: string
  query: ChangeQuery
  skillPaths: string[]
  logger: Logger
  compareApi?: CompareApi
  deepenSteps?: readonly number[]
  sinceLabel: string
}

/** A verdict before it becomes a ChangeSet. */
type Outcome =
  | { all: true; reason: string; notes: string[]; removed?: string[] }
  | { all: false; changed: string[]; removed: string[]; reason: string; notes: string[] }

type RangeChanges =
  | { files: FileChange[]; base: string; mergeBase: string; head: string; via: 'git' | 'compare API'; notes: string[]; diverged: boolean }
  | { unavailable: string; notes: string[] }

export async function detectChanges(
  query: ChangeQuery,
  skills: SkillLocation[],
  root: string,
  logger: Logger,
  options: DetectOptions = {}
): Promise<ChangeSet> {
  const skillPaths = skills.map((skill) => skill.path).sort()
  const tag = tagOfRun(query, skillPaths)
  const plan = planRange(query)
  logger.debug(`Change detection plan: ${plan.kind}`)
  const outcome = await decide(plan, {
    root,
    prefix: '',
    query,
    skillPaths,
    logger,
    ...compareApiOf(query, options, logger),
    ...deepenOf(options),
    sinceLabel: options.sinceLabel ?? 'base'
  })
  return {
    all: outcome.all,
    changed: outcome.all ? skillPaths : outcome.changed,
    removed: outcome.removed ?? [],
    reason: outcome.reason,
    notes: outcome.notes,
    ...(tag !== undefined ? { tag } : {})
  }
}

async function decide(plan: RangePlan, context: Context): Promise<Outcome> {
  if (plan.kind === 'all') return { all: true, reason: plan.reason, notes: [] }
  if (plan.kind === 'skill-tag') return selectTaggedSkill(plan.tagName, plan.skillName, context.skillPaths)

  try {
    context.prefix = (await workTree(context.root)).prefix
  } catch (error) {
    if (plan.kind === 'since') throw new UnknownBaseError(plan.since, context.sinceLabel, `${context.root} is not inside a git work tree`)
    return everySkill(`${context.root} is not inside a git work tree, so changes cannot be detected`, [errorText(error)])
  }
  try {
    switch (plan.kind) {
      case 'range':
        return await pushOrPullRequest(plan, context)
      case 'new-branch':
        return await newBranch(plan, context)
      case 'repository-tag':
        return await repositoryTag(plan, context)
      case 'since':
        return await since(plan, context)
    }
  } catch (error) {
    if (error instanceof UnknownBaseError) throw error
    // A git failure mid-way (corrupt repository, killed fetch) must not stop the run or hide skills.
    return everySkill('change detection failed', [`Change detection failed, so every skill is handled: ${errorText(error)}`])
  }
}

async function pushOrPullRequest(plan: Extract<RangePlan, { kind: 'range' }>, context: Context): Promise<Outcome> {
  const range = await changesBetween(context, plan.base, plan.head)
  if ('unavailable' in range) {
    const forced = plan.forcedPush === true ? ' (a force push; the previous head may be gone)' : ''
    return everySkill(`${plan.label}: the range ${short(plan.base)}..${short(plan.head)} could not be compared${forced}`, [
      ...range.notes,
      `History unavailable: ${range.unavailable}.`
    ])
  }
  const notes = [...range.notes]
  // A pull request's base branch moves on by itself; only a push whose `before` left the history is a force push.
  if (plan.event === 'push' && range.diverged) {
    // The merge-base diff holds the new commits; the old head's diff adds what the dropped commits
    // had changed (a skill they edited is now different from what was published from them).
    const dropped = range.via === 'git' ? await diffCommits(context.root, range.base, range.head) : []
    range.files = [...range.files, ...dropped]
    notes.push(
      `Force push: ${short(plan.base)} is not an ancestor of ${short(plan.head)}; compared ${short(plan.head)} with their merge base ${short(range.mergeBase)} and with ${short(plan.base)}, so rewritten and dropped commits count as changes.`
    )
  }
  return fromFiles(context, range, `${plan.label}: compared ${short(range.head)} with merge base ${short(range.mergeBase)}`, notes)
}

async function newBranch(plan: Extract<RangePlan, { kind: 'new-branch' }>, context: Context): Promise<Outcome> {
  const { defaultBranch, branch } = plan
  if (defaultBranch === undefined) return everySkill(`New branch ${branch}: the event names no default branch to compare with`)
  if (branch === defaultBranch) return everySkill(`First push of the default branch ${defaultBranch}: there is nothing to compare with`)
  const base = (await resolveCommit(context.root, `refs/remotes/${REMOTE}/${defaultBranch}`)) ?? `refs/heads/${defaultBranch}`
  const range = await changesBetween(context, base, plan.head, defaultBranch)
  if ('unavailable' in range) {
    return everySkill(`New branch ${branch}: its merge base with ${defaultBranch} could not be found`, [
      ...range.notes,
      `History unavailable: ${range.unavailable}.`
    ])
  }
  return fromFiles(
    context,
    range,
    `New branch ${branch}: compared ${short(range.head)} with its merge base ${short(range.mergeBase)} with ${defaultBranch}`,
    range.notes
  )
}

async function repositoryTag(plan: Extract<RangePlan, { kind: 'repository-tag' }>, context: Context): Promise<Outcome> {
  const { root, logger } = context
  const notes: string[] = []
  const head = (await ensureCommit(root, plan.head, logger)) ?? (await fetchTagCommit(root, plan.tagName, logger))
  if (head === undefined) return everySkill(`Tag ${plan.tagName}: its commit is not in the clone and could not be fetched`)

  const tags = new Set(await listTags(root))
  if (await hasRemote(root, REMOTE)) {
    try {
      for (const tag of (await listRemoteTags(root, REMOTE)).keys()) tags.add(tag)
    } catch (error) {
      notes.push(`Tags on '${REMOTE}' could not be listed, so only local tags were considered: ${errorText(error)}`)
    }
  }
  const candidates = previousTagCandidates(plan.tag, [...tags], context.query.tagPatterns).slice(0, MAX_TAG_CANDIDATES)
  if (candidates.length === 0) return everySkill(`Tag ${plan.tagName} is the first tag of the form ${plan.tag.pattern}`, notes)

  for (const candidate of candidates) {
    const candidateCommit = await fetchTagCommit(root, candidate, logger)
    if (candidateCommit === undefined) {
      notes.push(`Tag ${candidate} could not be fetched, so it was skipped.`)
      continue
    }
    const range = await changesBetween(context, candidateCommit, head, candidate, plan.tagName)
    if ('unavailable' in range) {
      return everySkill(`Tag ${plan.tagName}: the history since ${candidate} could not be compared`, [
        ...notes,
        ...range.notes,
        `History unavailable: ${range.unavailable}.`
      ])
    }
    if (range.diverged) {
      logger.debug(`Tag ${candidate} is not an ancestor of ${plan.tagName}; trying an older one`)
      continue
    }
    return fromFiles(context, range, `Tag ${plan.tagName}: compared with the previous tag ${candidate}`, [...notes, ...range.notes])
  }
  return everySkill(`Tag ${plan.tagName}: no earlier tag of the form ${plan.tag.pattern} is in its history`, notes)
}

async function since(plan: Extract<RangePlan, { kind: 'since' }>, context: Context): Promise<Outcome> {
  const base =
    (await resolveCommit(context.root, plan.since)) ??
    (await resolveCommit(context.root, `refs/remotes/${REMOTE}/${plan.since}`)) ??
    (await ensureCommit(context.root, plan.since, context.logger))
  if (base === undefined) {
    throw new UnknownBaseError(plan.since, context.sinceLabel, `not a commit in this repository, nor one '${REMOTE}' could send`)
  }
  const range = await changesBetween(context, base, plan.head, plan.since, plan.head, plan.workingTree)
  if ('unavailable' in range) {
    return everySkill(`Base ${plan.since} could not be compared with ${short(plan.head)}`, [
      ...range.notes,
      `History unavailable: ${range.unavailable}.`
    ])
  }
  const what = plan.workingTree ? 'the working tree' : short(range.head)
  return fromFiles(context, range, `Since ${plan.since}: compared ${what} with merge base ${short(range.mergeBase)}`, range.notes)
}

/**
 * Files changed from the merge base of `base` and `head` to `head` (or to the working tree):
 * from git, deepening a shallow clone as needed, else from the hosted compare API.
 */
async function changesBetween(
  context: Context,
  base: string,
  head: string,
  apiBase = base,
  apiHead = head,
  workingTree = false
): Promise<RangeChanges> {
  const { root, logger } = context
  const notes: string[] = []
  const [headCommit, baseCommit] = await ensureCommits(root, [head, base], logger)
  let unavailable: string
  if (headCommit !== undefined && baseCommit !== undefined) {
    const found = await findMergeBase(
      root,
      baseCommit,
      headCommit,
      logger,
      context.deepenSteps !== undefined ? { deepenSteps: context.deepenSteps } : {}
    )
    notes.push(...found.notes)
    if ('mergeBase' in found) {
      const files = workingTree ? await diffWorkingTree(root, found.mergeBase) : await diffCommits(root, found.mergeBase, headCommit)
      return {
        files,
        base: baseCommit,
        mergeBase: found.mergeBase,
        head: headCommit,
        via: 'git',
        notes,
        diverged: found.mergeBase !== baseCommit
      }
    }
    unavailable = found.unavailable
  } else {
    const missing = [headCommit === undefined ? head : undefined, baseCommit === undefined ? base : undefined].filter(
      (revision) => revision !== undefined
    )
    unavailable = `${missing.map(short).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not in the clone and could not be fetched from '${REMOTE}'`
  }

  if (context.compareApi === undefined || workingTree) return { unavailable, notes }
  try {
    const compared = await context.compareApi.compare(apiBase, apiHead)
    if (!compared.complete) return { unavailable: `${unavailable}, and GitHub's compare API listed too many files to be complete`, notes }
    notes.push(`Git history was unavailable (${unavailable}); used GitHub's compare API for ${short(apiBase)}...${short(apiHead)}.`)
    return {
      files: compared.files,
      base: apiBase,
      mergeBase: compared.mergeBase ?? apiBase,
      head: apiHead,
      via: 'compare API',
      notes,
      diverged: compared.status === 'diverged' || compared.status === 'behind'
    }
  } catch (error) {
    return { unavailable: `${unavailable}, and GitHub's compare API failed: ${errorText(error)}`, notes }
  }
}

function fromFiles(context: Context, range: Extract<RangeChanges, { files: FileChange[] }>, describe: string, notes: string[]): Outcome {
  const files = relativeToRoot(range.files, context.prefix)
  const mapped = mapPathsToSkills(files, context.skillPaths, context.query.sharedPaths)
  const counts = `${files.length} changed file${files.length === 1 ? '' : 's'}`
  const via = range.via === 'git' ? '' : ` (via ${range.via})`
  if (mapped.sharedHit !== undefined) {
    return {
      all: true,
      removed: mapped.removed,
      reason: `${describe}${via}: shared path ${mapped.sharedHit} changed, so every skill is handled.`,
      notes
    }
  }
  const skills = `${mapped.changed.length} changed skill${mapped.changed.length === 1 ? '' : 's'}`
  const removed = mapped.removed.length > 0 ? `, ${mapped.removed.length} removed` : ''
  context.logger.debug(`${describe}: ${counts}, ${skills}${removed}`)
  return {
    all: false,
    changed: mapped.changed,
    removed: mapped.removed,
    reason: `${describe}${via}: ${counts}, ${skills}${removed}.`,
    notes
  }
}

/** Git lists paths from the top of the work tree; skills and shared paths are relative to `root`. */
function relativeToRoot(files: FileChange[], prefix: string): FileChange[] {
  if (prefix === '') return files
  const result: FileChange[] = []
  for (const file of files) {
    const inside = file.path.startsWith(prefix)
    const previousInside = file.previousPath?.startsWith(prefix) === true
    if (!inside && !previousInside) continue
    if (inside && (file.previousPath === undefined || previousInside)) {
      const change: FileChange = { status: file.status, path: file.path.slice(prefix.length) }
      if (file.previousPath !== undefined) change.previousPath = file.previousPath.slice(prefix.length)
      result.push(change)
    } else if (inside) {
      result.push({ status: 'added', path: file.path.slice(prefix.length) })
    } else {
      result.push({ status: 'deleted', path: (file.previousPath ?? '').slice(prefix.length) })
    }
  }
  return result
}

/** A per-skill tag selects the folder named by the tag: its relative path, or else its folder name. */
function selectTaggedSkill(tagName: string, skillName: string, skillPaths: string[]): Outcome {
  const selected = skillsNamed(skillName, skillPaths)
  if (selected.length === 0) {
    return {
      all: false,
      changed: [],
      removed: [],
      reason: `Tag ${tagName} names skill ${skillName}, but no skill folder is called ${skillName}.`,
      notes: [`Tag ${tagName} selects no skill: check the tag name against the skill folders.`]
    }
  }
  const notes =
    selected.length > 1 ? [`Tag ${tagName} matches ${selected.length} skill folders named ${skillName}: ${selected.join(', ')}.`] : []
  return { all: false, changed: selected, removed: [], reason: `Tag ${tagName} selects skill ${selected.join(', ')}.`, notes }
}

function skillsNamed(name: string, skillPaths: string[]): string[] {
  if (skillPaths.includes(name)) return [name]
  return skillPaths.filter((path) => path.slice(path.lastIndexOf('/') + 1) === name)
}

function tagOfRun(query: ChangeQuery, skillPaths: string[]): ChangeSet['tag'] {
  const tag = runTag(query)
  if (tag?.parsed === undefined) return undefined
  const { name, version } = tag.parsed
  if (name === undefined) return { name: tag.tagName, version }
  const selected = skillsNamed(name, skillPaths)
  return selected.length === 1 && selected[0] !== undefined
    ? { name: tag.tagName, skill: selected[0], version }
    : { name: tag.tagName, version }
}

function everySkill(why: string, notes: string[] = []): Outcome {
  return { all: true, reason: `${why}: every skill is handled.`, notes }
}

function compareApiOf(query: ChangeQuery, options: DetectOptions, logger: Logger): { compareApi?: CompareApi } {
  if (options.compareApi !== undefined) return { compareApi: options.compareApi }
  if (query.github === undefined) return {}
  const pullRequest = pullRequestOfEvent(query.eventName, query.eventPayload)
  return { compareApi: createGitHubCompareApi({ ...query.github, logger, ...(pullRequest !== undefined ? { pullRequest } : {}) }) }
}

function deepenOf(options: DetectOptions): { deepenSteps?: readonly number[] } {
  return options.deepenSteps !== undefined ? { deepenSteps: options.deepenSteps } : {}
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
