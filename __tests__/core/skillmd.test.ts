import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { manifestName, MAX_SKILL_MD_BYTES, parseSkillMarkdown, positionOf, pythonStrip, readSkillManifest } from '../../src/core/skillmd.js'

const ids = (manifest: { diagnostics: Array<{ ruleId: string }> }) => manifest.diagnostics.map((d) => d.ruleId)

describe('parseSkillMarkdown', () => {
  const text = [
    '---',
    'name: pdf-tools',
    'description: >-',
    '  Fill PDF forms.',
    'version: 1.0',
    'metadata:',
    '  version: "2.1.0"',
    '  count: 3',
    '---',
    '# PDF tools',
    ''
  ].join('\n')

  it('keeps both views of the frontmatter, the body and its first line', () => {
    const manifest = parseSkillMarkdown(text, 'skills/pdf-tools/SKILL.md')
    expect(manifest.diagnostics).toEqual([])
    expect(manifest.frontmatter).toEqual({ name: 'pdf-tools', description: 'Fill PDF forms.', version: 1, metadata: { version: '2.1.0', count: 3 } })
    expect(manifest.frontmatterText).toEqual({ name: 'pdf-tools', description: 'Fill PDF forms.', version: '1.0', metadata: { version: '2.1.0', count: '3' } })
    expect(manifest.body).toBe('# PDF tools\n')
    expect(manifest.bodyLine).toBe(10)
    expect(manifest.location.path).toBe('skills/pdf-tools')
    expect(manifestName(manifest)).toBe('pdf-tools')
  })

  it('records 1-based positions of keys, values and nested metadata keys', () => {
    const manifest = parseSkillMarkdown(text, 'SKILL.md')
    expect(manifest.positions.name).toEqual({ key: { line: 2, column: 1 }, value: { line: 2, column: 7 } })
    expect(manifest.positions.description).toEqual({ key: { line: 3, column: 1 }, value: { line: 3, column: 14 } })
    expect(manifest.positions['metadata.version']).toEqual({ key: { line: 7, column: 3 }, value: { line: 7, column: 12 } })
    expect(positionOf(manifest, 'metadata.count')).toEqual({ line: 8, column: 10 })
    expect(positionOf(manifest, 'absent')).toEqual({ line: 1, column: 1 })
  })

  it('points an empty value at its key', () => {
    const manifest = parseSkillMarkdown('---\nname:\ndescription: x\n---\n', 'a/SKILL.md')
    expect(manifest.frontmatterText?.name).toBe('')
    expect(positionOf(manifest, 'name')).toEqual({ line: 2, column: 1 })
  })

  it('reads CRLF files with the same lines as LF files', () => {
    const manifest = parseSkillMarkdown(text.replace(/\n/g, '\r\n'), 'SKILL.md')
    expect(manifest.diagnostics).toEqual([])
    expect(manifest.positions['metadata.count']).toEqual({ key: { line: 8, column: 3 }, value: { line: 8, column: 10 } })
    expect(manifest.body).toBe('# PDF tools\n')
  })

  it('reports a BOM in bytes or text and still parses the rest', () => {
    for (const input of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), `\uFEFF${text}`]) {
      const manifest = parseSkillMarkdown(input, 'SKILL.md')
      expect(ids(manifest)).toEqual(['skillmd/bom'])
      expect(manifest.frontmatter?.name).toBe('pdf-tools')
    }
  })

  it('finds the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('---\nname: a\ndescription: ab'), Buffer.from([0xc3, 0x28]), Buffer.from('\n---\n')])
    const manifest = parseSkillMarkdown(bytes, 'a/SKILL.md')
    expect(manifest.diagnostics).toEqual([expect.objectContaining({ ruleId: 'skillmd/encoding', line: 3, column: 16, severity: 'error' })])
    expect(manifest.frontmatter?.name).toBe('a')
  })

  it('refuses overlong encodings and surrogates as UTF-8', () => {
    expect(ids(parseSkillMarkdown(Buffer.from([0xc0, 0xaf]), 'SKILL.md'))).toContain('skillmd/encoding')
    expect(ids(parseSkillMarkdown(Buffer.from([0xed, 0xa0, 0x80]), 'SKILL.md'))).toContain('skillmd/encoding')
    expect(ids(parseSkillMarkdown(Buffer.from('---\nname: café\ndescription: 数据 😀\n---\n'), 'café/SKILL.md'))).toEqual([])
  })

  it('uses the reference wording for missing and unclosed frontmatter', () => {
    expect(parseSkillMarkdown('# no frontmatter', 'SKILL.md').diagnostics[0]!.message).toBe('SKILL.md must start with YAML frontmatter (---)')
    expect(parseSkillMarkdown('---\nname: x\n', 'SKILL.md').diagnostics[0]!.message).toBe('SKILL.md frontmatter not properly closed with ---')
    expect(parseSkillMarkdown('---\n- a\n---\n', 'SKILL.md').diagnostics[0]!.message).toBe('SKILL.md frontmatter must be a YAML mapping')
  })

  it('reports the YAML error at its own line in SKILL.md, without yaml\'s frontmatter-relative excerpt', () => {
    const manifest = parseSkillMarkdown('---\nname: x\ndescription: x\nbad: "unterminated\n---\n', 'SKILL.md')
    const [diagnostic] = manifest.diagnostics
    expect(diagnostic).toMatchObject({ ruleId: 'skillmd/yaml-invalid', line: 4 })
    expect(diagnostic!.message).toMatch(/^Invalid YAML in frontmatter: /)
    expect(diagnostic!.message).not.toMatch(/at line/)
    expect(manifest.frontmatter).toBeUndefined()
  })

  it('reports every duplicate key at the duplicate, and keeps the first value', () => {
    const manifest = parseSkillMarkdown('---\nname: first\ndescription: d\nname: second\nname: third\n---\n', 'SKILL.md')
    expect(manifest.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([
      ['skillmd/duplicate-key', 4],
      ['skillmd/duplicate-key', 5]
    ])
    expect(manifest.frontmatter?.name).toBe('first')
  })

  it('notes YAML features strictyaml refuses', () => {
    const manifest = parseSkillMarkdown('---\nname: !!str x\ndescription: &d text\nlicense: *d\nmetadata: {a: b}\n---\n', 'SKILL.md')
    expect(manifest.strictYamlFeatures.map((feature) => [feature.kind, feature.position.line]).sort()).toEqual([
      ['alias', 4],
      ['anchor', 3],
      ['flow', 5],
      ['tag', 2]
    ])
    expect(manifest.frontmatterText?.license).toBe('text')
  })

  it('survives an alias bomb', () => {
    const lines = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`)
    lines.push('---')
    const manifest = parseSkillMarkdown(lines.join('\n'), 'SKILL.md')
    expect(ids(manifest)).toEqual(['skillmd/yaml-invalid'])
  })

  it('strips names with Python\'s whitespace set', () => {
    expect(pythonStrip('\x1c name \x85')).toBe('name')
    expect(pythonStrip('\uFEFFname')).toBe('\uFEFFname')
  })
})

describe('readSkillManifest', () => {
  let root: string
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'skillpub-skillmd-'))
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('reads a skill and names SKILL.md relative to the repository', async () => {
    const dir = path.join(root, 'skills', 'one')
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'SKILL.md'), '---\nname: one\ndescription: d\n---\n')
    const manifest = await readSkillManifest({ dir, path: 'skills/one' }, root)
    expect(manifest.file).toBe('skills/one/SKILL.md')
    expect(manifest.size).toBe(33)
    expect(manifest.diagnostics).toEqual([])
  })

  it('names a root skill SKILL.md', async () => {
    const repo = await mkdtemp(path.join(tmpdir(), 'skillpub-rootskill-'))
    await writeFile(path.join(repo, 'SKILL.md'), '---\nname: x\ndescription: d\n---\n')
    const manifest = await readSkillManifest({ dir: repo, path: '.' }, repo)
    expect(manifest.file).toBe('SKILL.md')
    await rm(repo, { recursive: true, force: true })
  })

  it('turns a folder, a broken symlink and a missing file into diagnostics', async () => {
    const folder = path.join(root, 'folder')
    await mkdir(path.join(folder, 'SKILL.md'), { recursive: true })
    const broken = path.join(root, 'broken')
    await mkdir(broken)
    await symlink('missing-target.md', path.join(broken, 'SKILL.md'))
    const missing = path.join(root, 'missing')
    await mkdir(missing)

    expect((await readSkillManifest({ dir: folder, path: 'folder' }, root)).diagnostics[0]).toMatchObject({ ruleId: 'skillmd/not-a-file', file: 'folder/SKILL.md', line: 1, column: 1 })
    const link = (await readSkillManifest({ dir: broken, path: 'broken' }, root)).diagnostics[0]!
    expect(link.ruleId).toBe('skillmd/unreadable')
    expect(link.message).toMatch(/symbolic link/)
    expect((await readSkillManifest({ dir: missing, path: 'missing' }, root)).diagnostics[0]!.message).toMatch(/ENOENT/)
  })

  it('reads only the first 5 MB of a huge SKILL.md, without splitting a character', async () => {
    const dir = path.join(root, 'huge')
    await mkdir(dir)
    const head = '---\nname: huge\ndescription: d\n---\n'
    // Fill so that a 3-byte character straddles the 5 MB boundary.
    const filler = 'a'.repeat(MAX_SKILL_MD_BYTES - Buffer.byteLength(head) - 1)
    await writeFile(path.join(dir, 'SKILL.md'), head + filler + '€' + 'tail'.repeat(1000))
    const manifest = await readSkillManifest({ dir, path: 'huge' }, root)
    expect(ids(manifest)).toEqual(['skillmd/too-large'])
    expect(manifest.size).toBeGreaterThan(MAX_SKILL_MD_BYTES)
    expect(manifest.frontmatter?.name).toBe('huge')
    expect(manifest.body.endsWith('a')).toBe(true)
  })
})
