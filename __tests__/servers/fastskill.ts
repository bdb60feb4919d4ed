// A loopback FastSkill registry (REGISTRIES.md §1 and §5): JWT auth, multipart zip upload, an async
// validation job per upload that advances on status polls, duplicate versions rejected in the job,
// and the read side: the registry index (`/index/{scope}/{id}` NDJSON, `/api/v1/registry/index/skills`).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { parse as parseYaml } from 'yaml'
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
import { readZip, sha256Hex, type ZipEntry } from './zip.js'

type FastSkillRole = 'user' | 'manager' | 'admin' | (string & {})
type FastSkillJobStatus = 'pending' | 'validating' | 'accepted' | 'rejected'

export interface FastSkillOptions {
  /** Serve the API under /api/v1/registry/... and answer /api/registry/... with 308 to it. */
  versioned?: boolean
  /** 'required' (default): no token -> bare 401. 'optional': no token is fine (scope `anonymousScope`). */
  auth?: 'required' | 'optional'
  /** Scope used for token-less uploads when auth is optional. Default 'local'. */
  anonymousScope?: string
  /** HS256 secret shared by `token()` and the server. */
  secret?: string
  /**
   * Status answers per non-terminal state: with 1 (default) the polls read pending, validating,
   * then the verdict; 0 gives the verdict on the first poll; 'never' stays pending forever.
   */
  pollsPerStep?: number | 'never'
  /** Uploads larger than this are refused with 413 (axum's default body limit). Default 2 MiB. */
  maxUploadBytes?: number
  /** Leave out `publishedToRegistryIndex` (it is seed-only, real servers may omit it). */
  omitRegistryIndexField?: boolean
  /** Serve the registry index routes (default true); false: they answer a bare 404, as on servers without them (switchable on `state.options`). */
  index?: boolean
}

interface FastSkillJob {
  jobId: string
  status: FastSkillJobStatus
  skillId: string
  scope: string
  name: string
  version: string
  checksum: string
  uploadedAt: string
  uploadedBy: string
  /** Content problems found at upload; the duplicate check is added when the job finishes. */
  contentErrors: string[]
  validationErrors: string[]
  polls: number
  zip: Buffer
  files: ZipEntry[]
}

interface FastSkillPackage {
  skillId: string
  version: string
  checksum: string
  zip: Buffer
  files: ZipEntry[]
  publishedAt: string
}

interface FastSkillState {
  options: Required<Omit<FastSkillOptions, 'anonymousScope'>> & { anonymousScope: string }
  jobs: Map<string, FastSkillJob>
  /** Accepted packages: skillId ("scope/name") -> version -> package. */
  skills: Map<string, Map<string, FastSkillPackage>>
  /** Mint a signed HS256 JWT with claims {sub, role}. */
  token(sub: string, role?: FastSkillRole, expiresInSeconds?: number): string
  /** Pretend a version is already published (for duplicate tests). */
  seed(skillId: string, version: string, zip?: Buffer): void
  /** Drive a job to its verdict now, without polls. */
  finish(jobId: string): FastSkillJob
  /** The API prefix in use: '/api/registry' or '/api/v1/registry'. */
  apiPrefix: string
}

export interface FastSkillServer {
  server: TestServer
  state: FastSkillState
}

const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/
const ROLE_RANK: Record<string, number> = { user: 1, manager: 2, admin: 3 }

export async function startFastSkillServer(options: FastSkillOptions = {}): Promise<FastSkillServer> {
  const state: FastSkillState = {
    options: {
      versioned: options.versioned ?? false,
      auth: options.auth ?? 'required',
      anonymousScope: options.anonymousScope ?? 'local',
      secret: options.secret ?? 'skillpub-test-secret',
      pollsPerStep: options.pollsPerStep ?? 1,
      maxUploadBytes: options.maxUploadBytes ?? 2 * 1024 * 1024,
      omitRegistryIndexField: options.omitRegistryIndexField ?? false,
      index: options.index ?? true
    },
    jobs: new Map(),
    skills: new Map(),
    apiPrefix: options.versioned ? '/api/v1/registry' : '/api/registry',
    token: (sub, role = 'manager', expiresInSeconds = 3600) =>
      signJwt({ sub, role, exp: now() + expiresInSeconds, iat: now() }, state.options.secret),
    seed(skillId, version, zip = Buffer.alloc(0)) {
      store(state, { skillId, version, checksum: `sha256:${sha256Hex(zip)}`, zip, files: [], publishedAt: new Date().toISOString() })
    },
    finish(jobId) {
      const job = state.jobs.get(jobId)
      if (!job) throw new Error(`no job ${jobId}`)
      conclude(state, job)
      return job
    }
  }

  const router = new Router()
  router.post('/auth/token', (req, res) => issueToken(state, req, res))
  router.post(`${state.apiPrefix}/publish`, (req, res) => publish(state, req, res))
  router.get(`${state.apiPrefix}/publish/status/:jobId`, (req, res, params) => status(state, server, req, res, params.jobId!))
  // Read at each request, so a test can switch the index off on a running server.
  router.get('/index/:scope/:id', (_req, res, params) => {
    if (state.options.index) indexFile(state, server, res, `${params.scope!}/${params.id!}`)
    else res.text(404, 'Not Found')
  })
  router.get('/api/v1/registry/index/skills', (req, res) => {
    if (state.options.index) indexSkills(state, req, res)
    else res.text(404, 'Not Found')
  })
  if (state.options.versioned) {
    router.route('GET', '/api/registry/*rest', permanentRedirect)
    router.route('POST', '/api/registry/*rest', permanentRedirect)
  }
  const server = await startServer(router.handle)
  return { server, state }
}

function permanentRedirect(req: RecordedRequest, res: Reply): void {
  res.redirect(308, `/api/v1/registry${req.path.slice('/api/registry'.length)}${req.url.search}`)
}

// ---------------------------------------------------------------------------------------------
// Routes

function issueToken(state: FastSkillState, req: RecordedRequest, res: Reply): void {
  let body: { role?: unknown; username?: unknown }
  try {
    body = JSON.parse(req.body.toString('utf8')) as typeof body
  } catch {
    return fail(res, 400, 'BAD_REQUEST', 'Request body must be JSON: {"role": "...", "username": "..."}')
  }
  const role = typeof body.role === 'string' ? body.role : 'user'
  const username = typeof body.username === 'string' && body.username ? body.username : 'dev-user'
  if (!(role in ROLE_RANK)) return fail(res, 400, 'BAD_REQUEST', `Invalid role: ${role}`)
  ok(res, { token: state.token(username, role), tokenType: 'Bearer', expiresIn: 3600, role, username })
}

async function publish(state: FastSkillState, req: RecordedRequest, res: Reply): Promise<void> {
  const caller = authenticate(state, req, res, 'manager')
  if (!caller) return
  if (req.body.length > state.options.maxUploadBytes) {
    return res.text(413, 'Failed to buffer the request body: length limit exceeded')
  }
  if (!isMultipart(req)) return fail(res, 400, 'BAD_REQUEST', 'Expected multipart/form-data with a file part named "file"')

  let form: FormData
  try {
    form = await parseMultipart(req)
  } catch (error) {
    return fail(res, 400, 'BAD_REQUEST', `Invalid multipart form data: ${String(error)}`)
  }
  const parts = [...form.getAll('file'), ...form.getAll('package')].filter((part): part is File => typeof part !== 'string')
  if (parts.length === 0) return fail(res, 400, 'BAD_REQUEST', 'No file provided: expected one multipart part named "file" or "package"')
  if (parts.length > 1) return fail(res, 400, 'BAD_REQUEST', `Expected exactly one package file, got ${parts.length}`)
  const part = parts[0]!
  if (!part.name.toLowerCase().endsWith('.zip'))
    return fail(res, 400, 'BAD_REQUEST', `Package file must be a .zip archive, got "${part.name}"`)

  const zip = Buffer.from(await part.arrayBuffer())
  let files: ZipEntry[]
  try {
    files = readZip(zip)
  } catch (error) {
    return fail(res, 400, 'VALIDATION_ERROR', `Invalid ZIP archive: ${error instanceof Error ? error.message : String(error)}`)
  }
  const inspected = inspectPackage(files)
  if (!inspected.id || !inspected.version) {
    return fail(res, 400, 'VALIDATION_ERROR', 'skill-project.toml with [metadata] id and version is required in the package')
  }

  const job: FastSkillJob = {
    jobId: `job_${randomBytes(8).toString('hex')}`,
    status: 'pending',
    scope: caller.scope,
    name: inspected.id,
    skillId: `${caller.scope}/${inspected.id}`,
    version: inspected.version,
    checksum: `sha256:${sha256Hex(zip)}`,
    uploadedAt: new Date().toISOString(),
    uploadedBy: caller.sub,
    contentErrors: inspected.errors,
    validationErrors: [],
    polls: 0,
    zip,
    files
  }
  state.jobs.set(job.jobId, job)
  if (state.options.pollsPerStep === 0) conclude(state, job)
  ok(res, { jobId: job.jobId, status: 'pending', skillId: job.skillId, version: job.version, message: 'Package queued for validation' })
}

function status(state: FastSkillState, server: TestServer, req: RecordedRequest, res: Reply, jobId: string): void {
  if (!authenticate(state, req, res, 'user')) return
  const job = state.jobs.get(jobId)
  if (!job) return fail(res, 404, 'NOT_FOUND', `Job not found: ${jobId}`)

  const answered = { ...job }
  advance(state, job)
  const accepted = answered.status === 'accepted'
  const terminal = accepted || answered.status === 'rejected'
  ok(res, {
    jobId: answered.jobId,
    status: answered.status,
    skillId: answered.skillId,
    version: answered.version,
    checksum: answered.checksum,
    uploadedAt: answered.uploadedAt,
    uploadedBy: answered.uploadedBy,
    validationErrors: answered.validationErrors,
    message: MESSAGES[answered.status](answered),
    publishedToBlobStorage: terminal ? accepted : null,
    ...(state.options.omitRegistryIndexField ? {} : { publishedToRegistryIndex: terminal ? accepted : null }),
    blobStorageUrl: accepted ? `${server.url}/blobs/${answered.skillId}/${answered.name}-${answered.version}.zip` : null
  })
}

const MESSAGES: Record<FastSkillJobStatus, (job: FastSkillJob) => string> = {
  pending: () => 'Package queued for validation',
  validating: () => 'Package is being validated',
  accepted: () => 'Package has been accepted (published to registry)',
  rejected: (job) => `Package was rejected: ${job.validationErrors.join('; ')}`
}

/** One compact `VersionEntry` line per stored version (`registry_index.rs`); unknown skills 404 in the error envelope. */
function indexFile(state: FastSkillState, server: TestServer, res: Reply, skillId: string): void {
  const versions = state.skills.get(decodeURIComponent(skillId))
  if (!versions) return fail(res, 404, 'NOT_FOUND', `Index file not found for skill: ${skillId}`)
  const lines = [...versions.values()].map((pkg) =>
    JSON.stringify({
      name: pkg.skillId,
      vers: pkg.version,
      deps: [],
      cksum: pkg.checksum.replace(/^sha256:/, ''),
      features: {},
      yanked: false,
      download_url: `${server.url}/blobs/${pkg.skillId}/${pkg.skillId.split('/').pop()}-${pkg.version}.zip`,
      published_at: pkg.publishedAt
    })
  )
  res.send(200, `${lines.join('\n')}\n`, { 'content-type': 'application/json' })
}

function indexSkills(state: FastSkillState, req: RecordedRequest, res: Reply): void {
  const scope = req.url.searchParams.get('scope')
  const summaries = [...state.skills.entries()]
    .filter(([skillId]) => !scope || skillId.startsWith(`${scope}/`))
    .map(([skillId, versions]) => {
      const latest = [...versions.values()].pop()!
      const [skillScope, name] = skillId.split('/') as [string, string]
      return { id: skillId, scope: skillScope, name, description: '', latest_version: latest.version, published_at: latest.publishedAt }
    })
  res.json(200, summaries)
}

// ---------------------------------------------------------------------------------------------
// The job state machine: each status answer counts as one poll of the state it showed.

function advance(state: FastSkillState, job: FastSkillJob): void {
  const perStep = state.options.pollsPerStep
  if (perStep === 'never' || job.status === 'accepted' || job.status === 'rejected') return
  job.polls += 1
  if (job.polls < perStep) return
  job.polls = 0
  if (job.status === 'pending') job.status = 'validating'
  else conclude(state, job)
}

function conclude(state: FastSkillState, job: FastSkillJob): void {
  if (job.status === 'accepted' || job.status === 'rejected') return
  const errors = [...job.contentErrors]
  if (state.skills.get(job.skillId)?.has(job.version)) {
    errors.push(`Failed to publish package: Version ${job.version} already exists for skill ${job.skillId}`)
  }
  job.validationErrors = errors
  job.status = errors.length ? 'rejected' : 'accepted'
  if (job.status === 'accepted') {
    store(state, {
      skillId: job.skillId,
      version: job.version,
      checksum: job.checksum,
      zip: job.zip,
      files: job.files,
      publishedAt: new Date().toISOString()
    })
  }
}

function store(state: FastSkillState, pkg: FastSkillPackage): void {
  const versions = state.skills.get(pkg.skillId) ?? new Map<string, FastSkillPackage>()
  versions.set(pkg.version, pkg)
  state.skills.set(pkg.skillId, versions)
}

// ---------------------------------------------------------------------------------------------
// Package inspection: SKILL.md at root or one folder down, skill-project.toml [metadata].

interface InspectedPackage {
  id?: string
  version?: string
  errors: string[]
}

function inspectPackage(files: ZipEntry[]): InspectedPackage {
  const errors: string[] = []
  const skillMd = files.find((f) => f.path === 'SKILL.md') ?? files.find((f) => /^[^/]+\/SKILL\.md$/.test(f.path))
  const folder = skillMd ? skillMd.path.slice(0, -'SKILL.md'.length) : ''
  const toml = files.find((f) => f.path === 'skill-project.toml') ?? files.find((f) => f.path === `${folder}skill-project.toml`)
  const metadata = toml ? (parseToml(toml.data.toString('utf8')).metadata ?? {}) : {}
  const id = metadata.id
  const version = metadata.version

  if (!skillMd) errors.push('SKILL.md not found at the package root or one folder down')
  if (id !== undefined && (!NAME_PATTERN.test(id) || Buffer.byteLength(id) > 64)) {
    errors.push(`Invalid skill name "${id}": must match ^[a-z0-9]+(-[a-z0-9]+)*$ and be 1-64 bytes`)
  }
  if (version !== undefined && (version === '' || version.includes('..') || /[/\\]/.test(version))) {
    errors.push(`Invalid version "${version}": must be a safe path component`)
  }
  if (skillMd) errors.push(...checkFrontmatter(skillMd.data.toString('utf8')))
  return { id, version, errors }
}

function checkFrontmatter(text: string): string[] {
  const found = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text)
  if (!found) return ['SKILL.md must start with YAML frontmatter']
  let data: unknown
  try {
    data = parseYaml(found[1]!)
  } catch (error) {
    return [`SKILL.md frontmatter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`]
  }
  if (!data || typeof data !== 'object') return ['SKILL.md frontmatter must be a mapping']
  const fields = data as Record<string, unknown>
  const errors: string[] = []
  const name = fields.name
  if (typeof name !== 'string' || !NAME_PATTERN.test(name) || Buffer.byteLength(name) > 64) {
    errors.push(`Invalid skill name "${String(name ?? '')}" in SKILL.md: must match ^[a-z0-9]+(-[a-z0-9]+)*$ and be 1-64 bytes`)
  }
  const description = fields.description
  if (typeof description !== 'string' || description.length < 1 || description.length > 1024) {
    errors.push('description must be a string of 1-1024 characters')
  }
  if (fields.metadata !== undefined) {
    const metadata = fields.metadata
    if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) errors.push('metadata must be a map of strings to strings')
    else {
      for (const [key, value] of Object.entries(metadata)) {
        if (typeof value !== 'string') errors.push(`metadata.${key} must be a string`)
      }
    }
  }
  return errors
}

/** Just enough TOML: [section] headers and `key = "string"` / `key = 'string'` / bare values. */
function parseToml(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {}
  let current: Record<string, string> = (sections[''] = {})
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim()
    if (!line || line.startsWith('#')) continue
    const header = /^\[([^\]]+)\]$/.exec(line)
    if (header) {
      current = sections[header[1]!.trim()] ??= {}
      continue
    }
    const pair = /^([A-Za-z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^#]*?))\s*(?:#.*)?$/.exec(line)
    if (pair) current[pair[1]!] = pair[2] !== undefined ? pair[2].replace(/\\(.)/g, '$1') : (pair[3] ?? pair[4] ?? '')
  }
  return sections
}

// ---------------------------------------------------------------------------------------------
// Auth: HS256 JWTs with claims {sub, role}; scope = first "/" segment of sub.

interface Caller {
  sub: string
  role: string
  scope: string
}

function authenticate(state: FastSkillState, req: RecordedRequest, res: Reply, required: 'user' | 'manager'): Caller | undefined {
  const header = req.headers.authorization
  if (header === undefined && state.options.auth === 'optional') {
    return { sub: state.options.anonymousScope, role: 'admin', scope: state.options.anonymousScope }
  }
  const claims = verifyJwt(bearerToken(req) ?? '', state.options.secret)
  if (!claims) {
    res.empty(401)
    return undefined
  }
  if ((ROLE_RANK[claims.role] ?? 0) < ROLE_RANK[required]!) {
    fail(res, 403, 'FORBIDDEN', `Insufficient permissions. Required: ${required}, Got: ${claims.role}`)
    return undefined
  }
  return { sub: claims.sub, role: claims.role, scope: claims.sub.split('/')[0]! }
}

const now = (): number => Math.floor(Date.now() / 1000)
const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url')

function signJwt(claims: Record<string, unknown>, secret: string): string {
  const head = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`
}

function verifyJwt(token: string, secret: string): { sub: string; role: string } | undefined {
  const [header, payload, signature] = token.split('.')
  if (!header || !payload || !signature) return undefined
  const expected = Buffer.from(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; role?: unknown; exp?: unknown }
    if (typeof claims.sub !== 'string' || !claims.sub) return undefined
    if (typeof claims.exp === 'number' && claims.exp < now()) return undefined
    return { sub: claims.sub, role: typeof claims.role === 'string' ? claims.role : 'user' }
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------
// Envelopes

function ok(res: Reply, data: unknown): void {
  res.json(200, { success: true, data, error: null, meta: null })
}

function fail(res: Reply, status: number, code: string, message: string): void {
  res.json(status, { success: false, error: { code, message, details: null } })
}
