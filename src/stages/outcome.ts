import type { Config } from '../config.js'
import type { RegistryKind, SkillResult } from '../core/types.js'
import type { RemoteState, Verdict } from '../registries/registry.js'
import type { WaitOutcome } from '../core/wait.js'

/** A skill that failed with an exception: the message is what a person reads, so it must say what to do. */
export function failure(result: SkillResult, error: unknown): SkillResult {
  const message = error instanceof Error ? error.message : String(error)
  return { ...result, status: 'failed', error: message }
}

/** Registries whose verdict is a security scan (on-scan-timeout applies to them). */
const SCANNING_REGISTRIES: ReadonlySet<RegistryKind> = new Set(['clawhub', 'artifactory'])

/** Turn the last state seen (and whether the deadline passed) into the skill's final status. */
export function settle(result: SkillResult, outcome: WaitOutcome<RemoteState>, waited: boolean, config: Config): SkillResult {
  const { state } = outcome
  const settled: SkillResult = {
    ...result,
    url: state.url ?? result.url,
    scan: state.scan ?? result.scan,
    messages: [...result.messages, ...state.messages]
  }
  if (state.verdict !== 'pending') return finalVerdict(settled, { ...state, verdict: state.verdict })
  if (!waited) return { ...settled, status: 'published', messages: [...settled.messages, 'Not waiting for the verdict (wait is false).'] }
  const seconds = Math.round(config.publish.maxWaitMs / 1000)
  if (result.registry && SCANNING_REGISTRIES.has(result.registry) && config.publish.onScanTimeout === 'pass') {
    return {
      ...settled,
      status: 'published',
      messages: [...settled.messages, `No scan verdict after ${seconds} s; passed because on-scan-timeout is pass.`]
    }
  }
  return {
    ...settled,
    status: 'timed-out',
    error: `No verdict after ${seconds} s (last state: ${state.scan ?? state.verdict}). Raise max-wait, or check the registry for a stuck job.`
  }
}

function finalVerdict(result: SkillResult, state: RemoteState & { verdict: Exclude<Verdict, 'pending'> }): SkillResult {
  switch (state.verdict) {
    case 'rejected':
      return { ...result, status: 'rejected', error: reason('The registry rejected', result, state) }
    case 'blocked':
      return { ...result, status: 'blocked', error: reason('The security scan blocked', result, state) }
    default:
      return { ...result, status: state.verdict }
  }
}

function reason(what: string, result: SkillResult, state: RemoteState): string {
  const because = state.messages.length ? `: ${state.messages.join('; ')}` : '.'
  return `${what} ${result.name} ${result.version ?? ''}`.trimEnd() + because
}
