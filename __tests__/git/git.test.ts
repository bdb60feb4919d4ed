import { existsSync } from 'node:fs'
import path from 'node:path'
import { git, GitError, parseNameStatusZ, parsePathListZ, runGit } from '../../src/git/git.js'
import { removeTempFolders, TestRepo } from './fixture.js'

afterAll(removeTempFolders)

describe('parseNameStatusZ', () => {
  it('parses plain, rename and copy records, whatever the paths contain', () => {
    const output = [
      'M',
      'a b/ü.md',
      'R100',
      'old\nname',
      'new name',
      'C075',
      'src',
      'dst',
      'D',
      'gone',
      'A',
      'new',
      'T',
      'link',
      'X',
      'odd',
      ''
    ].join('\0')
    expect(parseNameStatusZ(output)).toEqual([
      { status: 'modified', path: 'a b/ü.md' },
      { status: 'renamed', previousPath: 'old\nname', path: 'new name' },
      { status: 'copied', previousPath: 'src', path: 'dst' },
      { status: 'deleted', path: 'gone' },
      { status: 'added', path: 'new' },
      { status: 'type-changed', path: 'link' },
      { status: 'unknown', path: 'odd' }
    ])
  })

  it('returns nothing for empty output and refuses a truncated record', () => {
    expect(parseNameStatusZ('')).toEqual([])
    expect(() => parseNameStatusZ('R100\0old')).toThrow(/ended inside a record \(a R100 change without its path\).*Re-run the job/)
  })

  it('parses path lists', () => {
    expect(parsePathListZ('a\0b c\0')).toEqual(['a', 'b c'])
  })
})

describe('runGit', () => {
  it('reports exit codes and stderr, and throws a GitError from git()', async () => {
    const repo = TestRepo.init()
    const result = await runGit(repo.dir, ['rev-parse', '--verify', 'nope'])
    expect(result.exitCode).toBe(128)
    await expect(git(repo.dir, ['rev-parse', '--verify', 'nope'])).rejects.toBeInstanceOf(GitError)
  })

  it('stops git when its output passes the bound', async () => {
    const repo = TestRepo.init()
    repo.write({ 'big.txt': 'x'.repeat(100_000) })
    repo.commit('big')
    await expect(runGit(repo.dir, ['show', 'HEAD:big.txt'], { maxOutputBytes: 1000 })).rejects.toThrow(/exceeded 1000 bytes/)
  })

  it('takes arguments literally (no shell)', async () => {
    const repo = TestRepo.init()
    const result = await runGit(repo.dir, ['rev-parse', '--verify', '--quiet', '$(touch pwned); HEAD'])
    expect(result.exitCode).not.toBe(0)
    // A shell would have run the substitution and created the file.
    expect(existsSync(path.join(repo.dir, 'pwned'))).toBe(false)
  })
})
