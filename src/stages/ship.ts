import { rm } from 'node:fs/promises'
import semver from 'semver'
import type { Config } from '../config.js'
import { FAILING_STATUSES, type Logger, type SkillPackage, type SkillResult } from '../core/types.js'
import type { ExistingVersion, Publication, Registry } from '../registries/registry.js'
import { waitForVerdict } from '../core/wait.js'
import type { CheckedSkill } from './check.js'
import type { Packager } from '../core/package/packager.js'
import { buildSkillPackage, withPackage } from './package.js'
import { buildAutoVersioned } from './auto-version.js'
import { failure, settle } from './outcome.js'
import { settleStored } from './gate.js'

/**
 * A skill on its way to the registry: packaged (`pkg`), or already decided without the registry
 * (`result`: an invalid skill, a package that could not be built).
 */
export type Shipment = { result: SkillResult } | { base: SkillResult; pkg: SkillPackage }

/**
 * `mode: publish`, first stage: build the skill's package (CPU and disk, no network). The
 * pipeline runs it a few skills ahead of `deliverShipment`, so packaging overlaps the uploads.
 */
export async function prepareShipment(skill: CheckedSkill, registry: Registry, config: Config, packager: Packager): Promise<Shipment> {
  const base: SkillResult = { ...skill.result, registry: registry.kind }
  if (!skill.valid) return { result: base }
  try {
    if (skill.version.source === 'registry') {
      // version: auto asks the registry first (a small read), so that the package carries the version.
      const { pkg, note } = await buildAutoVersioned(skill, registry, config, packager)
      return { base: { ...base, version: pkg.version, messages: [...base.messages, note] }, pkg }
    }
    return { base, pkg: await buildSkillPackage(skill, registry.flavour, config, packager) }
  } catch (error) {
    return { result: failure(base, error) }
  }
}

/** `mode: publish`, second stage: skip what is already there, upload, wait, clean up. */
export async function deliverShipment(shipment: Shipment, registry: Registry, config: Config, logger: Logger): Promise<SkillResult> {
  if ('result' in shipment) return shipment.result
  const { base, pkg } = shipment
  try {
    const packaged = withPackage(base, pkg)
    const existing = await registry.find(pkg)
    if (existing?.sameContent) return await alreadyStored(packaged, pkg, existing, registry, config, logger)
    if (existing && !config.publish.force)
      return { ...packaged, status: 'failed', error: contentConflict(pkg, registry, existing.remoteDigest) }
    if (config.publish.dryRun) {
      return { ...packaged, status: 'skipped', messages: [`Dry run: would publish ${pkg.fileName} to ${registry.target}.`] }
    }
    logger.info(`Publishing ${label(pkg)} to ${registry.target} (${pkg.size} bytes, sha256 ${pkg.sha256})`)
    const publication = await registry.publish(pkg)
    const outcome = config.publish.wait
      ? await waitForVerdict(publication.state, () => registry.status(publication), config.publish)
      : { state: publication.state, timedOut: false, polls: 0 }
    const published = {
      ...packaged,
      ...assignedIds(publication),
      jobId: publication.jobId,
      url: publication.url,
      messages: [...packaged.messages, ...(publication.notes ?? [])]
    }
    const result = settle(published, outcome, config.publish.wait, config)
    return await cleanUp(result, publication, registry, config, logger)
  } catch (error) {
    return failure(base, error)
  }
}

/** A package of a registry that assigns versions (claude) has none until the registry answers. */
function label(pkg: SkillPackage): string {
  return pkg.version ? `${pkg.name} ${pkg.version}` : pkg.name
}

/** The ids a registry assigned (Claude: skill id and version id) become the result's. */
function assignedIds(from: { version?: string; skillId?: string }): Partial<SkillResult> {
  return from.skillId ? { skillId: from.skillId, version: from.version, versionSource: 'registry' } : {}
}

/**
 * Our content is already stored. It is `unchanged` only when the registry's verdict on the version
 * that holds it passes; a version that was blocked, rejected or never judged fails the re-run as
 * it failed the first. ClawHub may hold it under an older version (`storedAs`): that one is judged,
 * and named, since the version asked for was never published.
 */
async function alreadyStored(
  packaged: SkillResult,
  pkg: SkillPackage,
  existing: ExistingVersion,
  registry: Registry,
  config: Config,
  logger: Logger
): Promise<SkillResult> {
  const ids = assignedIds(existing)
  const ref = { name: pkg.name, version: existing.storedAs ?? ids.version ?? pkg.version }
  const state = await registry.lookup(ref)
  if (!state) {
    return {
      ...packaged,
      status: 'failed',
      error: `${label(pkg)} is in ${registry.target} with the same content, but the registry reports no state for it, so it cannot be counted as published. Check the version on the registry.`
    }
  }
  const stored = { ...packaged, ...ids, url: existing.url, ...(existing.storedAs ? { storedAs: existing.storedAs } : {}) }
  const verdict = await settleStored(stored, state, ref, registry, config)
  if (FAILING_STATUSES.has(verdict.status)) {
    logger.info(`${label(pkg)} is already in ${registry.target} with the same content, but its verdict is ${verdict.status}.`)
    return {
      ...verdict,
      messages: ['Already in the registry with the same content; its current verdict is reported.', ...verdict.messages]
    }
  }
  if (existing.storedAs) {
    logger.info(`${label(pkg)}: unchanged, stored as ${existing.storedAs} in ${registry.target}; nothing to upload.`)
    const said = `Unchanged, stored as ${existing.storedAs}: the registry holds this content under that version; ${pkg.version} was not published.`
    return { ...verdict, status: 'unchanged', messages: [...packaged.messages, said] }
  }
  logger.info(`${label(pkg)} is already in ${registry.target} with the same content: nothing to upload.`)
  return { ...verdict, status: 'unchanged', messages: [...packaged.messages, 'Already published with the same content.'] }
}

/** A package built ahead but never sent (fail-fast stopped the run): its zip does not stay behind unreported. */
export async function discardShipment(shipment: Shipment): Promise<void> {
  if ('pkg' in shipment) await rm(shipment.pkg.zipPath, { force: true })
}

function contentConflict(pkg: SkillPackage, registry: Registry, remoteDigest: string | undefined): string {
  const theirs = remoteDigest ? ` (registry: ${remoteDigest}; ours: sha256 ${pkg.sha256})` : ''
  return `${pkg.name} ${pkg.version} is already in ${registry.target} with different content${theirs}. Versions are immutable: bump the version in SKILL.md (metadata.version), or push a new tag.`
}

/** Remove what should not stay: a blocked version (delete-on-blocked), a pre-release once judged (cleanup: delete). */
async function cleanUp(
  result: SkillResult,
  publication: Publication,
  registry: Registry,
  config: Config,
  logger: Logger
): Promise<SkillResult> {
  const judged = result.status !== 'timed-out' && result.status !== 'failed'
  const blocked = result.status === 'blocked' && config.publish.deleteOnBlocked
  const prerelease = config.publish.cleanup === 'delete' && judged && semver.prerelease(publication.version) !== null
  if (!blocked && !prerelease) return result
  try {
    await registry.remove({ name: publication.name, version: publication.version })
    logger.info(`Removed ${publication.name} ${publication.version} from ${registry.target}.`)
    return { ...result, messages: [...result.messages, `Removed ${publication.version} after the verdict.`] }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    logger.warning(`Could not remove ${publication.name} ${publication.version}: ${reason}`)
    return { ...result, messages: [...result.messages, `Could not remove ${publication.version}: ${reason}`] }
  }
}
