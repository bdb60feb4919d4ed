// A loopback Claude Skills API (REGISTRIES.md §6), to the contract of @anthropic-ai/sdk's
// resources/skills types: skills and their versions, paged lists (`data`, `has_more`,
// `next_page`, query `page`/`limit`/`source`), multipart uploads of `files[]` under one top-level
// folder, a name fixed at creation that later versions must keep, the beta content download (a
// zip), deletes, workspaces (`anthropic-workspace-id`), and error bodies with a `request-id`.
import { parse as parseYaml } from 'yaml'
import { Router, parseMultipart, startServer, type RecordedRequest, type Reply, type TestServer } from './harness.js'
import { writeZip, type ZipEntry } from './zip.js'

export interface ClaudeServerOptions {
  /** Accepted API keys (x-api-key, or Authorization: Bearer). Default ['sk-ant-test-key']. */
  keys?: string[]
  /** Workspaces; a request without anthropic-workspace-id goes to the first. Default ['wrkspc_default']. */
  workspaces?: string[]
  /** The most items one page holds, whatever `limit` asks (to make paging happen). Default 20. */
  maxPageSize?: number
}

interface ClaudeVersion {
  id: string
  skillId: string
  name: string
  description: string
  created: string
  files: ZipEntry[]
}

interface ClaudeSkill {
  id: string
  workspace: string
  displayName: string
  source: 'custom' | 'anthropic'
  created: string
  updated: string
  /** Oldest first. */
  versions: ClaudeVersion[]
}

interface ClaudeState {
  skills: ClaudeSkill[]
  /** Store a skill as if an earlier run (or a person) had made it. `files` paths are inside the skill folder. */
  seed(input: { name: string; files?: Record<string, string | Buffer>; workspace?: string; source?: 'custom' | 'anthropic' }): ClaudeSkill
  /** Every version ever created by an upload (seeds excluded), in order. */
  created: ClaudeVersion[]
  /** The next N uploads are stored and then answered 500, as when a gateway fails after the API acted. */
  failAfterStore: number
}

export interface ClaudeServer {
  server: TestServer
  state: ClaudeState
}

export const CLAUDE_TEST_KEY = 'sk-ant-test-key'
const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

export async function startClaudeServer(options: ClaudeServerOptions = {}): Promise<ClaudeServer> {
  const keys = options.keys ?? [CLAUDE_TEST_KEY]
  const workspaces = options.workspaces ?? ['wrkspc_default']
  const maxPageSize = options.maxPageSize ?? 20
  let counter = 0
  let clock = Date.parse('2026-12-01T00:00:00Z')
  const now = (): string => new Date((clock += 1000)).toISOString()
  const nextId = (prefix: string): string => `${prefix}${String(++counter).padStart(6, '0')}`
  // Version ids are server-assigned epoch-microsecond strings, as the real API's are.
  const nextVersionId = (): string => String(1764547200000000 + ++counter)

  const makeVersion = (skillId: string, name: string, description: string, files: ZipEntry[]): ClaudeVersion => ({
    id: nextVersionId(),
    skillId,
    name,
    description,
    created: now(),
    files
  })

  const state: ClaudeState = {
    skills: [],
    created: [],
    failAfterStore: 0,
    seed({ name, files, workspace, source }) {
      const entries = Object.entries(files ?? { 'SKILL.md': `---\nname: ${name}\ndescription: Seeded.\n---\n` })
        .map(([path, data]) => ({ path, data: Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8') }))
        .sort((a, b) => (a.path < b.path ? -1 : 1))
      const id = nextId('skill_01Seed')
      const at = now()
      const skill: ClaudeSkill = {
        id,
        workspace: workspace ?? workspaces[0]!,
        displayName: name,
        source: source ?? 'custom',
        created: at,
        updated: at,
        versions: [makeVersion(id, name, 'Seeded.', entries)]
      }
      state.skills.push(skill)
      return skill
    }
  }

  const failedAfterStore = (res: Reply): boolean => {
    if (state.failAfterStore <= 0) return false
    state.failAfterStore -= 1
    apiError(res, 500, 'api_error', 'Internal server error')
    return true
  }

  const router = new Router()
  const guarded =
    (handler: (req: RecordedRequest, res: Reply, workspace: string, p: Record<string, string>) => Promise<void> | void) =>
    async (req: RecordedRequest, res: Reply, p: Record<string, string>): Promise<void> => {
      const key = req.headers['x-api-key'] ?? /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
      if (!key || !keys.includes(key)) return apiError(res, 401, 'authentication_error', 'invalid x-api-key')
      if (!req.headers['anthropic-version']) return apiError(res, 400, 'invalid_request_error', 'anthropic-version: header is required')
      const workspace = req.headers['anthropic-workspace-id'] ?? workspaces[0]!
      if (!workspaces.includes(workspace)) {
        return apiError(res, 403, 'permission_error', `This API key does not have access to workspace ${workspace}`)
      }
      await handler(req, res, workspace, p)
    }
  const skillIn = (workspace: string, id: string): ClaudeSkill | undefined =>
    state.skills.find((skill) => skill.id === id && skill.workspace === workspace)
  const versionOf = (skill: ClaudeSkill, version: string): ClaudeVersion | undefined =>
    version === 'latest' ? skill.versions.at(-1) : skill.versions.find((v) => v.id === version)

  router.post(
    '/v1/skills',
    guarded(async (req, res, workspace) => {
      const upload = await readUpload(req, res)
      if (!upload) return
      const id = nextId('skill_01')
      const at = now()
      const version = makeVersion(id, upload.name, upload.description, upload.files)
      const skill: ClaudeSkill = {
        id,
        workspace,
        displayName: upload.displayName ?? upload.name,
        source: 'custom',
        created: at,
        updated: at,
        versions: [version]
      }
      state.skills.push(skill)
      state.created.push(version)
      if (failedAfterStore(res)) return
      res.json(200, skillJson(skill), requestId())
    })
  )
  router.get(
    '/v1/skills',
    guarded((req, res, workspace) => {
      const source = req.url.searchParams.get('source')
      const skills = state.skills.filter((skill) => skill.workspace === workspace && (!source || skill.source === source))
      page(req, res, skills.map(skillJson), maxPageSize)
    })
  )
  router.get(
    '/v1/skills/:id',
    guarded((_req, res, workspace, p) => {
      const skill = skillIn(workspace, p.id!)
      if (!skill) return notFound(res, `skill ${p.id}`)
      res.json(200, skillJson(skill), requestId())
    })
  )
  router.delete(
    '/v1/skills/:id',
    guarded((_req, res, workspace, p) => {
      const skill = skillIn(workspace, p.id!)
      if (!skill) return notFound(res, `skill ${p.id}`)
      if (skill.versions.length > 0) {
        return apiError(res, 400, 'invalid_request_error', 'Cannot delete a skill that has versions: delete all of its versions first')
      }
      state.skills.splice(state.skills.indexOf(skill), 1)
      res.json(200, { id: skill.id, type: 'skill_deleted' }, requestId())
    })
  )
  router.post(
    '/v1/skills/:id/versions',
    guarded(async (req, res, workspace, p) => {
      const skill = skillIn(workspace, p.id!)
      if (!skill) return notFound(res, `skill ${p.id}`)
      const upload = await readUpload(req, res)
      if (!upload) return
      const name = skill.versions[0]?.name ?? skill.displayName
      if (upload.name !== name) {
        return apiError(
          res,
          400,
          'invalid_request_error',
          `Skill name mismatch: this skill is named '${name}', the upload '${upload.name}'`
        )
      }
      const version = makeVersion(skill.id, name, upload.description, upload.files)
      skill.versions.push(version)
      skill.updated = version.created
      state.created.push(version)
      if (failedAfterStore(res)) return
      res.json(200, versionJson(version), requestId())
    })
  )
  router.get(
    '/v1/skills/:id/versions',
    guarded((req, res, workspace, p) => {
      const skill = skillIn(workspace, p.id!)
      if (!skill) return notFound(res, `skill ${p.id}`)
      page(req, res, [...skill.versions].reverse().map(versionJson), maxPageSize)
    })
  )
  router.get(
    '/v1/skills/:id/versions/:version',
    guarded((_req, res, workspace, p) => {
      const skill = skillIn(workspace, p.id!)
      const version = skill && versionOf(skill, p.version!)
      if (!version) return notFound(res, `version ${p.version} of skill ${p.id}`)
      res.json(200, versionJson(version), requestId())
    })
  )
  router.delete(
    '/v1/skills/:id/versions/:version',
    guarded((_req, res, workspace, p) => {
      const skill = skillIn(workspace, p.id!)
      const version = skill && versionOf(skill, p.version!)
      if (!skill || !version) return notFound(res, `version ${p.version} of skill ${p.id}`)
      skill.versions.splice(skill.versions.indexOf(version), 1)
      res.json(200, { id: version.id, type: 'skill_version_deleted' }, requestId())
    })
  )
  router.get(
    '/v1/skills/:id/versions/:version/content',
    guarded((_req, res, workspace, p) => {
      const skill = skillIn(workspace, p.id!)
      const version = skill && versionOf(skill, p.version!)
      if (!version) return notFound(res, `version ${p.version} of skill ${p.id}`)
      const zip = writeZip(version.files.map((file) => ({ path: `${version.name}/${file.path}`, data: file.data })))
      res.send(200, zip, {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${version.name}.zip"`,
        ...requestId()
      })
    })
  )

  const server = await startServer(router.handle)
  return { server, state }
}

interface Upload {
  name: string
  description: string
  displayName?: string
  /** Paths inside the skill folder. */
  files: ZipEntry[]
}

/** The upload rules of POST /v1/skills and /versions: `files[]`, one top-level folder, SKILL.md at its root. */
async function readUpload(req: RecordedRequest, res: Reply): Promise<Upload | undefined> {
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
    apiError(res, 400, 'invalid_request_error', 'Expected multipart/form-data with files[]')
    return undefined
  }
  const form = await parseMultipart(req)
  const parts = [...form.getAll('files[]'), ...form.getAll('files')].filter((part): part is File => typeof part !== 'string')
  if (parts.length === 0) {
    apiError(res, 400, 'invalid_request_error', 'files: at least one file is required')
    return undefined
  }
  const uploaded = await Promise.all(parts.map(async (part) => ({ path: part.name, data: Buffer.from(await part.arrayBuffer()) })))
  const tops = new Set(uploaded.map((file) => (file.path.includes('/') ? file.path.slice(0, file.path.indexOf('/')) : '')))
  const top = [...tops][0]
  if (tops.size !== 1 || !top || uploaded.some((file) => file.path.split('/').some((s) => s === '..' || s === ''))) {
    apiError(res, 400, 'invalid_request_error', 'All files must be in the same top-level directory')
    return undefined
  }
  const files = uploaded
    .map((file) => ({ path: file.path.slice(top.length + 1), data: file.data }))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
  const skillMd = files.find((file) => file.path === 'SKILL.md')
  if (!skillMd) {
    apiError(res, 400, 'invalid_request_error', 'SKILL.md file must be exactly in the top-level folder')
    return undefined
  }
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(skillMd.data.toString('utf8'))
  const meta = (front ? parseYaml(front[1]!) : {}) as Record<string, unknown>
  const name = typeof meta.name === 'string' ? meta.name : top
  const description = typeof meta.description === 'string' ? meta.description : ''
  if (!NAME_PATTERN.test(name) || name.length > 64 || /anthropic|claude/.test(name)) {
    apiError(res, 400, 'invalid_request_error', `name: '${name}' must be lowercase letters, numbers and hyphens, without reserved words`)
    return undefined
  }
  if (!description) {
    apiError(res, 400, 'invalid_request_error', 'description: SKILL.md must have a description')
    return undefined
  }
  const displayName = form.get('display_name')
  return { name, description, files, displayName: typeof displayName === 'string' ? displayName : undefined }
}

function skillJson(skill: ClaudeSkill): object {
  return {
    id: skill.id,
    type: 'skill',
    display_name: skill.displayName,
    source: { type: skill.source },
    latest_version_id: skill.versions.at(-1)?.id ?? null,
    created_at: skill.created,
    updated_at: skill.updated
  }
}

function versionJson(version: ClaudeVersion): object {
  return {
    id: version.id,
    type: 'skill_version',
    skill_id: version.skillId,
    name: version.name,
    description: version.description,
    created_at: version.created
  }
}

/** `page` is an opaque cursor (here: the offset, base64url); `limit` is capped by maxPageSize. */
function page(req: RecordedRequest, res: Reply, items: object[], maxPageSize: number): void {
  const limit = Math.min(Number(req.url.searchParams.get('limit') ?? 20) || 20, maxPageSize)
  const cursor = req.url.searchParams.get('page')
  const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : 0
  if (!Number.isInteger(start) || start < 0) return apiError(res, 400, 'invalid_request_error', 'page: invalid cursor')
  const data = items.slice(start, start + limit)
  const more = start + limit < items.length
  res.json(200, { data, has_more: more, next_page: more ? Buffer.from(String(start + limit)).toString('base64url') : null }, requestId())
}

let requests = 0
function requestId(): Record<string, string> {
  return { 'request-id': `req_test_${String(++requests).padStart(6, '0')}` }
}

function apiError(res: Reply, status: number, type: string, message: string): void {
  const headers = requestId()
  res.json(status, { type: 'error', error: { type, message }, request_id: headers['request-id'] }, headers)
}

function notFound(res: Reply, what: string): void {
  apiError(res, 404, 'not_found_error', `${what} not found`)
}

/** An error answer in the API's own shape, for faults: `server.fault(match, claudeFault(529, 'overloaded_error', ...))`. */
export function claudeFault(status: number, type: string, message: string, headers: Record<string, string> = {}) {
  return {
    kind: 'status' as const,
    status,
    body: JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_fault_000001' }),
    headers: { 'content-type': 'application/json', 'request-id': 'req_fault_000001', ...headers }
  }
}
