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
