// How the last state seen becomes a skill's status: the pure end of the wait stage.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { RegistryKind, SkillResult } from '../../src/core/types.js'
import { parseConfig } from '../../src/options.js'
import { settle } from '../../src/stages/outcome.js'

const root = mkdtempSync(path.join(tmpdir(), 'skillpub-outcome-'))
const config = (onScanTimeout: 'pass' | 'fail') =>
  parseConfig(
    { mode: 'publish', registry: 'local', target: path.join(root, 'registry'), 'on-scan-timeout': onScanTimeout },
    { root, env: {} }
  )

const result = (registry: RegistryKind): SkillResult => ({
  name: 'demo',
  path: 'skills/demo',
  version: '1.0.0',
  registry,
  status: 'published',
  diagnostics: [],
  messages: []
})

const stillPending = { state: { verdict: 'pending' as const, messages: [] }, timedOut: true, polls: 3 }

describe('settle', () => {
  it.each(['clawhub', 'artifactory'] as const)('passes a %s scan with no verdict only when on-scan-timeout is pass', (registry) => {
    expect(settle(result(registry), stillPending, true, config('pass')).status).toBe('published')
    expect(settle(result(registry), stillPending, true, config('fail')).status).toBe('timed-out')
  })

  it('never passes a registry verdict that is not a scan, whatever on-scan-timeout says', () => {
    const settled = settle(result('fastskill'), stillPending, true, config('pass'))
    expect(settled.status).toBe('timed-out')
    expect(settled.error).toMatch(/No verdict after \d+ s .*Raise max-wait/)
  })

  it('reports a final verdict as it came, and a skipped wait as published', () => {
    const blocked = { state: { verdict: 'blocked' as const, scan: 'BLOCKED', messages: ['malware'] }, timedOut: false, polls: 1 }
    expect(settle(result('artifactory'), blocked, true, config('pass'))).toMatchObject({
      status: 'blocked',
      scan: 'BLOCKED',
      error: 'The security scan blocked demo 1.0.0: malware'
    })
    expect(settle(result('clawhub'), stillPending, false, config('fail')).status).toBe('published')
  })
})
