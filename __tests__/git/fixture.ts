// Real git repositories in temp folders, one per test case, for change detection tests.

import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ChangeQuery } from '../../src/config.js'
import { DEFAULT_TAG_PATTERNS } from '../../src/config.js'
import type { Logger, SkillLocation } from '../../src/core/types.js'

const roots: string[] = []

/** A fresh temp folder, removed by `removeTempFolders` (call it from afterAll). */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'skillpub-git-'))
  roots.push(folder)
  return folder
}

export function removeTempFolders(): void {
  for (const folder of roots.splice(0)) rmSync(folder, { recursive: true, force: true })
}

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z'
}

export class TestRepo {
  private constructor(readonly dir: string) {}

  static init(): TestRepo {
    const repo = new TestRepo(join(tempFolder(), 'origin'))
    mkdirSync(repo.dir)
    repo.git('init', '-q', '-b', 'main')
    repo.configure()
    return repo
  }

  /** `git clone file://...` of this repository (shallow with `depth`). */
  clone(options: { depth?: number; branch?: string } = {}): TestRepo {
    const target = join(tempFolder(), 'clone')
    const args = ['clone', '-q']
    if (options.depth !== undefined) args.push(`--depth=${options.depth}`)
    if (options.branch !== undefined) args.push('--branch', options.branch)
    execFileSync('git', [...args, pathToFileURL(this.dir).href, target], { env: GIT_ENV })
    const clone = new TestRepo(target)
    clone.configure()
    return clone
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: GIT_ENV, encoding: 'utf8' }).trim()
  }

  write(files: Record<string, string>): this {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true })
      writeFileSync(join(this.dir, path), content)
    }
    return this
  }

  remove(...paths: string[]): this {
    this.git('rm', '-r', '-q', '--', ...paths)
    return this
  }

  /** Stages everything and commits; returns the commit id. */
  commit(message: string): string {
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.head()
  }

  head(): string {
    return this.git('rev-parse', 'HEAD')
  }

  /** The skills at the checked-out commit, as discovery would report them. */
  skills(): SkillLocation[] {
    const found: SkillLocation[] = []
    const walk = (folder: string): void => {
      const entries = readdirSync(folder, { withFileTypes: true })
      if (entries.some((entry) => entry.isFile() && entry.name === 'SKILL.md')) {
        const path = relative(this.dir, folder).split(sep).join('/')
        found.push({ dir: folder, path: path === '' ? '.' : path })
      }
      for (const entry of entries) if (entry.isDirectory() && entry.name !== '.git') walk(join(folder, entry.name))
    }
    walk(this.dir)
    return found
  }

  private configure(): void {
    this.git('config', 'user.name', 'Test')
    this.git('config', 'user.email', 'test@example.com')
    this.git('config', 'commit.gpgsign', 'false')
    this.git('config', 'tag.gpgsign', 'false')
  }
}

export const skill = (name: string, extra = ''): string => `---\nname: ${name}\ndescription: test skill ${name}\n---\n${extra}`

/** A repository with three skills on `main`. */
export function repoWithSkills(): TestRepo {
  const repo = TestRepo.init()
  repo.write({
    'README.md': 'root\n',
    'skills/alpha/SKILL.md': skill('alpha'),
    'skills/beta/SKILL.md': skill('beta'),
    'skills/gamma/SKILL.md': skill('gamma'),
    'shared/common.md': 'shared\n'
  })
  repo.commit('initial')
  return repo
}

export function query(overrides: Partial<ChangeQuery> = {}): ChangeQuery {
  return { changedOnly: 'auto', sharedPaths: [], tagPatterns: DEFAULT_TAG_PATTERNS, tagVersionConflict: 'error', ...overrides }
}

export interface RecordingLogger extends Logger {
  lines: string[]
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = []
  return {
    lines,
    debug: (message) => lines.push(`debug: ${message}`),
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`)
  }
}

export const ZERO_SHA = '0'.repeat(40)
