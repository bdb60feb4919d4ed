// A loopback ClawHub v1 registry (REGISTRIES.md §2): discovery, whoami, resolve by fingerprint,
// multipart publish validated like the real server (400 text/plain), delayed visibility and scans.
import { randomBytes } from 'node:crypto'
import semver from 'semver'
import {
  Router,
  bearerToken,
  isMultipart,
  parseMultipart,
  startServer,
  type RecordedRequest,
  type Reply,
  type TestServer
} from './harness.js'
import { clawhubFingerprint, type ZipEntry } from './zip.js'

export type ClawHubScanStatus = 'clean' | 'suspicious' | 'malicious' | 'pending' | 'error'
export type ClawHubModeration = 'hidden' | 'removed'

export interface ClawHubOptions {
  /**
   * 'absolute' (default): /.well-known/clawhub.json with an absolute apiBase; 'relative': apiBase is
   * the path itself (e.g. "/api/compat"); 'legacy': only /.well-known/clawdhub.json {registry};
   * 'none': no discovery document.
   */
  discovery?: 'absolute' | 'relative' | 'legacy' | 'none'
  /** Where `api/v1/...` is served. Default '' ('/api/compat' when discovery is 'relative'). */
  apiBasePath?: string
  /** token -> owner handle. Default { clh_test_token: 'alice' }. */
  tokens?: Record<string, string>
  /** Wrap 400 messages as Convex does: `[CONVEX M(...)] [Request ID: ...] Server Error Uncaught ConvexError: ...`. */
  convexWrappers?: boolean
  /** GETs of versions/{version} answered 423 (owner) or 404 (others) before the version is public. Default 0. */
  pollsUntilPublic?: number
  /** Scan states shown on successive scan polls of a version; the last one sticks. Default ['clean']. */
  scanScript?: ClawHubScanStatus[]
  /** Size limits, lowered in tests to avoid 50 MB bodies. Defaults 10 MB and 50 MB. */
  maxFileBytes?: number
  maxBundleBytes?: number
}

export interface ClawHubVersion {
  version: string
  versionId: string
  changelog: string
  files: ZipEntry[]
  fingerprint: string
  payload: Record<string, unknown>
  createdAt: number
  /** Remaining versions/{version} polls before it is public. */
  pollsUntilPublic: number
  scanPolls: number
}

export interface ClawHubSkill {
  slug: string
  skillId: string
  displayName: string
  ownerHandle: string
  moderation?: ClawHubModeration
  versions: Map<string, ClawHubVersion>
  createdAt: number
  updatedAt: number
}

export interface ClawHubState {
  options: ClawHubOptions
  skills: Map<string, ClawHubSkill>
  tokens: Map<string, string>
  /** Scripts by `slug@version` or by `slug`; looked up at each scan poll, so set them any time (restarts the poll count). */
  scanScripts: Map<string, ClawHubScanStatus[]>
  setScanScript(slug: string, script: ClawHubScanStatus[], version?: string): void
  /** Add an existing skill/version (e.g. owned by someone else, or already published content). */
  seed(input: { slug: string; ownerHandle: string; version?: string; files?: ZipEntry[]; displayName?: string }): ClawHubSkill
  setModeration(slug: string, moderation: ClawHubModeration | undefined): void
  /** The absolute API base (server URL + apiBasePath). */
  apiBase: string
}

export interface ClawHubServer {
  server: TestServer
  state: ClawHubState
}

const MB = 1024 * 1024
const SLUG_PATTERN = /^[a-z0-9](?:(?!--)[a-z0-9-])*[a-z0-9]$/
const RESERVED_SLUGS = new Set([
  'api',
  'admin',
  'skills',
  'skill',
  'login',
  'logout',
  'null',
  'undefined',
  'settings',
  'search',
  'user',
  'users',
  'new',
  'upload',
  'clawhub',
  'openclaw'
])
const PROTECTED_PREFIXES = ['openclaw-', 'clawhub-', 'clawdhub-', 'official-', 'verified-']
const PROTECTED_SUFFIXES = ['-openclaw', '-clawhub', '-official', '-verified']

export async function startClawHubServer(options: ClawHubOptions = {}): Promise<ClawHubServer> {
  const discovery = options.discovery ?? 'absolute'
  const apiBasePath = options.apiBasePath ?? (discovery === 'relative' ? '/api/compat' : '')
  const state: ClawHubState = {
    options,
    skills: new Map(),
    tokens: new Map(Object.entries(options.tokens ?? { clh_test_token: 'alice' })),
    scanScripts: new Map(),
    apiBase: '',
    setScanScript(slug, script, version) {
      state.scanScripts.set(version ? `${slug}@${version}` : slug, script)
      for (const stored of state.skills.get(slug)?.versions.values() ?? []) if (!version || stored.version === version) stored.scanPolls = 0
    },
    seed({ slug, ownerHandle, version, files, displayName }) {
      const skill = ensureSkill(state, slug, displayName ?? slug, ownerHandle)
      if (version)
        addVersion(state, skill, version, '', files ?? [{ path: 'SKILL.md', data: Buffer.from(`---\nname: ${slug}\n---\n`) }], {}, 0)
      return skill
    },
    setModeration(slug, moderation) {
      const skill = state.skills.get(slug)
      if (!skill) throw new Error(`no skill ${slug}`)
      skill.moderation = moderation
    }
  }

  const router = new Router()
  const api = `${apiBasePath}/api/v1`
  if (discovery === 'absolute' || discovery === 'relative') {
    router.get('/.well-known/clawhub.json', (_req, res) =>
      res.json(200, {
        apiBase: discovery === 'relative' ? apiBasePath : state.apiBase,
        authBase: server.url,
        minCliVersion: '0.1.0',
        registry: state.apiBase
      })
    )
  }
  if (discovery === 'legacy') {
    router.get('/.well-known/clawdhub.json', (_req, res) => res.json(200, { registry: state.apiBase }))
  }
  router.get(`${api}/whoami`, (req, res) => whoami(state, req, res))
  router.get(`${api}/resolve`, (req, res) => resolve(state, req, res))
  router.post(`${api}/skills`, (req, res) => publish(state, req, res))
  router.get(`${api}/skills/:slug`, (req, res, p) => skillDetail(state, req, res, p.slug!))
  router.get(`${api}/skills/:slug/versions/:version`, (req, res, p) => versionDetail(state, req, res, p.slug!, p.version!))
  router.get(`${api}/skills/:slug/scan`, (req, res, p) => scan(state, req, res, p.slug!))

  const server = await startServer(router.handle)
  state.apiBase = `${server.url}${apiBasePath}`
  return { server, state }
}

// ---------------------------------------------------------------------------------------------
// Routes

function whoami(state: ClawHubState, req: RecordedRequest, res: Reply): void {
  const handle = requireUser(state, req, res)
  if (handle === undefined) return
  res.json(200, { user: { handle, displayName: handle, image: null, role: 'user' } })
}

function resolve(state: ClawHubState, req: RecordedRequest, res: Reply): void {
  const slug = req.url.searchParams.get('slug') ?? ''
  const hash = req.url.searchParams.get('hash') ?? ''
  if (!slug) return res.text(400, 'slug is required')
  if (!/^[0-9a-f]{64}$/.test(hash)) return res.text(400, 'hash must be a 64-character lowercase hex sha256')
  const skill = state.skills.get(slug)
  const ownerHandle = req.url.searchParams.get('ownerHandle')
  if (!skill || skill.moderation === 'removed' || (ownerHandle && ownerHandle !== skill.ownerHandle))
    return res.text(404, 'Skill not found')
  const match = [...skill.versions.values()].find((v) => v.fingerprint === hash)
  const latest = latestVersion(skill)
  res.json(200, { slug, match: match ? { version: match.version } : null, latestVersion: latest ? { version: latest.version } : null })
}

async function publish(state: ClawHubState, req: RecordedRequest, res: Reply): Promise<void> {
  const handle = requireUser(state, req, res)
  if (handle === undefined) return
  if (!isMultipart(req)) return res.text(415, 'Unsupported Media Type: expected multipart/form-data')
  const bad = (message: string, fn = 'skills:publishVersion'): void => res.text(400, wrap(state, message, fn))

  let form: FormData
  try {
    form = await parseMultipart(req)
  } catch {
    return bad('Invalid multipart form data', 'http:publish')
  }
  const rawPayload = form.get('payload')
  if (rawPayload === null) return bad('Missing payload')
  let payload: Record<string, unknown>
  try {
    const text = typeof rawPayload === 'string' ? rawPayload : await rawPayload.text()
    payload = JSON.parse(text) as Record<string, unknown>
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('not an object')
  } catch {
    return bad('Invalid JSON payload')
  }

  const slug = typeof payload.slug === 'string' ? payload.slug.trim() : ''
  const displayName = typeof payload.displayName === 'string' ? payload.displayName.trim() : ''
  const version = typeof payload.version === 'string' ? payload.version.trim() : ''
  if (!slug) return bad('Slug is required')
  if (!displayName) return bad('Display name is required')
  if (!version) return bad('Version is required')
  if (typeof payload.changelog !== 'string') return bad('Changelog is required')
  if (payload.acceptLicenseTerms !== true) return bad('MIT-0 license terms must be accepted to publish skills')
  if (!semver.valid(version)) return bad('Version must be valid semver')
  if (payload.tags !== undefined && !(Array.isArray(payload.tags) && payload.tags.every((t) => typeof t === 'string'))) {
    return bad('Tags must be an array of strings')
  }

  const parts = [...form.getAll('files'), ...form.getAll('files[]')]
  const files: ZipEntry[] = []
  for (const part of parts) {
    if (typeof part === 'string') return bad('Each file part must be a file with a filename')
    const path = part.name
    if (!path || path.includes('..') || path.includes('\\') || path.startsWith('/')) return bad(`Invalid file path: ${path}`)
    files.push({ path, data: Buffer.from(await part.arrayBuffer()) })
  }
  const maxFile = state.options.maxFileBytes ?? 10 * MB
  const maxBundle = state.options.maxBundleBytes ?? 50 * MB
  const tooBig = files.find((f) => f.data.length > maxFile)
  if (tooBig) return bad(`File "${tooBig.path}" exceeds 10MB limit`)
  if (files.reduce((sum, f) => sum + f.data.length, 0) > maxBundle) return bad('Skill bundle exceeds 50MB limit')
  if (!files.some((f) => ['skill.md', 'skills.md'].includes(f.path.toLowerCase()))) return bad('SKILL.md is required')

  const existing = state.skills.get(slug)
  if (existing && existing.ownerHandle !== handle) {
    return bad(`Slug is already taken. Choose a different slug. Existing skill: /${existing.ownerHandle}/${slug}`)
  }
  if (!existing) {
    const slugProblem = checkNewSlug(slug)
    if (slugProblem) return bad(slugProblem)
  }
  if (existing?.versions.has(version)) return bad(`Version ${version} already exists. Increment the version number and try again.`)

  const skill = existing ?? ensureSkill(state, slug, displayName, handle)
  const stored = addVersion(state, skill, version, payload.changelog, files, payload, state.options.pollsUntilPublic ?? 0)
  const status = stored.pollsUntilPublic > 0 ? 'pending' : 'published'
  res.json(200, { ok: true, skillId: skill.skillId, versionId: stored.versionId, slug, version, status, publicationStatus: status })
}

function skillDetail(state: ClawHubState, req: RecordedRequest, res: Reply, slug: string): void {
  const skill = visibleSkill(state, req, res, slug)
  if (!skill) return
  const latest = latestVersion(skill)
  res.json(200, {
    skill: {
      slug,
      displayName: skill.displayName,
      summary: null,
      tags: { latest: latest?.version },
      stats: {},
      createdAt: skill.createdAt,
      updatedAt: skill.updatedAt
    },
    latestVersion: latest ? { version: latest.version, createdAt: latest.createdAt, changelog: latest.changelog, license: 'MIT-0' } : null,
    owner: { handle: skill.ownerHandle, displayName: skill.ownerHandle, image: null },
    moderation: null
  })
}

function versionDetail(state: ClawHubState, req: RecordedRequest, res: Reply, slug: string, version: string): void {
  const skill = visibleSkill(state, req, res, slug)
  if (!skill) return
  const stored = skill.versions.get(version)
  if (!stored) return res.text(404, 'Version not found')
  if (stored.pollsUntilPublic > 0) {
    stored.pollsUntilPublic -= 1
    return isOwner(state, req, skill) ? res.text(423, 'Skill is pending security scan') : res.text(404, 'Skill not found')
  }
  res.json(200, {
    version: {
      version: stored.version,
      createdAt: stored.createdAt,
      changelog: stored.changelog,
      changelogSource: 'user',
      license: 'MIT-0',
      files: stored.files.map((f) => ({ path: f.path, size: f.data.length }))
    },
    skill: { slug, displayName: skill.displayName }
  })
}

function scan(state: ClawHubState, req: RecordedRequest, res: Reply, slug: string): void {
  const skill = visibleSkill(state, req, res, slug)
  if (!skill) return
  const requested = req.url.searchParams.get('version')
  const stored = requested ? skill.versions.get(requested) : latestVersion(skill)
  if (!stored) return res.text(404, 'Version not found')
  const script = state.scanScripts.get(`${slug}@${stored.version}`) ?? state.scanScripts.get(slug) ?? state.options.scanScript ?? ['clean']
  const status = script[Math.min(stored.scanPolls, script.length - 1)] ?? 'clean'
  stored.scanPolls += 1
  res.json(200, {
    slug,
    version: stored.version,
    security: {
      status,
      hasWarnings: status === 'suspicious',
      checkedAt: status === 'pending' ? null : Date.now(),
      model: 'test-scanner'
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Helpers

function requireUser(state: ClawHubState, req: RecordedRequest, res: Reply): string | undefined {
  const token = bearerToken(req)
  if (!token) {
    res.text(401, 'Unauthorized: missing API token')
    return undefined
  }
  const handle = state.tokens.get(token)
  if (!handle) {
    res.text(401, 'Unauthorized: invalid or revoked API token')
    return undefined
  }
  return handle
}

function isOwner(state: ClawHubState, req: RecordedRequest, skill: ClawHubSkill): boolean {
  const token = bearerToken(req)
  return token !== undefined && state.tokens.get(token) === skill.ownerHandle
}

/** 404 unknown, 410 removed, 403 hidden by moderation; else the skill. */
function visibleSkill(state: ClawHubState, _req: RecordedRequest, res: Reply, slug: string): ClawHubSkill | undefined {
  const skill = state.skills.get(slug)
  if (!skill) res.text(404, 'Skill not found')
  else if (skill.moderation === 'removed') res.text(410, 'Skill has been removed')
  else if (skill.moderation === 'hidden') res.text(403, 'Skill is hidden by moderation')
  else return skill
  return undefined
}

function checkNewSlug(slug: string): string | undefined {
  if (slug.length < 3 || slug.length > 96 || !SLUG_PATTERN.test(slug)) {
    return 'Slug must be 3-96 characters: lowercase letters, digits and single hyphens, starting and ending with a letter or digit'
  }
  if (RESERVED_SLUGS.has(slug)) return `Slug "${slug}" is reserved. Choose a different slug.`
  if (PROTECTED_PREFIXES.some((p) => slug.startsWith(p)) || PROTECTED_SUFFIXES.some((s) => slug.endsWith(s))) {
    return `Slug "${slug}" uses a protected name. Choose a different slug.`
  }
  return undefined
}

function wrap(state: ClawHubState, message: string, fn: string): string {
  if (!state.options.convexWrappers) return message
  return `[CONVEX M(${fn})] [Request ID: ${randomBytes(8).toString('hex')}] Server Error Uncaught ConvexError: ${message}`
}

function ensureSkill(state: ClawHubState, slug: string, displayName: string, ownerHandle: string): ClawHubSkill {
  const existing = state.skills.get(slug)
  if (existing) return existing
  const skill: ClawHubSkill = {
    slug,
    skillId: `sk_${randomBytes(8).toString('hex')}`,
    displayName,
    ownerHandle,
    versions: new Map(),
    createdAt: Date.now(),
    updatedAt: Date.now()
  }
  state.skills.set(slug, skill)
  return skill
}

function addVersion(
  _state: ClawHubState,
  skill: ClawHubSkill,
  version: string,
  changelog: string,
  files: ZipEntry[],
  payload: Record<string, unknown>,
  pollsUntilPublic: number
): ClawHubVersion {
  const stored: ClawHubVersion = {
    version,
    versionId: `sv_${randomBytes(8).toString('hex')}`,
    changelog,
    files,
    fingerprint: clawhubFingerprint(files),
    payload,
    createdAt: Date.now(),
    pollsUntilPublic,
    scanPolls: 0
  }
  skill.versions.set(version, stored)
  skill.updatedAt = stored.createdAt
  return stored
}

function latestVersion(skill: ClawHubSkill): ClawHubVersion | undefined {
  const versions = [...skill.versions.values()].filter((v) => semver.valid(v.version))
  return versions.sort((a, b) => semver.rcompare(a.version, b.version))[0]
}
