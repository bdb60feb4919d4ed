import type { Flavour, RegistryKind, SkillPackage } from '../core/types.js'

/**
 * What a registry answers about a publication at one moment. `pending` means "look again";
 * every other verdict is final. `published` is final for registries that have nothing to wait
 * for (a folder) or when the caller does not wait.
 */
export type Verdict = 'pending' | 'published' | 'accepted' | 'rejected' | 'approved' | 'blocked'

export interface RemoteState {
  verdict: Verdict
  /** The scan verdict in the registry's own words, when there is one. */
  scan?: string
  /** The registry's own messages (validation errors, "no scan ran", moderation notes). */
  messages: string[]
  url?: string
  /** The registry asked us to wait this long before the next look (Retry-After). */
  retryAfterMs?: number
  /** The state is that of this other version, which holds the same content (the asked-for one was never published). */
  storedAs?: string
}

/** What the registry already holds for a skill's name and version. */
export interface ExistingVersion {
  /** The stored content is byte-for-byte (or fingerprint-for-fingerprint) ours. */
  sameContent: boolean
  /** How the registry identifies the stored content (checksum or fingerprint), for error messages. */
  remoteDigest?: string
  url?: string
  /** Registries that assign versions (Claude): the stored version's id, and the skill's own id. */
  version?: string
  skillId?: string
  /** The registry holds this content under another version than the one asked for (ClawHub's resolve `match`). */
  storedAs?: string
}

/** A publication to follow: enough to ask for its state and to undo it. */
export interface Publication {
  name: string
  version: string
  /** The registry's own id for the skill, where it assigns one (Claude). */
  skillId?: string
  jobId?: string
  url?: string
  /** The state the publish call itself answered with. */
  state: RemoteState
  /** What the publish did beyond the upload, for the skill's result (evidence attached). */
  notes?: string[]
}

/** A skill version a registry is asked about, when there is no package at hand (the merge gate). */
export interface SkillRef {
  name: string
  version: string
  /** The ClawHub fingerprint of the skill's files, when the gate has it: a version holding that content answers for one never published. */
  fingerprint?: string
}

/**
 * One registry. Implementations throw `RegistryError` with a message a person can act on;
 * they never log or return a token.
 */
export interface Registry {
  readonly kind: RegistryKind
  /** The archive layout this registry takes. */
  readonly flavour: Flavour
  /** Where it publishes, for logs and summaries (no credentials). */
  readonly target: string
  /** Is this name and version already there, and is it our content? */
  find(pkg: SkillPackage): Promise<ExistingVersion | undefined>
  /** Upload. Must not publish twice when retried (check first where the protocol needs it). */
  publish(pkg: SkillPackage): Promise<Publication>
  /** One look at a publication's state: the pipeline polls this until the verdict is final. */
  status(publication: Publication): Promise<RemoteState>
  /** The state of a version published earlier, without a package (the merge gate). */
  lookup(ref: SkillRef): Promise<RemoteState | undefined>
  /** Remove a version (cleanup of pre-releases, delete-on-blocked, `mode: delete`). */
  remove(ref: SkillRef): Promise<void>
  /** Remove a skill and every version of it, where a skill is an object of its own (Claude). */
  removeSkill?(name: string): Promise<void>
  /** The greatest semver version held for a name (`version: auto`); undefined when it holds none. */
  latestVersion?(name: string): Promise<string | undefined>
}

export { RegistryError } from '../http/error.js'
