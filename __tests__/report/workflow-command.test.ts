import type { Annotation } from '../../src/report/annotations.js'
import { formatWorkflowCommand } from '../../src/report/workflow-command.js'

const base: Annotation = {
  level: 'error',
  message: 'name is invalid',
  title: 'spec/name (my-skill)',
  file: 'skills/my-skill/SKILL.md',
  startLine: 3,
  startColumn: 7
}

describe('formatWorkflowCommand', () => {
  it('writes the command with file, line, col and title', () => {
    expect(formatWorkflowCommand(base)).toBe(
      '::error file=skills/my-skill/SKILL.md,line=3,col=7,title=spec/name (my-skill)::name is invalid'
    )
    expect(formatWorkflowCommand({ ...base, level: 'notice' })).toMatch(/^::notice /)
    expect(formatWorkflowCommand({ ...base, level: 'warning' })).toMatch(/^::warning /)
  })

  it('escapes %, CR and LF in the message, and keeps : and , there', () => {
    const line = formatWorkflowCommand({ ...base, message: '100% sure:\r\nline two, with comma' })
    expect(line.endsWith('::100%25 sure:%0D%0Aline two, with comma')).toBe(true)
  })

  it('escapes %, CR, LF, : and , in property values', () => {
    const line = formatWorkflowCommand({ ...base, title: 'a:b,c%d\r\ne', file: 'dir,x/we:ird%/SKILL.md' })
    expect(line).toBe('::error file=dir%2Cx/we%3Aird%25/SKILL.md,line=3,col=7,title=a%3Ab%2Cc%25d%0D%0Ae::name is invalid')
    // the escaped output is one line, whatever came in
    expect(line).not.toMatch(/[\r\n]/)
  })

  it('escapes % before anything else so existing escapes are not decoded by the runner', () => {
    expect(formatWorkflowCommand({ ...base, message: '%0A' })).toMatch(/::%250A$/)
  })

  it('leaves out an empty file', () => {
    expect(formatWorkflowCommand({ ...base, file: '' })).toBe('::error line=3,col=7,title=spec/name (my-skill)::name is invalid')
  })
})
