// A loopback ClawHub v1 registry (REGISTRIES.md §2 and §5): discovery, whoami, resolve by
// fingerprint, the upload-url flow (tickets on the API, raw bytes to a separate storage origin)
// and multipart publish, every payload checked with the schemas the `clawhub` npm package ships
// (the server's own arktype schemas) and refused as the real server does (400 text/plain), a
// proxy body cap on multipart (413), pending publication (404), scan holds (423), moderation,
// scans, and one-version deletes. The official `clawhub` CLI runs against it in the tests.
import { createHash, randomBytes } from 'node:crypto'
import semver from 'semver'
import { parseArk } from 'clawhub/dist/schema/ark.js'
import {
  ApiV1PublishResponseSchema,
  ApiV1SkillResponseSchema,
  ApiV1SkillUploadUrlRequestSchema,
  ApiV1SkillVersionResponseSchema,
  CliPublishRequestSchema
} from 'clawhub/dist/schema/schemas.js'
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

/** `null`: the scan answer carries `security: null` (no scan record yet). */
type ClawHubScanStatus = 'clean' | 'suspicious' | 'malicious' | 'pending' | 'error' | null
type ClawHubModeration = 'hidden' | 'removed'

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
  /** GETs of versions/{version} answered 404 while the version is pending publication. Default 0. */
  pollsUntilPublic?: number
  /** Then GETs answered 423 while a scan holds the version. Default 0. */
  pollsHeld?: number
  /** How the publish answer words it: `published`/`pending` (publicationStatus), or `submitted` (no status, an attemptId). Default: pending while not public. */
  publishAnswer?: 'published' | 'pending' | 'submitted'
  /** The upload-url endpoint: served (default), or answered 404 or 405 as servers without it do. */
  uploadUrl?: 'served' | 404 | 405
  /** The public site's proxy caps request bodies near 4.5 MB: multipart bodies above this get 413. Default 4.5 MB; `false` for no cap. */
  proxyBodyLimitBytes?: number | false
  /** Scan states shown on successive scan polls of a version; the last one sticks. Default ['clean']. */
  scanScript?: ClawHubScanStatus[]
  /** Size limits, lowered in tests to avoid 50 MB bodies. Defaults 10 MB and 50 MB. */
  maxFileBytes?: number
  maxBundleBytes?: number
}

interface ClawHubVersion {
  version: string
  versionId: string
  changelog: string
  files: ZipEntry[]
  fingerprint: string
  payload: Record<string, unknown>
  createdAt: number
  /** Remaining versions/{version} polls before it is public (404), then held by its scan (423). */
  pollsUntilPublic: number
  pollsHeld: number
  scanPolls: number
}

interface ClawHubSkill {
  slug: string
  skillId: string
  displayName: string
  ownerHandle: string
  moderation?: ClawHubModeration
  versions: Map<string, ClawHubVersion>
  createdAt: number
  updatedAt: number
}

interface ClawHubState {
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
  /** Upload tickets handed out, by ticket: who asked and what they declared; `storageId` once the bytes arrived. */
  tickets: Map<string, { handle: string; path: string; size: number; sha256: string; contentType?: string; storageId?: string }>
  /** Stored bytes by storage id. */
  storage: Map<string, Buffer>
  /** Every publish payload that passed the schema, as received (files listed without bytes). */
  payloads: Record<string, unknown>[]
}

export interface ClawHubServer {
  server: TestServer
  /** The storage origin the upload URLs point at (the real one is Convex's, not the site's). */
  storage: TestServer
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
    tickets: new Map(),
    storage: new Map(),
    payloads: [],
    setScanScript(slug, script, version) {
      state.scanScripts.set(version ? `${slug}@${version}` : slug, script)
      for (const stored of state.skills.get(slug)?.versions.values() ?? []) if (!version || stored.version === version) stored.scanPolls = 0
    },
    seed({ slug, ownerHandle, version, files, displayName }) {
      const skill = ensureSkill(state, slug, displayName ?? slug, ownerHandle)
      if (version)
        addVersion(state, skill, version, '', files ?? [{ path: 'SKILL.md', data: Buffer.from(`---\nname: ${slug}\n---\n`) }], {}, {})
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
  router.post(`${api}/skills/-/upload-url`, (req, res) => uploadUrl(state, req, res, storage.url))
  router.post(`${api}/skills`, (req, res) => publish(state, req, res))
  router.get(`${api}/skills/:slug`, (req, res, p) => skillDetail(state, req, res, p.slug!))
  router.get(`${api}/skills/:slug/versions/:version`, (req, res, p) => versionDetail(state, req, res, p.slug!, p.version!))
  router.delete(`${api}/skills/:slug/versions/:version`, (req, res, p) => deleteVersion(state, req, res, p.slug!, p.version!))
  router.get(`${api}/skills/:slug/scan`, (req, res, p) => scan(state, req, res, p.slug!))

  const storageRouter = new Router()
  storageRouter.post('/api/v1/skills/-/upload/:ticket', (req, res, p) => storeUpload(state, req, res, p.ticket!))

  const server = await startServer(router.handle)
  const storage = await startServer(storageRouter.handle)
  const close = server.close.bind(server)
  server.close = async () => {
    await Promise.all([close(), storage.close()])
  }
  state.apiBase = `${server.url}${apiBasePath}`
  return { server, storage, state }
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

function uploadUrl(state: ClawHubState, req: RecordedRequest, res: Reply, storageUrl: string): void {
  if (state.options.uploadUrl === 404) return res.text(404, 'No matching routes found')
  if (state.options.uploadUrl === 405) return res.text(405, 'Method Not Allowed')
  const handle = requireUser(state, req, res)
  if (handle === undefined) return
  let expected: { path: string; size: number; sha256: string; contentType?: string }
  try {
    expected = parseArk(ApiV1SkillUploadUrlRequestSchema, JSON.parse(req.body.toString('utf8')) as unknown, 'Skill upload request')
  } catch (error) {
    return res.text(400, (error as Error).message)
  }
  const ticket = `tk_${randomBytes(8).toString('hex')}`
  state.tickets.set(ticket, { handle, ...expected })
  res.json(200, { uploadUrl: `${storageUrl}/api/v1/skills/-/upload/${encodeURIComponent(ticket)}`, uploadTicket: ticket })
}

function storeUpload(state: ClawHubState, req: RecordedRequest, res: Reply, ticketId: string): void {
  const handle = requireUser(state, req, res)
  if (handle === undefined) return
  const ticket = state.tickets.get(ticketId)
  if (!ticket || ticket.handle !== handle) return res.text(400, 'Upload ticket not found')
  if (req.body.length > ticket.size) return res.text(413, 'Uploaded file exceeds its declared size')
  if (req.body.length !== ticket.size) return res.text(400, 'Uploaded file size does not match its upload ticket')
  if (createHash('sha256').update(req.body).digest('hex') !== ticket.sha256) {
    return res.text(400, 'Uploaded file SHA-256 does not match its upload ticket')
  }
  const storageId = `st_${randomBytes(8).toString('hex')}`
  state.storage.set(storageId, req.body)
  ticket.storageId = storageId
  res.json(200, { storageId })
}

interface PublishBody {
  slug: string
  displayName: string
  ownerHandle?: string
  version: string
  changelog: string
  acceptLicenseTerms?: boolean
  tags?: string[]
  files: { path: string; size: number; storageId: string; sha256: string; contentType?: string; uploadTicket?: string }[]
}

async function publish(state: ClawHubState, req: RecordedRequest, res: Reply): Promise<void> {
  const handle = requireUser(state, req, res)
  if (handle === undefined) return
  const bad = (message: string, fn = 'skills:publishVersion'): void => res.text(400, wrap(state, message, fn))
  const contentType = req.headers['content-type'] ?? ''
  let body: PublishBody
  let files: ZipEntry[]
  if (contentType.includes('application/json')) {
    try {
      body = parseArk(CliPublishRequestSchema, JSON.parse(req.body.toString('utf8')) as unknown, 'Publish payload')
    } catch (error) {
      return bad((error as Error).message, 'http:publish')
    }
    if (body.acceptLicenseTerms !== true) return bad('MIT-0 license terms must be accepted to publish skills')
    if (body.files.some((file) => !file.uploadTicket)) return bad('Every directly uploaded skill file requires an upload ticket')
    files = []
    for (const file of body.files) {
      const ticket = state.tickets.get(file.uploadTicket!)
      const data = state.storage.get(file.storageId)
      if (!ticket || ticket.handle !== handle || ticket.storageId !== file.storageId || !data) {
        return bad(`Upload ticket for ${file.path} is unknown or its file was not uploaded`)
      }
      if (ticket.path !== file.path || ticket.sha256 !== file.sha256 || ticket.size !== file.size) {
        return bad(`File ${file.path} does not match its upload ticket`)
      }
      files.push({ path: file.path, data })
    }
  } else if (isMultipart(req)) {
    const limit = state.options.proxyBodyLimitBytes ?? 4.5 * MB
    if (limit !== false && req.body.length > limit) return res.text(413, 'Request Entity Too Large')
    const parsed = await multipartBody(req)
    if (typeof parsed === 'string') return bad(parsed, 'http:publish')
    ;({ body, files } = parsed)
    if (body.acceptLicenseTerms !== true) return bad('MIT-0 license terms must be accepted to publish skills')
  } else {
    return res.text(415, 'Unsupported content type')
  }
  if (body.files.length === 0) return bad('files required')
  state.payloads.push({ ...body, files: body.files.map(({ path, size, sha256, contentType }) => ({ path, size, sha256, contentType })) })

  const slug = body.slug.trim()
  const version = body.version.trim()
  if (!slug) return bad('Slug is required')
  if (!body.displayName.trim()) return bad('Display name is required')
  if (!semver.valid(version)) return bad('Version must be valid semver')
  for (const file of files) {
    const path = file.path
    if (!path || path.includes('..') || path.includes('\\') || path.startsWith('/')) return bad(`Invalid file path: ${path}`)
  }
  const maxFile = state.options.maxFileBytes ?? 10 * MB
  const maxBundle = state.options.maxBundleBytes ?? 50 * MB
  const tooBig = files.find((f) => f.data.length > maxFile)
  if (tooBig) return bad(`File "${tooBig.path}" exceeds 10MB limit`)
  if (files.reduce((sum, f) => sum + f.data.length, 0) > maxBundle) return bad('Skill bundle exceeds 50MB limit')
  if (!files.some((f) => ['skill.md', 'skills.md'].includes(f.path.toLowerCase()))) return bad('SKILL.md is required')

  const owner = body.ownerHandle?.trim().replace(/^@+/, '') || handle
  if (owner !== handle) return res.text(403, `Forbidden: you cannot publish for @${owner}`)
  const existing = state.skills.get(slug)
  if (existing && existing.ownerHandle !== handle) {
    return bad(`Slug is already taken. Choose a different slug. Existing skill: /${existing.ownerHandle}/${slug}`)
  }
  if (!existing) {
    const slugProblem = checkNewSlug(slug)
    if (slugProblem) return bad(slugProblem)
  }
  if (existing?.versions.has(version)) return bad(`Version ${version} already exists. Increment the version number and try again.`)

  const skill = existing ?? ensureSkill(state, slug, body.displayName, handle)
  const stored = addVersion(state, skill, version, body.changelog, files, body as unknown as Record<string, unknown>, {
    pollsUntilPublic: state.options.pollsUntilPublic,
    pollsHeld: state.options.pollsHeld
  })
  const wording = state.options.publishAnswer ?? (stored.pollsUntilPublic + stored.pollsHeld > 0 ? 'pending' : 'published')
  const answer =
    wording === 'submitted'
      ? { ok: true, skillId: skill.skillId, versionId: stored.versionId, slug, version, attemptId: `pa_${randomBytes(6).toString('hex')}` }
      : { ok: true, skillId: skill.skillId, versionId: stored.versionId, slug, version, status: wording, publicationStatus: wording }
  res.json(200, parseArk(ApiV1PublishResponseSchema, answer, 'test server publish answer'))
}

/** As the real server's parseMultipartPublish: `tags` is passed as undefined unless an array (which the schema refuses). */
async function multipartBody(req: RecordedRequest): Promise<{ body: PublishBody; files: ZipEntry[] } | string> {
  let form: FormData
  try {
    form = await parseMultipart(req)
  } catch {
    return 'Invalid multipart form data'
  }
  const raw = form.get('payload')
  if (typeof raw !== 'string') return 'Missing payload'
  let payload: Record<string, unknown>
  try {
    payload = JSON.parse(raw) as Record<string, unknown>
  } catch {
    return 'Invalid JSON payload'
  }
  const files: ZipEntry[] = []
  const listed: PublishBody['files'] = []
  for (const part of form.getAll('files')) {
    if (typeof part === 'string') continue
    const data = Buffer.from(await part.arrayBuffer())
    files.push({ path: part.name, data })
    listed.push({ path: part.name, size: data.length, storageId: 'multipart', sha256: createHash('sha256').update(data).digest('hex') })
  }
  const candidate = {
    slug: payload.slug,
    displayName: payload.displayName,
    ...(typeof payload.ownerHandle === 'string' ? { ownerHandle: payload.ownerHandle } : {}),
    version: payload.version,
    changelog: typeof payload.changelog === 'string' ? payload.changelog : '',
    ...('acceptLicenseTerms' in payload ? { acceptLicenseTerms: payload.acceptLicenseTerms } : {}),
    tags: Array.isArray(payload.tags) ? payload.tags : undefined,
    ...(Array.isArray(payload.categories) ? { categories: payload.categories } : {}),
    ...(Array.isArray(payload.topics) ? { topics: payload.topics } : {}),
    ...(payload.source ? { source: payload.source } : {}),
    files: listed
  }
  try {
    return { body: parseArk(CliPublishRequestSchema, candidate, 'Publish payload'), files }
  } catch (error) {
    return (error as Error).message
  }
}

function skillDetail(state: ClawHubState, req: RecordedRequest, res: Reply, slug: string): void {
  const skill = visibleSkill(state, req, res, slug)
  if (!skill) return
  const latest = latestVersion(skill)
  sendChecked(res, ApiV1SkillResponseSchema, {
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
    return res.text(404, 'Version not found')
  }
  if (stored.pollsHeld > 0) {
    stored.pollsHeld -= 1
    return res.text(423, 'Skill is pending security scan')
  }
  sendChecked(res, ApiV1SkillVersionResponseSchema, {
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

function deleteVersion(state: ClawHubState, req: RecordedRequest, res: Reply, slug: string, version: string): void {
  const handle = requireUser(state, req, res)
  if (handle === undefined) return
  const skill = state.skills.get(slug)
  if (!skill) return res.text(404, 'Skill not found')
  if (skill.ownerHandle !== handle) return res.text(403, 'Forbidden')
  if (!skill.versions.delete(version)) return res.text(404, 'Version not found')
  res.json(200, { ok: true })
}

function scan(state: ClawHubState, req: RecordedRequest, res: Reply, slug: string): void {
  const skill = visibleSkill(state, req, res, slug)
  if (!skill) return
  const requested = req.url.searchParams.get('version')
  const stored = requested ? skill.versions.get(requested) : latestVersion(skill)
  if (!stored) return res.text(404, 'Version not found')
  const script = state.scanScripts.get(`${slug}@${stored.version}`) ?? state.scanScripts.get(slug) ?? state.options.scanScript ?? ['clean']
  const status = script[Math.min(stored.scanPolls, script.length - 1)]
  stored.scanPolls += 1
  if (status === null) return res.json(200, { slug, version: stored.version, security: null })
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

/** Answers are checked against the schemas the official client parses them with, so the server cannot drift from it. */
function sendChecked(res: Reply, schema: Parameters<typeof parseArk>[0], value: unknown): void {
  res.json(200, parseArk(schema, value, 'test server answer'))
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
  hold: { pollsUntilPublic?: number; pollsHeld?: number }
): ClawHubVersion {
  const stored: ClawHubVersion = {
    version,
    versionId: `sv_${randomBytes(8).toString('hex')}`,
    changelog,
    files,
    fingerprint: clawhubFingerprint(files),
    payload,
    createdAt: Date.now(),
    pollsUntilPublic: hold.pollsUntilPublic ?? 0,
    pollsHeld: hold.pollsHeld ?? 0,
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
