/**
 * A skill folder that cannot be packaged as it is. The message names the skill folder, every
 * offending file and what to do, so one run shows every problem instead of one per attempt.
 */
export class PackageError extends Error {
  constructor(
    message: string,
    readonly skillDir: string,
    /** Paths (relative to the skill folder) the message is about. */
    readonly files: string[] = []
  ) {
    super(message)
    this.name = 'PackageError'
  }
}

/** One thing wrong with one file, gathered while walking so they can be reported together. */
export interface Problem {
  kind: ProblemKind
  path: string
  detail?: string
}

type ProblemKind = 'secret' | 'unsafe-name' | 'symlink-escape' | 'symlink-folder' | 'symlink-broken' | 'too-large' | 'unreadable'

const ADVICE: Record<ProblemKind, { title: string; fix: string }> = {
  secret: {
    title: 'files that look like secrets',
    fix: 'delete them, list them in .skillignore (or .gitignore), or allow them with allow-secrets patterns'
  },
  'unsafe-name': {
    title: 'file names that are unsafe in an archive',
    fix: 'rename them (no "..", "\\", ":" or control characters) or list them in .skillignore'
  },
  'symlink-escape': {
    title: 'symbolic links pointing outside the skill folder, or at files that are never packaged',
    fix: 'copy the target into the skill folder or list the link in .skillignore; links are never followed out of a skill'
  },
  'symlink-folder': {
    title: 'symbolic links to folders',
    fix: 'replace the link with the folder itself or list it in .skillignore; folder links are not followed (loops, duplicates)'
  },
  'symlink-broken': {
    title: 'broken symbolic links',
    fix: 'fix or delete them, or list them in .skillignore'
  },
  'too-large': {
    title: 'files over the size limit',
    fix: 'shrink them, list them in .skillignore, or raise the limit'
  },
  unreadable: {
    title: 'files that cannot be read',
    fix: 'fix their permissions or list them in .skillignore'
  }
}

/** Builds the one error for every problem found in a skill, grouped by kind. */
export function problemsError(skillDir: string, problems: Problem[]): PackageError {
  const kinds = [...new Set(problems.map((p) => p.kind))]
  const sections = kinds.map((kind) => {
    const { title, fix } = ADVICE[kind]
    const lines = problems.filter((p) => p.kind === kind).map((p) => `  - ${p.path}${p.detail ? ` (${p.detail})` : ''}`)
    return `${title}:\n${lines.join('\n')}\n  what to do: ${fix}`
  })
  return new PackageError(
    `Cannot package the skill in ${skillDir}:\n${sections.join('\n')}`,
    skillDir,
    problems.map((p) => p.path)
  )
}
