// Realistic run reports shared by the report tests.

import type { Diagnostic, RunReport, Severity, SkillResult } from '../../src/core/types.js'

export function diagnostic(
  file: string,
  line: number,
  severity: Severity,
  ruleId: string,
  message = `${ruleId} at line ${line}`
): Diagnostic {
  return { ruleId, severity, message, file, line, column: 1 }
}

export function skill(overrides: Partial<SkillResult> & Pick<SkillResult, 'name' | 'status'>): SkillResult {
  return { path: `skills/${overrides.name}`, diagnostics: [], messages: [], ...overrides }
}

/** `validate` over three skills, one of them with far more findings than annotations allow. */
export function validateReport(): RunReport {
  const noisy = 'skills/noisy/SKILL.md'
  const diagnostics: Diagnostic[] = []
  for (let line = 14; line >= 1; line--) diagnostics.push(diagnostic(noisy, line, 'error', 'spec/field-format'))
  for (let line = 12; line >= 1; line--) diagnostics.push(diagnostic(noisy, 100 + line, 'warning', 'spec/description-length'))
  for (let line = 1; line <= 3; line++) diagnostics.push(diagnostic(noisy, 200 + line, 'note', 'spec/optional-field'))
  return {
    mode: 'validate',
    results: [
      skill({ name: 'noisy', status: 'invalid', version: '0.1.0', versionSource: 'frontmatter', diagnostics }),
      skill({
        name: 'alpha',
        status: 'valid',
        version: '1.0.0',
        versionSource: 'metadata',
        diagnostics: [
          diagnostic('skills/alpha/SKILL.md', 2, 'error', 'spec/name-matches-folder', 'name "Alpha" does not match the folder "alpha"')
        ]
      }),
      skill({ name: 'beta', status: 'valid', version: '2.0.0', versionSource: 'frontmatter' })
    ],
    notes: []
  }
}

const SHA = 'a'.repeat(64)

/** `publish` to ClawHub with every kind of ending. */
export function publishReport(): RunReport {
  return {
    mode: 'publish',
    registry: { kind: 'clawhub', target: 'https://ci-user:s3cr3t-token@clawhub.example/api' },
    changes: {
      all: false,
      changed: ['skills/published', 'skills/unchanged', 'skills/rejected', 'skills/blocked', 'skills/slow', 'skills/accepted'],
      removed: ['skills/old-skill'],
      reason: 'Compared abc1234 with def5678 (push to main).',
      notes: ['Shallow clone: fetched 50 more commits to find the base.']
    },
    results: [
      skill({
        name: 'published',
        status: 'published',
        version: '1.2.0',
        versionSource: 'tag',
        registry: 'clawhub',
        url: 'https://clawhub.example/skills/published',
        jobId: 'job-1',
        sha256: SHA,
        scan: 'clean',
        artifact: {
          path: 'dist/skills/published-1.2.0.zip',
          size: 2048,
          files: 3,
          sha256: SHA,
          sha1: 'b'.repeat(40),
          fingerprint: 'c'.repeat(64)
        }
      }),
      skill({ name: 'unchanged', status: 'unchanged', version: '0.3.0', versionSource: 'frontmatter', registry: 'clawhub' }),
      skill({
        name: 'rejected',
        status: 'rejected',
        version: '0.1.0',
        registry: 'clawhub',
        jobId: 'job-3',
        error: 'ClawHub rejected the skill: fix the slug and publish again.',
        messages: ['slug "rejected" is reserved']
      }),
      skill({
        name: 'blocked',
        status: 'blocked',
        version: '3.0.0',
        registry: 'clawhub',
        scan: 'BLOCKED',
        error: 'The security scan blocked the skill.',
        messages: ['Detected exfiltration pattern in scripts/run.sh']
      }),
      skill({
        name: 'slow',
        status: 'timed-out',
        version: '1.0.0',
        registry: 'clawhub',
        jobId: 'job-5',
        error: 'No verdict after 10 minutes: raise max-wait.'
      }),
      skill({
        name: 'accepted',
        status: 'accepted',
        version: '0.9.0',
        registry: 'clawhub',
        jobId: 'job-6',
        messages: ['Scan pending; visible once approved.']
      })
    ],
    notes: ['Dry run: nothing was uploaded.']
  }
}

/** A SKILL.md written to break whatever renders it. */
const HOSTILE_NAME = 'evil|name<script>alert(1)</script>`rm -rf`\n| injected | row |'
const HOSTILE_MESSAGE =
  'description has <img src=x onerror=alert(1)> and [a link](javascript:alert(1)) | pipes\nand a second line &amp; `ticks`'

export function hostileReport(): RunReport {
  return {
    mode: 'validate',
    results: [
      skill({
        name: HOSTILE_NAME,
        path: 'skills/evil',
        status: 'rejected',
        version: '1.0.0|<b>x</b>',
        registry: 'clawhub',
        url: 'javascript:alert(1)',
        scan: '<script>x</script>',
        error: HOSTILE_MESSAGE,
        messages: [HOSTILE_MESSAGE],
        diagnostics: [diagnostic('skills/evil/SKILL.md', 3, 'warning', 'spec/description', HOSTILE_MESSAGE)]
      })
    ],
    notes: []
  }
}
