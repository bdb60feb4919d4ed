// Synthetic inputs for the benchmark: skills of realistic size and shape, a 10,000-skill git
// repository, and one large skill. Everything is deterministic (seeded), so two machines and two
// runs measure the same bytes. Generated trees are cached under bench/.work, keyed by a version.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** Bump when the shape of generated data changes, so cached trees are rebuilt. */
export const DATA_VERSION = 3

/** Small, fast, seeded PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = (
  'the skill agent file data user request tool output input error check value model prompt ' +
  'document table report format parse build test run step result when then must should can ' +
  'with from into each every only never always config option folder path name version release ' +
  'review change commit branch merge deploy server client response status retry timeout cache ' +
  'token scope registry package archive upload download validate schema field summary example ' +
  'python script shell command line argument return list map set string number boolean object'
).split(' ')

function sentence(rand, min = 6, max = 16) {
  const n = min + Math.floor(rand() * (max - min))
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)])
  words[0] = words[0][0].toUpperCase() + words[0].slice(1)
  return words.join(' ') + '.'
}

function paragraph(rand, sentences = 4) {
  return Array.from({ length: sentences }, () => sentence(rand)).join(' ')
}

/** Markdown of about `bytes` bytes: headings, paragraphs, lists and a code block. */
function markdown(rand, bytes, title) {
  const parts = [`# ${title}\n`]
  let size = parts[0].length
  let section = 1
  while (size < bytes) {
    const kind = rand()
    let part
    if (kind < 0.15) part = `\n## Section ${section++}\n`
    else if (kind < 0.3)
      part = '\n' + Array.from({ length: 3 + Math.floor(rand() * 4) }, () => `- ${sentence(rand, 4, 10)}`).join('\n') + '\n'
    else if (kind < 0.38)
      part =
        '\n```bash\n' +
        Array.from(
          { length: 3 },
          () => `python scripts/run.py --${WORDS[Math.floor(rand() * WORDS.length)]} ${Math.floor(rand() * 100)}`
        ).join('\n') +
        '\n```\n'
    else part = '\n' + paragraph(rand, 2 + Math.floor(rand() * 4)) + '\n'
    parts.push(part)
    size += part.length
  }
  return parts.join('')
}

function python(rand, bytes) {
  const lines = ['#!/usr/bin/env python3', '"""' + sentence(rand) + '"""', 'import json', 'import sys', '']
  let size = lines.join('\n').length
  let i = 0
  while (size < bytes) {
    const fn = [
      `def step_${i}(data):`,
      `    """${sentence(rand, 4, 10)}"""`,
      `    result = {k: v for k, v in data.items() if k != "${WORDS[Math.floor(rand() * WORDS.length)]}"}`,
      `    if len(result) > ${Math.floor(rand() * 50)}:`,
      `        raise ValueError("${sentence(rand, 3, 8)}")`,
      '    return result',
      ''
    ]
    lines.push(...fn)
    size += fn.join('\n').length
    i++
  }
  lines.push('if __name__ == "__main__":', '    print(json.dumps(step_0(json.load(sys.stdin))))', '')
  return lines.join('\n')
}

function shell(rand, bytes) {
  const lines = ['#!/bin/sh', 'set -eu', '']
  while (lines.join('\n').length < bytes)
    lines.push(`echo "${sentence(rand, 3, 8)}"`, `test -f "\${1:-input}.${WORDS[Math.floor(rand() * WORDS.length)]}" || exit 1`)
  return lines.join('\n') + '\n'
}

/** A small PNG-like binary: a real PNG signature, then mostly incompressible bytes. */
function binaryAsset(rand, bytes) {
  const buf = Buffer.alloc(bytes)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buf)
  for (let i = 8; i < bytes; i++) buf[i] = Math.floor(rand() * 256)
  return buf
}

export function skillName(i) {
  return `bench-skill-${String(i).padStart(5, '0')}`
}

/**
 * One skill of realistic size (about 30-40 KB on disk in 7 files): SKILL.md with full
 * frontmatter and a 4-8 KB body that links its references, 3 references, 2 scripts, 1 binary asset.
 */
export function realisticSkill(i) {
  const rand = prng(1000 + i)
  const name = skillName(i)
  const refs = ['references/guide.md', 'references/api.md', 'references/examples.md']
  const frontmatter = [
    '---',
    `name: ${name}`,
    `description: ${sentence(rand, 12, 24)} Use when ${sentence(rand, 6, 12).toLowerCase()}`,
    'license: MIT',
    'compatibility: Requires python3 and a POSIX shell.',
    'allowed-tools: Bash(python3:*) Read Write',
    'metadata:',
    `  version: 1.${i % 10}.${i % 7}`,
    '  author: bench',
    `  tags: "bench,generated,${WORDS[i % WORDS.length]}"`,
    '---',
    ''
  ].join('\n')
  const body =
    markdown(rand, 4000 + Math.floor(rand() * 4000), name.replace(/-/g, ' ')) +
    '\n## References\n' +
    refs.map((ref) => `- [${ref}](${ref})`).join('\n') +
    '\n- Run [scripts/run.py](scripts/run.py) or [scripts/check.sh](scripts/check.sh).\n'
  return {
    'SKILL.md': frontmatter + body,
    [refs[0]]: markdown(rand, 6000 + Math.floor(rand() * 6000), 'Guide'),
    [refs[1]]: markdown(rand, 4000 + Math.floor(rand() * 4000), 'API'),
    [refs[2]]: markdown(rand, 3000 + Math.floor(rand() * 3000), 'Examples'),
    'scripts/run.py': python(rand, 2000 + Math.floor(rand() * 2000)),
    'scripts/check.sh': { content: shell(rand, 600), mode: 0o755 },
    'assets/icon.png': binaryAsset(rand, 2048 + Math.floor(rand() * 4096))
  }
}

function writeTree(dir, tree) {
  for (const [rel, value] of Object.entries(tree)) {
    const file = path.join(dir, rel)
    mkdirSync(path.dirname(file), { recursive: true })
    if (value && typeof value === 'object' && 'content' in value) writeFileSync(file, value.content, { mode: value.mode })
    else writeFileSync(file, value)
  }
}

function cached(dir, key, build) {
  const stamp = path.join(dir, '.bench-stamp')
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return dir
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  build(dir)
  writeFileSync(stamp, key)
  return dir
}

/** `count` realistic skills in `<work>/skills-<count>/`, one folder each. */
export function generateSkills(work, count) {
  return cached(path.join(work, `skills-${count}`), `v${DATA_VERSION}:${count}`, (dir) => {
    for (let i = 0; i < count; i++) writeTree(path.join(dir, skillName(i)), realisticSkill(i))
  })
}

/** Total bytes and file count of a tree (dot-files left out, as packaging does). */
export function treeSize(dir) {
  const out = execFileSync('find', [dir, '-type', 'f', '-not', '-name', '.*', '-printf', '%s\\n'], { maxBuffer: 64 << 20 }).toString()
  const sizes = out.split('\n').filter(Boolean).map(Number)
  return { bytes: sizes.reduce((a, b) => a + b, 0), files: sizes.length }
}

/**
 * One skill of about `megabytes` MB for the memory figure: half incompressible (random bytes),
 * half compressible text, in files of at most 8 MB (under the 10 MB per-file limit).
 */
export function generateLargeSkill(work, megabytes) {
  return cached(path.join(work, `large-${megabytes}mb`, 'big-skill'), `v${DATA_VERSION}:${megabytes}`, (dir) => {
    const rand = prng(megabytes)
    writeTree(dir, {
      'SKILL.md': `---\nname: big-skill\ndescription: A large skill for the memory benchmark.\nmetadata:\n  version: 1.0.0\n---\n\n# Big skill\n\n${paragraph(rand, 8)}\n`
    })
    const total = megabytes * 1024 * 1024 - 64 * 1024
    const fileBytes = Math.min(8 * 1024 * 1024, Math.ceil(total / 2))
    let written = 0
    let n = 0
    while (written < total) {
      const size = Math.min(fileBytes, total - written)
      const incompressible = n % 2 === 0
      const file = path.join(dir, incompressible ? `assets/blob-${n}.bin` : `references/text-${n}.md`)
      mkdirSync(path.dirname(file), { recursive: true })
      if (incompressible) {
        const buf = Buffer.alloc(size)
        for (let i = 0; i < size; i += 4) buf.writeUInt32LE(Math.floor(rand() * 4294967296), Math.min(i, size - 4))
        writeFileSync(file, buf)
      } else {
        const chunk = markdown(rand, 256 * 1024, `Text ${n}`)
        const parts = []
        for (let s = 0; s < size; s += chunk.length) parts.push(chunk)
        writeFileSync(file, parts.join('').slice(0, size))
      }
      written += size
      n++
    }
  })
}

function gitSync(cwd, args, input) {
  return execFileSync('git', args, { cwd, input, maxBuffer: 256 << 20, env: gitEnv() }).toString()
}

function gitEnv() {
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null'
  }
}

/** A small skill for the big repository (two files), so the repository stays quick to build. */
function repoSkill(i, revision) {
  const name = skillName(i)
  return {
    [`skills/${name}/SKILL.md`]: `---\nname: ${name}\ndescription: Generated skill ${i} for the change-detection benchmark.\nmetadata:\n  version: 1.0.${revision}\n---\n\n# ${name}\n\nRevision ${revision}.\n`,
    [`skills/${name}/references/notes.md`]: `# Notes ${i}\n\nSome notes for skill ${i}.\n`
  }
}

/**
 * A git repository of `count` skills (two files each) with two commits: the first adds them all,
 * the second changes `changed` of them. Built with one `git fast-import` stream, then checked out.
 * Returns the repository folder and the base ref (`base`, the first commit).
 */
export async function generateRepo(work, count, changed) {
  const dir = path.join(work, `repo-${count}`)
  const key = `v${DATA_VERSION}:${count}:${changed}`
  const stamp = path.join(work, `repo-${count}.stamp`)
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key && existsSync(path.join(dir, '.git')))
    return { dir, base: 'base', changedSkills: changedIndexes(count, changed).map(skillName) }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  gitSync(dir, ['init', '-q', '-b', 'main'])
  const chunks = []
  const commit = (files, message, mark, from) => {
    for (const [, content] of files) {
      const bytes = Buffer.from(content)
      chunks.push(`blob\nmark :${++blobMark}\ndata ${bytes.length}\n`, bytes, '\n')
    }
    const first = blobMark - files.length + 1
    const time = 1700000000 + mark
    chunks.push(
      `commit refs/heads/main\nmark :${mark}\ncommitter bench <bench@example.com> ${time} +0000\ndata ${message.length}\n${message}\n`
    )
    if (from) chunks.push(`from :${from}\n`)
    files.forEach(([file], k) => chunks.push(`M 100644 :${first + k} ${file}\n`))
    chunks.push('\n')
  }
  let blobMark = 100
  const all = []
  for (let i = 0; i < count; i++) all.push(...Object.entries(repoSkill(i, 0)))
  all.push(['README.md', '# bench repository\n'])
  commit(all, 'add skills', 1)
  const edits = []
  for (const i of changedIndexes(count, changed)) edits.push(...Object.entries(repoSkill(i, 1)).slice(0, 1))
  commit(edits, 'change a few skills', 2, 1)
  chunks.push('reset refs/tags/base\nfrom :1\n\n')
  await new Promise((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, env: gitEnv(), stdio: ['pipe', 'ignore', 'inherit'] })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`))))
    for (const chunk of chunks) child.stdin.write(chunk)
    child.stdin.end()
  })
  gitSync(dir, ['reset', '-q', '--hard', 'main'])
  writeFileSync(stamp, key)
  return { dir, base: 'base', changedSkills: changedIndexes(count, changed).map(skillName) }
}

function changedIndexes(count, changed) {
  return Array.from({ length: changed }, (_, k) => Math.floor(((k + 1) * count) / (changed + 1)))
}
