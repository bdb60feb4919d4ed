// The tests `npm run mutate` runs against each mutant: the in-process ones for the mutated modules.
import base from './jest.config.js'

export default {
  ...base,
  testMatch: ['<rootDir>/__tests__/{core,corpus,git,http}/**/*.test.ts', '<rootDir>/__tests__/pipeline/outcome.test.ts'],
  reporters: ['default']
}
