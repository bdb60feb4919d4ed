import { readFileSync } from 'node:fs'
import type { FaceContext } from '../options.js'

/**
 * What the runner tells the action through its environment: the event and its payload file.
 * Read directly rather than through @actions/github, whose Octokit would more than double the
 * bundle and its start-up time for four environment variables and one JSON file.
 */
export function runnerContext(env: NodeJS.ProcessEnv, cwd: string): FaceContext {
  return {
    root: cwd,
    env,
    event: {
      eventName: env.GITHUB_EVENT_NAME || undefined,
      eventPayload: readEventPayload(env.GITHUB_EVENT_PATH),
      ref: env.GITHUB_REF || undefined,
      sha: env.GITHUB_SHA || undefined
    },
    github: env.GITHUB_REPOSITORY
      ? {
          repository: env.GITHUB_REPOSITORY,
          apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
          serverUrl: env.GITHUB_SERVER_URL || 'https://github.com'
        }
      : undefined
  }
}

function readEventPayload(file: string | undefined): Record<string, unknown> | undefined {
  if (!file) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch (error) {
    throw new Error(`Could not read the event payload at GITHUB_EVENT_PATH (${file}): ${(error as Error).message}`, { cause: error })
  }
}
