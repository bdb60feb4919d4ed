// The terminal's live status line: redrawn in place, log lines written above it, never wider than a row.
import { liveLine } from '../../src/cli/live-line.js'

describe('liveLine', () => {
  it('redraws in place, writes log lines above the status, and clears it at the end', () => {
    const written: string[] = []
    const live = liveLine({ stderr: (text) => written.push(text) }, 40)
    live.update('1/3 done; pending: a (2 s)')
    live.update('1/3 done; pending: a (2 s)') // unchanged: nothing drawn
    live.print('2/3 accepted: b 1.0.0\n')
    live.update('x'.repeat(100))
    live.update('')
    expect(written).toEqual([
      '\r\u001b[K1/3 done; pending: a (2 s)',
      '\r\u001b[K2/3 accepted: b 1.0.0\n',
      '\r\u001b[K1/3 done; pending: a (2 s)',
      `\r\u001b[K${'x'.repeat(38)}…`,
      '\r\u001b[K'
    ])
  })

  it('writes log lines unchanged while no status is shown', () => {
    const written: string[] = []
    liveLine({ stderr: (text) => written.push(text) }).print('hello\n')
    expect(written).toEqual(['hello\n'])
  })
})
