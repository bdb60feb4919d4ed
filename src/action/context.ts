import { context } from '@actions/github'
import type { FaceContext } from '../options.js'

/**
 * What the runner tells the action about its run, from @actions/github's `context`: the event, its
 * payload, and the repository with the API and server URLs (GHES gives its own).
 */
export function runnerContext(env: NodeJS.ProcessEnv, cwd: string): FaceContext {
  const repository = env.GITHUB_REPOSITORY
  return {
    root: cwd,
    env,
    event: {
      eventName: context.eventName || undefined,
      eventPayload: env.GITHUB_EVENT_PATH ? (context.payload as Record<string, unknown>) : undefined,
      ref: context.ref || undefined,
      sha: context.sha || undefined
    },
    github: repository ? { repository, apiUrl: context.apiUrl, serverUrl: context.serverUrl } : undefined
  }
}
