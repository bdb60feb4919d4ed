// Real git repositories in temp folders, for tests that run the faces end to end.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..')
const EXAMPLE_SKILLS = path.join(ROOT, 'examples/skills')

export interface TestRepo {
  dir: string
  git(...args: string[]): string
  write(files: Record<string, string | Buffer>): void
  commit(message: string): string
}

export function createRepo(files: Record<string, string | Buffer> = {}): TestRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpub-repo-'))
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' }
    }).trim()
  git('init', '--quiet', '--initial-branch=main')
  git('config', 'user.name', 'Test')
  git('config', 'user.email', 'test@example.com')
  git('config', 'commit.gpgsign', 'false')
  git('config', 'tag.gpgsign', 'false')
  const write = (more: Record<string, string | Buffer>) => {
    for (const [file, content] of Object.entries(more)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), content)
    }
  }
  const commit = (message: string) => {
    git('add', '--all')
    git('commit', '--quiet', '--allow-empty', '-m', message)
    return git('rev-parse', 'HEAD')
  }
  write(files)
  return { dir, git, write, commit }
}

/** A repository holding the three example skills under skills/, committed. */
export function createExampleRepo(): TestRepo {
  const repo = createRepo()
  cpSync(EXAMPLE_SKILLS, path.join(repo.dir, 'skills'), { recursive: true })
  repo.commit('example skills')
  return repo
}

export function skillMd(name: string, fields: Record<string, string> = {}, body = `# ${name}\n\nDoes one thing well.\n`): string {
  const lines = Object.entries({ name, description: `The ${name} skill.`, ...fields }).map(([key, value]) => `${key}: ${value}`)
  return `---\n${lines.join('\n')}\n---\n\n${body}`
}
