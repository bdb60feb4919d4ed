// The two checks the FastSkill server's validator makes that the spec does not
// (gofastskill/fastskill v0.9.140 `validation/standard_validator.rs`).
import { parseSkillMarkdown } from '../../src/core/skillmd.js'
import { validateManifest } from '../../src/core/validate.js'
import { resolveVersion } from '../../src/core/version.js'

function ids(frontmatter: string, files: string[] = []): string[] {
  const manifest = parseSkillMarkdown(`---\nname: fs\n${frontmatter}---\n# Body\n`, 'skills/fs/SKILL.md', {
    location: { dir: '', path: 'skills/fs' }
  })
  const listed = ['SKILL.md', ...files].map((path) => ({ path, size: 1 }))
  return validateManifest(manifest, { profile: 'fastskill', version: resolveVersion(manifest, {}), files: listed })
    .map((d) => d.ruleId)
    .filter((id) => id.startsWith('fastskill/'))
}

test('compatibility over 256 bytes is refused (bytes, as the server counts)', () => {
  expect(ids(`description: d\ncompatibility: ${'a'.repeat(256)}\n`)).toEqual([])
  expect(ids(`description: d\ncompatibility: ${'a'.repeat(257)}\n`)).toEqual(['fastskill/compatibility-length'])
  expect(ids(`description: d\ncompatibility: ${'é'.repeat(129)}\n`)).toEqual(['fastskill/compatibility-length'])
})

test('a description naming scripts or references needs that folder', () => {
  expect(ids('description: Run the scripts and read the references.\n')).toEqual([
    'fastskill/referenced-folder-missing',
    'fastskill/referenced-folder-missing'
  ])
  expect(ids('description: Run the scripts and read the references.\n', ['scripts/run.sh', 'references/a.md'])).toEqual([])
  expect(ids('description: See scripts/run.sh.\n', ['references/a.md'])).toEqual(['fastskill/referenced-folder-missing'])
  // The server's test is a case-sensitive substring.
  expect(ids('description: Scripts are not needed.\n')).toEqual([])
})
