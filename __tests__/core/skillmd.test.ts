import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  manifestName,
  MAX_SKILL_MD_BYTES,
  NAME_HEAD_BYTES,
  parseSkillMarkdown,
  positionOf,
  pythonStrip,
  quickSkillName,
  readSkillManifest,
  readSkillName,
  skillNameOf
} from '../../src/core/skillmd.js'

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
    expect(manifest.frontmatter).toEqual({
      name: 'pdf-tools',
      description: 'Fill PDF forms.',
      version: 1,
      metadata: { version: '2.1.0', count: 3 }
    })
    expect(manifest.frontmatterText).toEqual({
      name: 'pdf-tools',
      description: 'Fill PDF forms.',
      version: '1.0',
      metadata: { version: '2.1.0', count: '3' }
    })
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
    expect(parseSkillMarkdown('# no frontmatter', 'SKILL.md').diagnostics[0]!.message).toBe(
      'SKILL.md must start with YAML frontmatter (---)'
    )
    expect(parseSkillMarkdown('---\nname: x\n', 'SKILL.md').diagnostics[0]!.message).toBe(
      'SKILL.md frontmatter not properly closed with ---'
    )
    expect(parseSkillMarkdown('---\n- a\n---\n', 'SKILL.md').diagnostics[0]!.message).toBe('SKILL.md frontmatter must be a YAML mapping')
  })

  it("reports the YAML error at its own line in SKILL.md, without yaml's frontmatter-relative excerpt", () => {
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
    for (let i = 1; i < 9; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`
      )
    lines.push('---')
    const manifest = parseSkillMarkdown(lines.join('\n'), 'SKILL.md')
    expect(ids(manifest)).toEqual(['skillmd/yaml-invalid'])
  })

  it("strips names with Python's whitespace set", () => {
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

    expect((await readSkillManifest({ dir: folder, path: 'folder' }, root)).diagnostics[0]).toMatchObject({
      ruleId: 'skillmd/not-a-file',
      file: 'folder/SKILL.md',
      line: 1,
      column: 1
    })
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

describe('frontmatter as plain data (issue 15, issue 21)', () => {
  it('keeps __proto__ as an own key: the inner mapping never poses as the frontmatter', () => {
    const manifest = parseSkillMarkdown('---\n__proto__:\n  name: posing\n  description: d\n---\n', 'posing/SKILL.md')
    expect(Object.getPrototypeOf(manifest.frontmatter)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(manifest.frontmatterText)).toBe(Object.prototype)
    expect(Object.keys(manifest.frontmatterText!)).toEqual(['__proto__'])
    expect(manifestName(manifest)).toBeUndefined()
    expect('name' in manifest.frontmatterText!).toBe(false)
    // Nested too: a metadata key named __proto__ or constructor is data.
    const nested = parseSkillMarkdown('---\nname: n\ndescription: d\nmetadata:\n  __proto__: x\n  constructor: y\n---\n', 'n/SKILL.md')
    expect(nested.frontmatterText!.metadata).toEqual(
      Object.fromEntries([
        ['__proto__', 'x'],
        ['constructor', 'y']
      ])
    )
    expect(Object.keys(nested.frontmatterText!.metadata as object)).toEqual(['__proto__', 'constructor'])
  })

  it('refuses control characters YAML forbids, with line and column, and allows tab', () => {
    const manifest = parseSkillMarkdown(
      '---\nname: c\ndescription: bell \u0007 and del \u007f\n---\nbody \u0007 is not YAML\n',
      'c/SKILL.md'
    )
    expect(manifest.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['skillmd/control-character', 3, 19],
      ['skillmd/control-character', 3, 29]
    ])
    expect(manifest.diagnostics[0]!.message).toMatch(/^Invalid YAML in frontmatter: control character U\+0007 at line 3, column 19/)
    expect(ids(parseSkillMarkdown('---\nname: c\ndescription: "a\tb"\n---\n', 'c/SKILL.md'))).toEqual([])
  })

  it('refuses duplicate keys in nested mappings as at the top', () => {
    const manifest = parseSkillMarkdown(
      '---\nname: d\ndescription: d\nmetadata:\n  author: a\n  author: b\n  deep:\n    k: 1\n    k: 2\n---\n',
      'd/SKILL.md'
    )
    expect(manifest.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([
      ['skillmd/duplicate-key', 6],
      ['skillmd/duplicate-key', 9]
    ])
    expect(manifest.diagnostics[0]!.message).toMatch(
      /^Key 'metadata\.author' appears more than once in the frontmatter \(first at line 5\)/
    )
    expect(manifest.diagnostics[1]!.message).toMatch(/'metadata\.deep\.k'/)
  })
})

describe('readSkillManifest: names and links', () => {
  let root: string
  let outside: string
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'skillpub-links-'))
    outside = await mkdtemp(path.join(tmpdir(), 'skillpub-outside-'))
    await writeFile(path.join(outside, 'SKILL.md'), '---\nname: away\ndescription: d\n---\n')
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
    await rm(outside, { recursive: true, force: true })
  })

  it("reports a misnamed skill.md as that skill's error", async () => {
    const dir = path.join(root, 'lower')
    await mkdir(dir)
    const manifest = await readSkillManifest({ dir, path: 'lower', misnamedSkillFile: 'skill.md' }, root)
    expect(manifest.diagnostics.map((d) => [d.ruleId, d.file])).toEqual([['skillmd/wrong-file-name', 'lower/skill.md']])
    expect(manifest.diagnostics[0]!.message).toMatch(/^Missing required file: SKILL\.md\. Found lower\/skill\.md/)
  })

  it('refuses a skill folder linked to outside the repository, and a SKILL.md linked outside the skill, naming the link', async () => {
    await mkdir(path.join(root, 'skills'), { recursive: true })
    await symlink(outside, path.join(root, 'skills/away'))
    const folder = await readSkillManifest({ dir: path.join(root, 'skills/away'), path: 'skills/away' }, root)
    expect(folder.diagnostics.map((d) => d.ruleId)).toEqual(['skillmd/link-outside'])
    expect(folder.diagnostics[0]!.message).toContain(`symbolic link skills/away -> ${outside}`)
    expect(folder.frontmatter).toBeUndefined()
    expect((await readSkillName({ dir: path.join(root, 'skills/away'), path: 'skills/away' }, root)).name).toBeUndefined()

    const dir = path.join(root, 'skills/file-link')
    await mkdir(dir)
    await symlink(path.join(outside, 'SKILL.md'), path.join(dir, 'SKILL.md'))
    const file = await readSkillManifest({ dir, path: 'skills/file-link' }, root)
    expect(file.diagnostics.map((d) => d.ruleId)).toEqual(['skillmd/link-outside'])
    expect(file.diagnostics[0]!.message).toMatch(/^skills\/file-link\/SKILL\.md is a symbolic link to /)

    // A link that stays inside the skill is fine.
    const inside = path.join(root, 'skills/inside')
    await mkdir(inside)
    await writeFile(path.join(inside, 'real.md'), '---\nname: inside\ndescription: d\n---\n')
    await symlink('real.md', path.join(inside, 'SKILL.md'))
    expect((await readSkillManifest({ dir: inside, path: 'skills/inside' }, root)).diagnostics).toEqual([])
  })
})

/** What the full parse says: the reference for the name-only path. */
const parsedName = (input: string | Buffer) => {
  const { name, at } = skillNameOf(parseSkillMarkdown(input, 'x/SKILL.md'))
  return { name, at }
}
const quick = (text: string | Buffer, complete = true) => quickSkillName(typeof text === 'string' ? Buffer.from(text) : text, complete)

describe('quickSkillName', () => {
  it('reads a plain or quoted name on its own line as the full parse does, position included', () => {
    for (const text of [
      '---\nname: pdf-tools\ndescription: Fill PDF forms.\n---\n# body\n',
      '---\ndescription: d\nname:   "pdf-tools"  \nlicense: MIT\n---\n',
      "---\n# a comment\n\nname: 'pdf-tools'\nmetadata:\n  version: 1.0\n  author: me\n---\n",
      '--- \t\nname: pdf-tools\t\n---  \n', // fences with trailing blanks
      '---\nname: pdf-tools\n---'
    ]) {
      expect(quick(text)).toEqual(parsedName(text))
      expect(quick(text)?.name).toBe('pdf-tools')
    }
  })

  it('reads CRLF and lone-CR files with the line numbers of the full parse', () => {
    const text = '---\ndescription: d\nmetadata:\n  version: 1.0\nname: crlf-skill\n---\nbody\n'
    for (const eol of ['\r\n', '\r']) {
      const converted = text.replace(/\n/g, eol)
      expect(quick(converted)).toEqual({ name: 'crlf-skill', at: { line: 5, column: 7 } })
      expect(quick(converted)).toEqual(parsedName(converted))
    }
  })

  it('compares names as manifestName does: stripped, NFKC, empty is no name', () => {
    expect(quick('---\nname: \uFF21\uFF22\uFF23\ndescription: d\n---\n')?.name).toBe('ABC')
    expect(quick("---\nname: 'it''s'\n---\n")?.name).toBe("it's")
    expect(quick('---\nname: "\t"\n---\n')).toEqual({ name: undefined, at: { line: 2, column: 7 } })
    expect(quick('---\nname:\ndescription: d\n---\n')).toEqual({ name: undefined, at: { line: 2, column: 1 } })
    expect(quick('---\ndescription: d\n---\n')).toEqual({ name: undefined, at: { line: 1, column: 1 } })
    expect(quick('---\nname: 1.0\n---\n')?.name).toBe('1.0') // strictyaml's view: the text as written
  })

  it('is unsure (undefined) whenever the YAML parser might read it differently', () => {
    const unsure = [
      '\uFEFF---\nname: bom\n---\n', // BOM
      'name: x\n---\n', // no frontmatter
      '---\nname: x\n', // unclosed
      '---\n---\n', // empty frontmatter
      '---\n# only a comment\n---\n',
      '---\nname: [a, b]\n---\n', // flow sequence
      '---\nname: {a: 1}\n---\n', // flow mapping
      '---\nname: |\n  x\n---\n', // block scalars
      '---\nname: >-\n  x\n---\n',
      '---\nname: &a x\nother: *a\n---\n', // anchor and alias
      '---\nname: !!str x\n---\n', // tag
      '---\nname: x # comment\n---\n',
      '---\nname: a: b\n---\n', // invalid YAML
      '---\nname: "a\\"b"\n---\n', // escapes
      '---\nname: "open\n  close"\n---\n', // multi-line quoted
      '---\nname: first line\n  continued\n---\n', // multi-line plain
      '---\nname: a\nname: b\n---\n', // duplicate key
      '---\nmetadata:\n  k: 1\n  k: 2\n---\n', // duplicate nested key
      '---\nname:\n  nested: x\n---\n', // name is a mapping
      '---\nmetadata:\n  deeper:\n    k: v\n---\n',
      '---\nmetadata:\n  a: 1\n   b: 2\n---\n', // uneven indentation
      '---\ntags:\n  - a\n---\n', // lists
      '---\nmetadata:\n\tversion: 1\n---\n', // tab indentation
      '---\n  name: x\n---\n', // indented root mapping
      '---\n"name": x\n---\n', // quoted key
      '---\nname : x\n---\n',
      '---\nname:x\n---\n',
      '---\nname: x\u0085y\n---\n', // NEL
      '---\nname: x\u2028y\n---\n',
      '---\n%YAML 1.2\nname: x\n---\n',
      '---\nname: x\n...\n---\n'
    ]
    for (const text of unsure) expect([text, quick(text)]).toEqual([text, undefined])
    // Bytes that are not UTF-8 in the frontmatter (the parser would read U+FFFD).
    expect(quick(Buffer.concat([Buffer.from('---\nname: a'), Buffer.from([0xc3]), Buffer.from('b\n---\n')]))).toBeUndefined()
  })

  it('is unsure when the head may end before the frontmatter does', () => {
    const text = '---\nname: cut-here\ndescription: d\n---\nbody\n'
    const bytes = Buffer.from(text)
    expect(quick(bytes.subarray(0, text.indexOf('description')), false)).toBeUndefined()
    expect(quick(bytes.subarray(0, text.lastIndexOf('---') + 3), false)).toBeUndefined() // the closing line may go on ("----")
    expect(quick(bytes.subarray(0, text.lastIndexOf('---') + 4), false)).toEqual({ name: 'cut-here', at: { line: 2, column: 7 } })
    expect(quick(Buffer.from('---\r'), false)).toBeUndefined() // half of a \r\n
    // Bytes after the frontmatter do not matter, even when they are not UTF-8.
    expect(quick(Buffer.concat([Buffer.from('---\nname: ok\n---\n'), Buffer.from([0xff, 0xfe])]), false)?.name).toBe('ok')
  })

  it('agrees with the full parse on every frontmatter it is sure about (generated cases)', () => {
    let seed = 7 // mulberry32: the same cases on every run
    const random = () => {
      seed = (seed + 0x6d2b79f5) >>> 0
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    const safe = [
      'x',
      'my-skill',
      'Fill PDF forms (e.g. W-9); not for scans.',
      '"a \'quoted\' name"',
      "'x'",
      '1.2.3',
      'C# and F#',
      '\u00e9t\u00e9'
    ]
    const values = [
      'x',
      'my-skill',
      ' spaced ',
      '"quoted"',
      "'single'",
      "'it''s'",
      '"a\\"b"',
      'a: b',
      'a:b',
      'a #c',
      'a#c',
      '#x',
      '- x',
      '[a]',
      '{a: 1}',
      '&a x',
      '*a',
      '!t x',
      '|',
      '>',
      '? x',
      '%x',
      '@x',
      '1.0',
      '0x1F',
      'true',
      'null',
      '~',
      '',
      '\t',
      'a\tb',
      '\u00e9',
      '\uFF21',
      '\uFB01',
      '\u00a0x',
      'x\u0085',
      '"unterminated',
      '"a" b',
      "'x'y'",
      'x:',
      '...',
      '---',
      '<<',
      'a,b]',
      'x \t',
      '""',
      "''"
    ]
    const nested = [
      '  version: 1.0',
      '  name: inner',
      '    deep: x',
      '  - item',
      '\tk: v',
      '  # c',
      '   odd: x',
      '  k:',
      '  k: [1]',
      '  continued'
    ]
    const value = () => (random() < 0.8 ? pick(safe) : pick(values))
    let sure = 0
    for (let round = 0; round < 4000; round++) {
      const keys = ['name', 'description', 'license', 'metadata', 'version', random() < 0.1 ? 'name' : 'compatibility']
        .sort(() => random() - 0.5)
        .slice(0, 1 + Math.floor(random() * 5))
      const lines: string[] = []
      for (const key of keys) {
        if (random() < 0.05) lines.push(pick(['', '# c', '  # c', ' ', '\t', 'text only', '  continued']))
        if (random() < 0.2) {
          lines.push(`${key}:${pick(['', ' ', ' # c'])}`)
          for (let n = Math.floor(random() * 3); n > 0; n--)
            lines.push(random() < 0.6 ? `  ${pick(['version', 'author', 'name'])}: ${value()}` : pick(nested))
        } else {
          lines.push(`${key}:${pick([' ', '  ', ' \t'])}${value()}${pick(['', ' ', '\t'])}`)
        }
      }
      const text = [pick(['---', '---', '--- ', '----']), ...lines, pick(['---', '---', '---', '...']), 'body', ''].join(
        pick(['\n', '\r\n', '\r'])
      )
      const answer = quick(text)
      if (answer === undefined) continue
      sure++
      expect([text, answer]).toEqual([text, parsedName(text)])
    }
    expect(sure).toBeGreaterThan(400) // enough sure cases for the comparison to mean something
  })
})

describe('readSkillName', () => {
  let root: string
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'skillpub-skillname-'))
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  const skill = async (folder: string, content?: string | Buffer) => {
    const dir = path.join(root, folder)
    await mkdir(dir, { recursive: true })
    if (content !== undefined) await writeFile(path.join(dir, 'SKILL.md'), content)
    return { dir, path: folder }
  }

  it('gives what the full read gives, through the fast path or the fallback', async () => {
    const longDescription = 'word '.repeat(NAME_HEAD_BYTES / 4)
    const locations = [
      await skill('plain', '---\nname: plain\ndescription: d\n---\nbody\n'),
      await skill('bom', '\uFEFF---\nname: bom\ndescription: d\n---\n'),
      await skill('folded', '---\nname: >-\n  folded\ndescription: d\n---\n'),
      await skill('escaped', '---\nname: "esc\\u0061ped"\n---\n'),
      await skill('long', `---\ndescription: ${longDescription}\nname: long\n---\n`), // frontmatter beyond the head
      await skill('invalid', '---\nname: a: b\n---\n'),
      await skill('nofront', '# just markdown\n'),
      await skill('empty', ''),
      await skill('missing')
    ]
    await mkdir(path.join(root, 'folder', 'SKILL.md'), { recursive: true })
    locations.push({ dir: path.join(root, 'folder'), path: 'folder' })
    await mkdir(path.join(root, 'broken'))
    await symlink('nowhere.md', path.join(root, 'broken', 'SKILL.md'))
    locations.push({ dir: path.join(root, 'broken'), path: 'broken' })

    const names: Record<string, string | undefined> = {}
    for (const location of locations) {
      const named = await readSkillName(location, root)
      expect(named).toEqual(skillNameOf(await readSkillManifest(location, root)))
      names[location.path] = named.name
    }
    expect(names).toEqual({
      plain: 'plain',
      bom: 'bom',
      folded: 'folded',
      escaped: 'escaped',
      long: 'long',
      invalid: undefined,
      nofront: undefined,
      empty: undefined,
      missing: undefined,
      folder: undefined,
      broken: undefined
    })
  })
})
