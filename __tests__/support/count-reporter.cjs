// Ends every run with the plain line "N passed, N failed" taken from jest's own counts, so that
// a run which tested nothing is visible at a glance (and to CI). It is written as the process
// exits, after jest's own summary, so that it really is the last line.
class CountReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    const skipped = results.numPendingTests + results.numTodoTests
    const line = `${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '')
    process.once('exit', () => process.stdout.write(`\n${line}\n`))
  }
}
module.exports = CountReporter
