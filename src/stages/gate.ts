import type { Config } from '../config.js'
import type { Logger, SkillResult } from '../core/types.js'
import type { Registry, RemoteState, SkillRef } from '../registries/registry.js'
import { waitForVerdict } from '../core/wait.js'
import { fingerprintFolder } from '../core/package/index.js'
import type { CheckedSkill } from './check.js'
import { failure, settle } from './outcome.js'

/** `mode: status`, the merge gate: the registry's verdict on the version SKILL.md names, nothing published. */
export async function gateSkill(skill: CheckedSkill, registry: Registry, config: Config, logger: Logger): Promise<SkillResult> {
  const base: SkillResult = { ...skill.result, registry: registry.kind }
  if (!skill.valid) return base
  try {
    const ref: SkillRef = { name: skill.name, version: skill.version.value as string }
    // ClawHub reports content it already held as `unchanged, stored as <older version>`: the gate follows that version.
    if (registry.flavour === 'clawhub') {
      ref.fingerprint = await fingerprintFolder(skill.location.dir, {
        limits: config.limits,
        allowSecrets: config.allowSecrets,
        exclude: [config.artifactsDir]
      })
    }
    const state = await registry.lookup(ref)
    if (!state) {
      return {
        ...base,
        status: 'failed',
        error: `${ref.name} ${ref.version} is not in ${registry.target}. Publish it first (mode: publish), or check the version and the registry.`
      }
    }
    logger.info(`${ref.name} ${ref.version}: ${state.scan ?? state.verdict}`)
    if (!config.publish.wait && state.verdict === 'pending') {
      // A gate passes on a final verdict only; without waiting, "still scanning" is not a pass.
      return {
        ...base,
        status: 'timed-out',
        scan: state.scan,
        error: `${ref.name} ${ref.version} has no final verdict yet (${state.scan ?? 'pending'}) and wait is false; the gate passes only on a final verdict.`
      }
    }
    return await settleStored(state.storedAs ? { ...base, storedAs: state.storedAs } : base, state, ref, registry, config)
  } catch (error) {
    return failure(base, error)
  }
}

/**
 * The verdict on a version the registry holds, from its current state, settled as the run that
 * published it settled it (waiting while it is pending, when the run waits). The merge gate
 * reports it, and so does a re-run that finds its content already stored: a version a scan
 * blocked never becomes "unchanged".
 */
export async function settleStored(
  base: SkillResult,
  state: RemoteState,
  ref: SkillRef,
  registry: Registry,
  config: Config
): Promise<SkillResult> {
  if (!config.publish.wait) return settle(base, { state, timedOut: false, polls: 0 }, false, config)
  const outcome = await waitForVerdict(state, () => registry.lookup(ref).then((next) => next ?? state), config.publish)
  return settle(base, outcome, true, config)
}
