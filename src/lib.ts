// skillpub as a library (package.json `exports`): options in, a report out. Importing it runs
// nothing, reads no environment and writes nothing; both faces (src/action/, src/cli/) are built
// on these same exports.
//
//   import { parseConfig, runSkillpub } from 'skillpub'
//   const config = parseConfig({ mode: 'validate', paths: 'skills' }, { root: process.cwd(), env: process.env })
//   const report = await runSkillpub(config, { debug() {}, info: console.log, warning: console.warn, error: console.error })

export { runSkillpub } from './pipeline.js'
export { OPTIONS, parseConfig } from './options.js'
export type { FaceContext, OptionSpec, RawOptions } from './options.js'
export { ConfigError, MODES } from './config.js'
export type { ChangeQuery, Config, Mode, PackageLimits, PublishOptions, RegistryConfig } from './config.js'
export { FAILING_STATUSES, RESULT_STATUSES } from './core/types.js'
export type {
  ChangeSet,
  Diagnostic,
  Logger,
  Profile,
  RegistryKind,
  ResolvedVersion,
  ResultStatus,
  RunReport,
  Severity,
  SkillPackage,
  SkillResult
} from './core/types.js'
export { runFailed } from './report/verdict.js'
export { VERSION } from './version.js'
