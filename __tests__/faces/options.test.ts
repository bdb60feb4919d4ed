import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { ConfigError } from '../../src/config.js'
import { OPTIONS, parseConfig, type RawOptions } from '../../src/options.js'
import { VERSION } from '../../src/version.js'

const context = (env: NodeJS.ProcessEnv = {}) => ({ root: '/repo', env })
const parse_ = (raw: RawOptions, env: NodeJS.ProcessEnv = {}) => parseConfig(raw, context(env))

describe('parseConfig', () => {
  it('gives every option its documented default', () => {
    const config = parse_({})
    expect(config).toMatchObject({
      mode: 'validate',
      paths: [],
      profile: 'spec',
      failOn: 'error',
      registry: { kind: 'local', target: '/repo/local-registry', layout: 'flat', requestTimeoutMs: 30_000, retries: 3 },
      artifactsDir: '/repo/skillpub-artifacts',
      flavour: 'fastskill',
      limits: { maxFileBytes: 10 * 1024 * 1024, maxSkillBytes: 50 * 1024 * 1024, maxFiles: 10_000 },
      publish: {
        wait: true,
        maxWaitMs: 300_000,
        pollIntervalMs: 2000,
        concurrency: 4,
        failFast: false,
        dryRun: false,
        onScanTimeout: 'fail'
      },
      changes: { changedOnly: 'auto', tagPatterns: ['v{version}', '{name}@{version}', '{name}/v{version}'], tagVersionConflict: 'error' }
    })
  })

  it.each([
    [{ mode: 'deploy' }, "Input 'mode' must be one of validate, changed, package, publish, status, delete; got 'deploy'."],
    [{ concurrency: 'many' }, "Input 'concurrency' must be a number of at least 1; got 'many'."],
    [{ concurrency: '0' }, "Input 'concurrency' must be a number of at least 1; got '0'."],
    [{ concurrency: '2.5' }, "Input 'concurrency' must be a whole number; got '2.5'."],
    [{ wait: 'maybe' }, "Input 'wait' must be true or false; got 'maybe'."],
    [{ 'max-wait': '-1' }, "Input 'max-wait' must be a number of at least 0; got '-1'."],
    [{ profile: 'npm' }, "Input 'profile' must be one of spec, clawhub, artifactory, fastskill; got 'npm'."]
  ])('rejects %j with a message naming the input and the allowed values', (raw, message) => {
    expect(() => parse_(raw)).toThrow(new ConfigError(message))
  })

  it('detects the registry from the target: a URL is FastSkill, a path a folder', () => {
    expect(parse_({ target: 'https://skills.example.com' }).registry).toMatchObject({
      kind: 'fastskill',
      target: 'https://skills.example.com'
    })
    expect(parse_({ target: 'out/registry' }).registry).toMatchObject({ kind: 'local', target: '/repo/out/registry' })
  })

  it('takes FastSkill URL and token from the environment when the inputs are empty', () => {
    const config = parse_({ registry: 'fastskill', token: '' }, { FASTSKILL_API_URL: 'http://127.0.0.1:9', FASTSKILL_API_TOKEN: 'jwt' })
    expect(config.registry).toMatchObject({ target: 'http://127.0.0.1:9', token: 'jwt' })
    expect(parse_({ registry: 'fastskill' }).registry.target).toBe('http://localhost:8080')
  })

  it('reads the JFrog signing key, alias and skip-scan switch as jf does: input, else environment', () => {
    const art = { registry: 'artifactory' }
    expect(parse_({ ...art, 'signing-key': 'keys/evd.pem', 'key-alias': 'a' }).registry).toMatchObject({
      signingKey: '/repo/keys/evd.pem',
      keyAlias: 'a'
    })
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA\n-----END PRIVATE KEY-----'
    expect(parse_({ ...art, 'signing-key': pem }).registry.signingKey).toBe(pem)
    expect(parse_(art, { EVD_SIGNING_KEY_PATH: '/keys/k.pem', EVD_KEY_ALIAS: 'evd' }).registry).toMatchObject({
      signingKey: '/keys/k.pem',
      keyAlias: 'evd'
    })
    expect(parse_(art, { JFROG_CLI_SKIP_SKILLS_SCAN: 'true' }).registry.skipScan).toBe(true)
    expect(parse_(art).registry).toMatchObject({ skipScan: false, onScanError: 'fail' })
    expect(() => parse_(art, { JFROG_CLI_SKIP_SKILLS_SCAN: 'maybe' })).toThrow(
      "Environment variable JFROG_CLI_SKIP_SKILLS_SCAN must be true or false; got 'maybe'."
    )
    expect(parse_({ ...art, 'auto-delete-on-failure': 'true' }).publish.deleteOnBlocked).toBe(true)
    // A variable set for jf does not reach other registries; the input is refused for them by name.
    expect(parse_({ registry: 'clawhub' }, { EVD_SIGNING_KEY_PATH: '/keys/k.pem' }).registry.signingKey).toBeUndefined()
    expect(() => parse_({ registry: 'clawhub', 'signing-key': 'k.pem' })).toThrow(
      "Input 'signing-key' signs JFrog evidence: it is for registry 'artifactory', not 'clawhub'."
    )
  })

  it("uses the registry's own profile when publishing to it", () => {
    expect(parse_({ mode: 'publish', registry: 'clawhub', token: 't' }).profile).toBe('clawhub')
    expect(parse_({ mode: 'validate', registry: 'clawhub' }).profile).toBe('spec')
    expect(parse_({ mode: 'publish', registry: 'clawhub', token: 't', profile: 'spec' }).profile).toBe('spec')
  })

  it('requires what a registry cannot work without, naming the input', () => {
    expect(() => parse_({ mode: 'publish', registry: 'artifactory', token: 't' })).toThrow(
      "Input 'target' is required for registry 'artifactory'"
    )
    expect(() => parse_({ mode: 'publish', registry: 'artifactory', target: 'https://a/artifactory', token: 't' })).toThrow(
      "Input 'repository' is required"
    )
    expect(() => parse_({ mode: 'publish', registry: 'clawhub' })).toThrow(
      "Input 'token' is required for registry 'clawhub' (or set CLAWHUB_TOKEN)"
    )
    expect(parse_({ mode: 'publish', registry: 'clawhub' }, { CLAWHUB_TOKEN: 'clh_x' }).registry.token).toBe('clh_x')
  })

  it('accepts an Artifactory URL that carries the repository and credentials, as its documents write it', () => {
    const target = 'https://admin:art_token@acme.jfrog.io/artifactory/api/skills/skills-local'
    expect(parse_({ mode: 'publish', registry: 'artifactory', target }).registry.target).toBe(target)
  })

  it('refuses a merge gate on FastSkill, which cannot look a version up', () => {
    expect(() => parse_({ mode: 'status', registry: 'fastskill' })).toThrow("Mode 'status' cannot gate on registry 'fastskill'")
  })

  it('splits lists on commas and new lines', () => {
    expect(parse_({ paths: 'skills/a,\n skills/b\n\n' }).paths).toEqual(['skills/a', 'skills/b'])
  })

  it('keeps commas inside braces, so brace globs stay one item', () => {
    expect(parse_({ paths: 'skills/{a,b},other\nx/{c,{d,e}}/*' }).paths).toEqual(['skills/{a,b}', 'other', 'x/{c,{d,e}}/*'])
    // a brace left open ends with its line
    expect(parse_({ paths: 'skills/{a,b\nc,d' }).paths).toEqual(['skills/{a,b', 'c', 'd'])
  })

  it('names options as the face does: input for the action, --flag for the CLI', () => {
    expect(() => parseConfig({ profile: 'npm' }, { root: '/repo', env: {}, face: 'cli' })).toThrow(
      new ConfigError("--profile must be one of spec, clawhub, artifactory, fastskill; got 'npm'.")
    )
    expect(() => parse_({ mode: 'publish' }, { FASTSKILL_API_URL: 'http://127.0.0.1:9' })).toThrow(
      "Input 'registry' or input 'target' is required to publish"
    )
  })
})

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8'))

  it('declares every option as an input with the same default, and nothing else', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(OPTIONS.map((option) => option.name).sort())
    for (const option of OPTIONS) {
      if (option.name === 'github-token') continue
      const declared = action.inputs[option.name].default
      expect([option.name, declared ?? '']).toEqual([option.name, option.default ?? ''])
    }
  })

  it('describes every input in the words of the one table, so the action and the CLI help cannot drift', () => {
    for (const option of OPTIONS) expect([option.name, action.inputs[option.name].description]).toEqual([option.name, option.description])
  })

  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('documents every input in the README', () => {
    const readme = readFileSync('README.md', 'utf8')
    for (const option of OPTIONS) expect([option.name, readme.includes(`| \`${option.name}\` |`)]).toEqual([option.name, true])
  })
})

it('reports the version package.json has', () => {
  expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
})
