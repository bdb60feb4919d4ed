export { PackageError } from './errors.js'
export { listPackageFiles, type ListOptions } from './files.js'
export { computeFingerprint, fingerprintFolder } from './fingerprint.js'
export { writeDeterministicZip, ZipInputError, ZIP_TIMESTAMP, type ZipDigest } from './zip.js'
export {
  artifactoryPath,
  buildPackage,
  packageFileName,
  skillProjectToml,
  SKILL_PROJECT,
  type BuildOptions,
  type SkillToPackage
} from './build.js'
