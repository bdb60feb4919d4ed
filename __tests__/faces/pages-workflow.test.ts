// The GitHub Pages registry workflow: the folder skillpub publishes into is the folder Pages
// deploys, kept on a branch between runs, and served where the index's download_urls point.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

interface Step {
  id?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, string>
}

const workflow = parse(readFileSync('.github/workflows/publish-skills-pages.yml', 'utf8'))
const publish = workflow.jobs.publish.steps as Step[]
const skillpub = publish.find((step) => step.uses === './.skillpub')!

it('publishes into the folder it uploads, with the base-url Pages serves it at', () => {
  expect(skillpub.with).toMatchObject({ mode: 'publish', registry: 'local', target: '.skills-registry' })
  expect(skillpub.with!['base-url']).toBe('${{ inputs.base-url || steps.pages.outputs.base_url }}')
  expect(publish.find((step) => step.uses?.startsWith('actions/configure-pages@'))?.id).toBe('pages')
  expect(publish.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'))?.with).toEqual({ path: '.skills-registry' })
})

it('keeps the folder on its branch before deploying, even when a skill failed', () => {
  const keep = publish.findIndex((step) => step.run?.includes('git -C "$REGISTRY_DIR" -c "$auth" push origin'))
  expect(keep).toBeGreaterThan(publish.indexOf(skillpub))
  expect(publish[keep]!.if).toBe('${{ !cancelled() }}')
  expect(workflow.jobs.publish.env.REGISTRY_BRANCH).toBe('${{ inputs.branch }}') // never interpolated into a script
})

it('deploys with actions/deploy-pages under the permissions it needs, one run at a time', () => {
  expect(workflow.jobs.deploy.needs).toBe('publish')
  expect(workflow.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' })
  expect(workflow.jobs.deploy.steps.map((step: Step) => step.uses)).toEqual([
    'actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128'
  ])
  expect(workflow.concurrency['cancel-in-progress']).toBe(false)
})
