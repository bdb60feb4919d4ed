// Mutation testing (`npm run mutate`): does a test fail when the code under it is changed?
// Scoped to the modules whose mistakes cost users most: the validation rules, the HTTP client
// (retries, redirects, tokens) and the git layer. Only the in-process tests that exercise them
// run per mutant; tests of the bundled dist/ cannot see a mutant in src/ and are left out.
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings'],
  jest: { projectType: 'custom', configFile: 'jest.mutate.config.js', enableFindRelatedTests: false },
  mutate: ['src/core/rules/**/*.ts', 'src/http/client.ts', 'src/git/**/*.ts', 'src/stages/outcome.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // Re-runs test only the mutants whose code or tests changed since the recorded run.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json'
}
