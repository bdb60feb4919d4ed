// A loopback JFrog Artifactory with Skills repositories (REGISTRIES.md §3): deploy by PUT with
// checksum headers (and checksum deploy), the storage API, the ClawHub-compatible skills API, the
// Xray scan gate, version delete, and the evidence service that verifies DSSE signatures with the
// public keys it trusts, as jfrog-client-go and jfrog-cli-evidence expect them.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import semver from 'semver'
import { parse as parseYaml } from 'yaml'
import { Router, isMultipart, parseMultipart, startServer, type RecordedRequest, type Reply, type TestServer } from './harness.js'
import { clawhubFingerprint, readZip, sha256Hex, writeZip, type ZipEntry } from './zip.js'

export type XrayStatus = 'NOT_IN_ENTITLEMENT' | 'XRAY_DISABLED_FOR_REPO' | 'SCAN_IN_PROGRESS' | 'APPROVED' | 'BLOCKED'

export interface ArtifactoryOptions {
  /** Skills repository keys. Default ['skills-local']. */
  repos?: string[]
  /** Bearer access tokens. Default ['art_test_token']. */
  tokens?: string[]
  /** Basic credentials user -> password/token. Default { admin: 'art_test_token' }. */
  users?: Record<string, string>
  /** Xray states shown on successive xrayStatus polls of a path; the last sticks. Default ['NOT_IN_ENTITLEMENT']. */
  xrayScript?: XrayStatus[]
  /** What `fingerprint` reports: 'zip' (default) the SHA-256 of the stored zip, 'files' the ClawHub file fingerprint. */
  fingerprint?: 'zip' | 'files'
  /** Allow PUT over an existing artifact (Artifactory's default with delete permission). Default true. */
  allowRedeploy?: boolean
  /** The versions list's key: the documented `versions` (default) or `items`, as jfrog-client-go reads it. */
  versionsShape?: 'versions' | 'items'
  /** Trusted public keys (PEM) by alias, for evidence verification. */
  evidenceKeys?: Record<string, string>
  /** Answer every evidence POST with this status (403: no Enterprise+ licence). */
  evidenceFault?: number
}

/** One evidence record as the evidence service stored it. */
interface EvidenceRecord {
  subject: string
  keyId: string
  verified: boolean
  statement: Record<string, unknown>
}

interface ArtifactoryItem {
  repo: string
  slug: string
  version: string
  /** In-repo path: slug/version/slug-version.zip */
  path: string
  zip: Buffer
  files: ZipEntry[]
  checksums: { sha1: string; md5: string; sha256: string }
  fingerprint: string
  created: string
  createdBy: string
  displayName?: string
  summary?: string
  changelog?: string
  tags?: string[]
}

interface ArtifactoryState {
  options: ArtifactoryOptions
  /** repo -> in-repo path -> item */
  repos: Map<string, Map<string, ArtifactoryItem>>
  item(repo: string, slug: string, version: string): ArtifactoryItem | undefined
  /** Scripts by `repo:path` or `path` (slug/version/slug-version.zip); looked up at each poll. Setting one restarts its poll count. */
  xrayScripts: Map<string, XrayStatus[]>
  xrayPolls: Map<string, number>
  /** Deploys stored from bytes already held (checksum deploy), without a body. */
  checksumDeploys: number
  setXrayScript(path: string, script: XrayStatus[], repo?: string): void
  /** Deploy a zip directly, as if a previous run had. */
  seed(repo: string, slug: string, version: string, files: ZipEntry[]): ArtifactoryItem
  evidence: EvidenceRecord[]
}

export interface ArtifactoryServer {
  server: TestServer
  state: ArtifactoryState
}

const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/

export const artifactPath = (slug: string, version: string): string => `${slug}/${version}/${slug}-${version}.zip`

export async function startArtifactoryServer(options: ArtifactoryOptions = {}): Promise<ArtifactoryServer> {
  const state: ArtifactoryState = {
    options,
    repos: new Map((options.repos ?? ['skills-local']).map((repo) => [repo, new Map<string, ArtifactoryItem>()])),
    item: (repo, slug, version) => state.repos.get(repo)?.get(artifactPath(slug, version)),
    xrayScripts: new Map(),
    xrayPolls: new Map(),
    checksumDeploys: 0,
    setXrayScript(path, script, repo) {
      state.xrayScripts.set(repo ? `${repo}:${path}` : path, script)
      for (const key of state.xrayPolls.keys())
        if (key === `${repo}:${path}` || (!repo && key.endsWith(`:${path}`))) state.xrayPolls.delete(key)
    },
    seed(repo, slug, version, files) {
      return store(state, repo, slug, version, writeZip(sortEntries(files)), 'seed', {})
    },
    evidence: []
  }

  const router = new Router()
  const skills = '/artifactory/api/skills/:repo'
  router.get(`${skills}/.well-known/clawhub.json`, (_req, res, p) => {
    if (!state.repos.has(p.repo!)) return repoNotFound(res, p.repo!)
    res.json(200, { apiBase: `${server.url}/artifactory/api/skills/${p.repo}`, minCliVersion: '0.1.0' })
  })
  const guarded =
    (handler: (req: RecordedRequest, res: Reply, repo: string, p: Record<string, string>, user: string) => Promise<void> | void) =>
    async (req: RecordedRequest, res: Reply, p: Record<string, string>): Promise<void> => {
      const user = authenticate(state, req, res)
      if (user === undefined) return
      if (!state.repos.has(p.repo!)) return repoNotFound(res, p.repo!)
      await handler(req, res, p.repo!, p, user)
    }
  router.get(
    `${skills}/xrayStatus`,
    guarded((req, res, repo) => xrayStatus(state, req, res, repo))
  )
  router.post(
    `${skills}/api/v1/skills`,
    guarded((req, res, repo, _p, user) => restPublish(state, req, res, repo, user))
  )
  router.get(
    `${skills}/api/v1/skills`,
    guarded((req, res, repo) => listSkills(state, req, res, repo))
  )
  router.get(
    `${skills}/api/v1/skills/:slug`,
    guarded((_req, res, repo, p) => skillDetail(state, res, repo, p.slug!))
  )
  router.get(
    `${skills}/api/v1/skills/:slug/versions`,
    guarded((_req, res, repo, p) => listVersions(state, res, repo, p.slug!))
  )
  router.get(
    `${skills}/api/v1/skills/:slug/versions/:version`,
    guarded((_req, res, repo, p) => versionDetail(state, res, repo, p.slug!, p.version!))
  )
  router.get(
    `${skills}/api/v1/skills/:slug/file`,
    guarded((req, res, repo, p) => getFile(state, req, res, repo, p.slug!))
  )
  router.get(
    `${skills}/api/v1/resolve`,
    guarded((req, res, repo) => resolve(state, req, res, repo))
  )
  router.get(
    `${skills}/api/v1/download`,
    guarded((req, res, repo) => download(state, req, res, repo))
  )
  router.get(
    `${skills}/api/v1/search`,
    guarded((req, res, repo) => search(state, req, res, repo))
  )
  router.get(
    '/artifactory/api/storage/:repo/*path',
    guarded((_req, res, repo, p) => fileInfo(state, server, res, repo, p.path!))
  )
  router.post('/evidence/api/v1/subject/:repo/*path', async (req, res, p) => {
    if (authenticate(state, req, res) === undefined) return
    createEvidence(state, req, res, p.repo!, p.path!)
  })
  router.put(
    '/artifactory/:repo/*path',
    guarded((req, res, repo, p, user) => deploy(state, server, req, res, repo, p.path!, user))
  )
  router.get(
    '/artifactory/:repo/*path',
    guarded((_req, res, repo, p) => {
      const item = state.repos.get(repo)?.get(p.path!)
      if (!item) return notFound(res, `Could not find resource: ${repo}/${p.path}`)
      res.send(200, item.zip, { 'content-type': 'application/zip', 'x-checksum-sha256': item.checksums.sha256 })
    })
  )
  router.delete(
    '/artifactory/:repo/*path',
    guarded((_req, res, repo, p) => remove(state, res, repo, p.path!))
  )

  const server = await startServer(router.handle)
  return { server, state }
}

// ---------------------------------------------------------------------------------------------
// Deploy, delete, scan gate

function deploy(
  state: ArtifactoryState,
  server: TestServer,
  req: RecordedRequest,
  res: Reply,
  repo: string,
  path: string,
  user: string
): void {
  const layout = /^([^/]+)\/([^/]+)\/([^/]+)\.zip$/.exec(path)
  const slug = layout?.[1] ?? ''
  const version = layout?.[2] ?? ''
  if (!layout || !SLUG_PATTERN.test(slug) || layout[3] !== `${slug}-${version}`) {
    return errors(
      res,
      400,
      `Invalid skill path '${path}': expected {slug}/{version}/{slug}-{version}.zip with slug matching ^[a-z0-9][a-z0-9-]*$`
    )
  }
  const sentChecksums = {
    sha256: req.headers['x-checksum'] ?? req.headers['x-checksum-sha256'],
    sha1: req.headers['x-checksum-sha1'],
    md5: req.headers['x-checksum-md5']
  }
  let body = req.body
  if (req.headers['x-checksum-deploy'] === 'true') {
    // Checksum deploy: no body; store bytes already held under the same SHA-1 (and SHA-256 if sent).
    const held = [...state.repos.values()]
      .flatMap((items) => [...items.values()])
      .find(
        (item) => item.checksums.sha1 === sentChecksums.sha1 && (!sentChecksums.sha256 || item.checksums.sha256 === sentChecksums.sha256)
      )
    if (!held) return notFound(res, `Checksum deploy failed: no artifact with SHA-1 '${sentChecksums.sha1 ?? ''}' is stored.`)
    body = held.zip
    state.checksumDeploys++
  }
  const checksums = checksumsOf(body)
  for (const kind of ['sha256', 'sha1', 'md5'] as const) {
    const sent = sentChecksums[kind]
    if (sent !== undefined && sent.toLowerCase() !== checksums[kind]) {
      return errors(
        res,
        409,
        `Checksum policy violation: the ${kind.toUpperCase()} checksum '${sent}' sent for '${repo}/${path}' does not match the actual '${checksums[kind]}'`
      )
    }
  }
  if (state.options.allowRedeploy === false && state.repos.get(repo)!.has(path)) {
    return errors(res, 403, `Not enough permissions to overwrite artifact '${repo}:${path}' (user '${user}' needs DELETE permission).`)
  }
  const item = store(state, repo, slug, version, body, user, {})
  res.json(201, storageInfo(server, item))
}

/** The storage API's file info, whose `checksums.sha256` jf signs (jfrog-client-go FileInfo). */
function fileInfo(state: ArtifactoryState, server: TestServer, res: Reply, repo: string, path: string): void {
  const item = state.repos.get(repo)!.get(path)
  if (!item) return notFound(res, 'Unable to find item')
  res.json(200, storageInfo(server, item))
}

function storageInfo(server: TestServer, item: ArtifactoryItem) {
  return {
    repo: item.repo,
    path: `/${item.path}`,
    created: item.created,
    createdBy: item.createdBy,
    downloadUri: `${server.url}/artifactory/${item.repo}/${item.path}`,
    mimeType: 'application/zip',
    size: String(item.zip.length),
    checksums: item.checksums,
    originalChecksums: item.checksums,
    uri: `${server.url}/artifactory/api/storage/${item.repo}/${item.path}`
  }
}

/**
 * The evidence service (jfrog-client-go evidence/services): POST api/v1/subject/{repo}/{path}
 * with a DSSE envelope. The subject must exist; the statement's subject digest must be the
 * stored file's SHA-256; the signature is verified with the trusted public key of its `keyid`
 * over the DSSE PAE, as jf's verifiers do (unknown alias or bad signature: stored, not verified).
 */
function createEvidence(state: ArtifactoryState, req: RecordedRequest, res: Reply, repo: string, path: string): void {
  if (state.options.evidenceFault)
    return errors(res, state.options.evidenceFault, 'Evidence service: forbidden (requires an Enterprise+ subscription)')
  const item = state.repos.get(repo)?.get(path)
  if (!item) return notFound(res, `Subject '${repo}/${path}' not found`)
  let envelope: { payload?: unknown; payloadType?: unknown; signatures?: { keyid?: unknown; sig?: unknown }[] }
  try {
    envelope = JSON.parse(req.body.toString('utf8')) as typeof envelope
  } catch {
    return errors(res, 400, 'Invalid DSSE envelope: not JSON')
  }
  const signature = envelope.signatures?.[0]
  if (
    envelope.payloadType !== 'application/vnd.in-toto+json' ||
    typeof envelope.payload !== 'string' ||
    typeof signature?.sig !== 'string' ||
    typeof signature.keyid !== 'string'
  )
    return errors(res, 400, 'Invalid DSSE envelope: payload, payloadType and one signature are required')
  const payload = Buffer.from(envelope.payload, 'base64')
  const statement = JSON.parse(payload.toString('utf8')) as Record<string, unknown>
  const digest = (statement.subject as { digest?: { sha256?: string } }[] | undefined)?.[0]?.digest?.sha256
  if (statement._type !== 'https://in-toto.io/Statement/v1' || digest !== item.checksums.sha256)
    return errors(res, 400, `Statement subject sha256 '${digest}' does not match '${repo}/${path}' (${item.checksums.sha256})`)
  const pem = state.options.evidenceKeys?.[signature.keyid]
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${envelope.payloadType.length} ${envelope.payloadType} ${payload.length} `), payload])
  const verified = pem !== undefined && verifySignature(createPublicKey(pem), pae, Buffer.from(signature.sig, 'base64'))
  state.evidence.push({ subject: `${repo}/${path}`, keyId: signature.keyid, verified, statement })
  res.json(201, {
    repository: repo,
    path,
    name: `${String(statement.predicateType).split('/').at(-2)}.json`,
    sha256: sha256Hex(req.body),
    predicate_type: statement.predicateType,
    predicate_slug: 'publish-attestation',
    created_at: new Date().toISOString(),
    created_by: statement.createdBy,
    verified
  })
}

function verifySignature(key: KeyObject, data: Buffer, sig: Buffer): boolean {
  switch (key.asymmetricKeyType) {
    case 'ed25519':
      return verify(null, data, key, sig)
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve
      const hash = curve === 'secp384r1' ? 'sha384' : curve === 'secp521r1' ? 'sha512' : 'sha256'
      return verify(hash, data, key, sig)
    }
    default:
      return verify('sha256', data, key, sig)
  }
}

function remove(state: ArtifactoryState, res: Reply, repo: string, rawPath: string): void {
  const items = state.repos.get(repo)!
  const path = rawPath.replace(/\/+$/, '')
  const doomed = [...items.keys()].filter((key) => key === path || key.startsWith(`${path}/`))
  if (doomed.length === 0) return notFound(res, `Could not locate artifact '${repo}:${path}'.`)
  for (const key of doomed) items.delete(key)
  res.empty(204)
}

function xrayStatus(state: ArtifactoryState, req: RecordedRequest, res: Reply, repo: string): void {
  const path = req.url.searchParams.get('path')
  if (!path) return errors(res, 400, "Missing required query parameter 'path'")
  if (!state.repos.get(repo)!.has(path)) return notFound(res, `Artifact not found: ${repo}/${path}`)
  const script = state.xrayScripts.get(`${repo}:${path}`) ??
    state.xrayScripts.get(path) ??
    state.options.xrayScript ?? ['NOT_IN_ENTITLEMENT']
  const key = `${repo}:${path}`
  const polls = state.xrayPolls.get(key) ?? 0
  state.xrayPolls.set(key, polls + 1)
  res.json(200, { status: script[Math.min(polls, script.length - 1)] ?? 'NOT_IN_ENTITLEMENT', repoKey: repo, path })
}

// ---------------------------------------------------------------------------------------------
// Skills REST API

async function restPublish(state: ArtifactoryState, req: RecordedRequest, res: Reply, repo: string, user: string): Promise<void> {
  if (!isMultipart(req)) return errors(res, 415, 'Content-Type must be multipart/form-data')
  let form: FormData
  try {
    form = await parseMultipart(req)
  } catch {
    return errors(res, 400, 'Invalid multipart form data')
  }
  const rawPayload = form.get('payload')
  let payload: Record<string, unknown>
  try {
    payload = JSON.parse(typeof rawPayload === 'string' ? rawPayload : rawPayload ? await rawPayload.text() : '') as Record<string, unknown>
  } catch {
    return errors(res, 400, "Missing or invalid 'payload' part: expected a JSON object")
  }
  const slug = typeof payload.slug === 'string' ? payload.slug : ''
  const version = typeof payload.version === 'string' ? payload.version : ''
  if (!SLUG_PATTERN.test(slug)) return errors(res, 400, `Invalid slug '${slug}': must match ^[a-z0-9][a-z0-9-]*$`)
  if (!version || version.includes('/') || version.includes('..')) return errors(res, 400, `Invalid version '${version}'`)

  const files: ZipEntry[] = []
  for (const part of [...form.getAll('files[]'), ...form.getAll('files')]) {
    if (typeof part === 'string') return errors(res, 400, 'Each files[] part must be a file')
    if (!part.name || part.name.includes('..') || part.name.startsWith('/') || part.name.includes('\\'))
      return errors(res, 400, `Invalid file name '${part.name}'`)
    files.push({ path: part.name, data: Buffer.from(await part.arrayBuffer()) })
  }
  if (files.length === 0) return errors(res, 400, "At least one 'files[]' part is required")
  if (state.item(repo, slug, version))
    return errors(res, 409, `Skill '${slug}' version '${version}' already exists in repository '${repo}'`)

  const item = store(state, repo, slug, version, writeZip(sortEntries(files)), user, {
    displayName: typeof payload.displayName === 'string' ? payload.displayName : undefined,
    summary: typeof payload.summary === 'string' ? payload.summary : undefined,
    changelog: typeof payload.changelog === 'string' ? payload.changelog : undefined,
    tags: Array.isArray(payload.tags) ? payload.tags.filter((t): t is string => typeof t === 'string') : undefined
  })
  res.json(200, { ok: true, skillId: slug, versionId: `${slug}@${version}`, slug, version, path: item.path, fingerprint: item.fingerprint })
}

function listSkills(state: ArtifactoryState, req: RecordedRequest, res: Reply, repo: string): void {
  const limit = clamp(Number(req.url.searchParams.get('limit') ?? 200), 1, 200)
  const cursor = req.url.searchParams.get('cursor')
  const offset = cursor ? Number((JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: number }).offset ?? 0) : 0
  const all = summaries(state, repo).sort((a, b) => b.updated.localeCompare(a.updated))
  const items = all.slice(offset, offset + limit)
  const next = offset + limit < all.length ? Buffer.from(JSON.stringify({ offset: offset + limit })).toString('base64url') : null
  res.json(200, { items, nextCursor: next, total: all.length })
}

function skillDetail(state: ArtifactoryState, res: Reply, repo: string, slug: string): void {
  const versions = versionsOf(state, repo, slug)
  const latest = versions[0]
  if (!latest) return notFound(res, `Skill '${slug}' not found`)
  res.json(200, {
    slug,
    displayName: latest.displayName ?? slug,
    summary: latest.summary ?? '',
    tags: latest.tags ?? [],
    versions: versions.length,
    latestVersion: latest.version,
    updated: versions
      .map((v) => v.created)
      .sort()
      .at(-1)
  })
}

function listVersions(state: ArtifactoryState, res: Reply, repo: string, slug: string): void {
  const versions = versionsOf(state, repo, slug)
  if (versions.length === 0) return notFound(res, `Skill '${slug}' not found`)
  res.json(200, {
    slug,
    [state.options.versionsShape ?? 'versions']: versions.map((v) => ({
      version: v.version,
      fingerprint: v.fingerprint,
      published: v.created,
      ...(v.changelog ? { changelog: v.changelog } : {})
    }))
  })
}

function versionDetail(state: ArtifactoryState, res: Reply, repo: string, slug: string, version: string): void {
  const item = state.item(repo, slug, version)
  if (!item) return notFound(res, `Skill '${slug}' version '${version}' not found`)
  res.json(200, {
    slug,
    version,
    displayName: item.displayName ?? slug,
    summary: item.summary ?? '',
    fingerprint: item.fingerprint,
    changelog: item.changelog ?? '',
    published: item.created,
    downloadUrl: `../api/v1/download?slug=${encodeURIComponent(slug)}&version=${encodeURIComponent(version)}`
  })
}

function getFile(state: ArtifactoryState, req: RecordedRequest, res: Reply, repo: string, slug: string): void {
  const item = state.item(repo, slug, req.url.searchParams.get('version') ?? '')
  const file = item?.files.find((f) => f.path === req.url.searchParams.get('path'))
  if (!file) return notFound(res, 'File not found')
  res.send(200, file.data, { 'content-type': 'application/octet-stream' })
}

function resolve(state: ArtifactoryState, req: RecordedRequest, res: Reply, repo: string): void {
  const slug = req.url.searchParams.get('slug') ?? ''
  const hash = req.url.searchParams.get('hash') ?? ''
  if (!/^[0-9a-f]{64}$/.test(hash)) return errors(res, 400, "'hash' must be a 64-character lowercase hexadecimal SHA-256")
  const versions = versionsOf(state, repo, slug)
  if (versions.length === 0) return notFound(res, `Skill '${slug}' not found`)
  const match = versions.find((v) => v.fingerprint === hash)
  res.json(200, { slug, match: match ? { version: match.version } : null, latestVersion: { version: versions[0]!.version } })
}

function download(state: ArtifactoryState, req: RecordedRequest, res: Reply, repo: string): void {
  const item = state.item(repo, req.url.searchParams.get('slug') ?? '', req.url.searchParams.get('version') ?? '')
  if (!item) return notFound(res, 'Skill version not found')
  res.send(200, item.zip, { 'content-type': 'application/zip' })
}

function search(state: ArtifactoryState, req: RecordedRequest, res: Reply, repo: string): void {
  const q = (req.url.searchParams.get('q') ?? '').toLowerCase()
  const limit = clamp(Number(req.url.searchParams.get('limit') ?? 20), 1, 100)
  const offset = Math.max(0, Number(req.url.searchParams.get('offset') ?? 0) || 0)
  const hits = summaries(state, repo)
    .map((s) => ({
      slug: s.slug,
      version: s.latestVersion,
      displayName: s.displayName,
      summary: s.summary,
      match: s.slug.includes(q) ? 'slug' : s.summary.toLowerCase().includes(q) ? 'summary' : ''
    }))
    .filter((hit) => hit.match)
  res.json(200, { results: hits.slice(offset, offset + limit), total: hits.length, limit, offset })
}

// ---------------------------------------------------------------------------------------------
// Storage helpers

function store(
  state: ArtifactoryState,
  repo: string,
  slug: string,
  version: string,
  zip: Buffer,
  user: string,
  meta: Partial<ArtifactoryItem>
): ArtifactoryItem {
  let files: ZipEntry[] = []
  try {
    files = readZip(zip)
  } catch {
    // Artifactory stores whatever bytes it is given; metadata simply stays empty.
  }
  const frontmatter = readFrontmatter(files)
  const item: ArtifactoryItem = {
    repo,
    slug,
    version,
    path: artifactPath(slug, version),
    zip,
    files,
    checksums: checksumsOf(zip),
    fingerprint: state.options.fingerprint === 'files' ? clawhubFingerprint(files) : sha256Hex(zip),
    created: new Date().toISOString(),
    createdBy: user,
    displayName: meta.displayName ?? stringField(frontmatter.displayName) ?? stringField(frontmatter.name),
    summary: meta.summary ?? stringField(frontmatter.description),
    changelog: meta.changelog,
    tags: meta.tags
  }
  state.repos.get(repo)!.set(item.path, item)
  return item
}

function versionsOf(state: ArtifactoryState, repo: string, slug: string): ArtifactoryItem[] {
  return [...state.repos.get(repo)!.values()]
    .filter((item) => item.slug === slug)
    .sort((a, b) =>
      semver.valid(a.version) && semver.valid(b.version) ? semver.rcompare(a.version, b.version) : b.created.localeCompare(a.created)
    )
}

function summaries(state: ArtifactoryState, repo: string) {
  const slugs = [...new Set([...state.repos.get(repo)!.values()].map((item) => item.slug))]
  return slugs.map((slug) => {
    const versions = versionsOf(state, repo, slug)
    const latest = versions[0]!
    return {
      slug,
      displayName: latest.displayName ?? slug,
      summary: latest.summary ?? '',
      updated: versions
        .map((v) => v.created)
        .sort()
        .at(-1)!,
      versions: versions.length,
      latestVersion: latest.version
    }
  })
}

function readFrontmatter(files: ZipEntry[]): Record<string, unknown> {
  const skillMd = files.find((f) => f.path === 'SKILL.md') ?? files.find((f) => f.path.endsWith('/SKILL.md'))
  const found = skillMd && /^---\r?\n([\s\S]*?)\r?\n---/.exec(skillMd.data.toString('utf8'))
  if (!found) return {}
  try {
    const data: unknown = parseYaml(found[1]!)
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** Entries sorted by path, as `jf` and the server write them. */
function sortEntries(files: ZipEntry[]): ZipEntry[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function checksumsOf(data: Buffer): { sha1: string; md5: string; sha256: string } {
  return {
    sha1: createHash('sha1').update(data).digest('hex'),
    md5: createHash('md5').update(data).digest('hex'),
    sha256: sha256Hex(data)
  }
}

const stringField = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const clamp = (n: number, low: number, high: number): number => Math.min(high, Math.max(low, Number.isFinite(n) ? Math.trunc(n) : high))

// ---------------------------------------------------------------------------------------------
// Auth and error bodies

function authenticate(state: ArtifactoryState, req: RecordedRequest, res: Reply): string | undefined {
  const header = req.headers.authorization ?? ''
  const tokens = state.options.tokens ?? ['art_test_token']
  const users = state.options.users ?? { admin: 'art_test_token' }
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)
  if (bearer && tokens.includes(bearer[1]!)) return 'token-user'
  const basic = /^Basic\s+(\S+)$/i.exec(header)
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const user = decoded.slice(0, colon)
    const secret = decoded.slice(colon + 1)
    if (colon > 0 && (users[user] === secret || tokens.includes(secret))) return user
  }
  errors(res, 401, header ? 'Bad credentials' : 'Authentication is required', { 'www-authenticate': 'Basic realm="Artifactory Realm"' })
  return undefined
}

function errors(res: Reply, status: number, message: string, headers: Record<string, string> = {}): void {
  res.json(status, { errors: [{ status, message }] }, headers)
}

function notFound(res: Reply, message: string): void {
  errors(res, 404, message)
}

function repoNotFound(res: Reply, repo: string): void {
  errors(res, 404, `Repository '${repo}' not found`)
}
