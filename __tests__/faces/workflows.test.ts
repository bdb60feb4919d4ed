// The reusable workflows are valid workflow YAML, and every input they pass to the action exists.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { validateWorkflow } from '@action-validator/core'
import { parse } from 'yaml'

const WORKFLOWS = path.resolve('.github/workflows')
const files = readdirSync(WORKFLOWS).filter((file) => file.endsWith('.yml'))
const actionInputs = Object.keys(parse(readFileSync('action.yml', 'utf8')).inputs)

describe.each(files)('%s', (file) => {
  const text = readFileSync(path.join(WORKFLOWS, file), 'utf8')
  const workflow = parse(text)

  it('is valid workflow YAML', () => {
    expect(validateWorkflow(text).errors).toEqual([])
  })

  it('passes the action only inputs it declares', () => {
    const steps = Object.values(
      workflow.jobs as Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>
    ).flatMap((job) => job.steps ?? [])
    const ours = steps.filter((step) => step.uses === './' || step.uses === './.skillpub')
    for (const step of ours)
      for (const input of Object.keys(step.with ?? {})) expect([input, actionInputs.includes(input)]).toEqual([input, true])
  })
})

it('offers the three reusable jobs', () => {
  for (const file of ['validate-skills.yml', 'publish-skills.yml', 'scan-gate.yml']) {
    expect(parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')).on).toHaveProperty('workflow_call')
  }
})

it('uses a validator that does catch a broken workflow', () => {
  expect(validateWorkflow('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: 3\n').errors.length).toBeGreaterThan(0)
})

type Step = { uses?: string; with?: Record<string, unknown>; run?: string }
type Job = { steps?: Step[]; permissions?: unknown; strategy?: unknown }
const jobsOf = (file: string) => parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')).jobs as Record<string, Job>
const REUSABLE = ['validate-skills.yml', 'publish-skills.yml', 'scan-gate.yml']

describe('supply chain and permissions', () => {
  it.each(files)('%s pins every third-party action by full commit SHA, with its version beside it', (file) => {
    const lines = readFileSync(path.join(WORKFLOWS, file), 'utf8').split('\n')
    const uses = lines.filter((line) => /^\s*(- )?uses:/.test(line) && !/uses: \.\//.test(line))
    expect(uses.length).toBeGreaterThan(0)
    for (const line of uses) expect([line, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(line)]).toEqual([line, true])
  })

  it.each(files)('%s checks out without leaving credentials behind', (file) => {
    const checkouts = Object.values(jobsOf(file))
      .flatMap((job) => job.steps ?? [])
      .filter((step) => step.uses?.startsWith('actions/checkout@'))
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false)
  })

  it.each(REUSABLE)('%s runs skillpub from the commit it was called at, or where the caller says', (file) => {
    const fetches = Object.values(jobsOf(file))
      .flatMap((job) => job.steps ?? [])
      .filter((step) => step.with?.path === '.skillpub')
    expect(fetches.length).toBeGreaterThan(0)
    for (const step of fetches) {
      expect(step.with?.repository).toBe('${{ inputs.skillpub-repository || job.workflow_repository }}')
      expect(step.with?.ref).toBe('${{ inputs.skillpub-ref || job.workflow_sha }}')
    }
    expect(readFileSync(path.join(WORKFLOWS, file), 'utf8')).not.toMatch(/default: v1\b/)
  })

  it('validate-skills.yml reads with contents: read and uploads SARIF in a job that takes the caller token', () => {
    const jobs = jobsOf('validate-skills.yml')
    expect(jobs.validate!.permissions).toEqual({ contents: 'read' })
    expect(jobs['upload-sarif']!.permissions).toBeUndefined()
    expect(jobs['upload-sarif']!.steps!.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true)
  })

  it('every job of the other workflows says what it may do', () => {
    for (const file of ['ci.yml', 'publish-skills.yml', 'scan-gate.yml'])
      for (const [name, job] of Object.entries(jobsOf(file)))
        expect([file, name, job.permissions !== undefined]).toEqual([file, name, true])
  })

  it('publish-skills.yml stops before a matrix larger than GitHub runs', () => {
    const detect = jobsOf('publish-skills.yml').detect!
    expect(detect.steps!.some((step) => step.run?.includes('-gt 256'))).toBe(true)
  })

  it('Dependabot keeps both npm and the pinned actions current', () => {
    const config = parse(readFileSync('.github/dependabot.yml', 'utf8')) as { updates: { 'package-ecosystem': string }[] }
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
  })
})
