// JFrog evidence, as `jf agent skills publish --signing-key --key-alias` attaches it
// (jfrog-cli-evidence: evidence/create, dsse, intoto, cryptox): an in-toto v1 statement naming the
// zip by its SHA-256, signed into a DSSE envelope with the team's private key, and POSTed to the
// evidence service at `{platform}/evidence/api/v1/subject/{repo}/{path}`. Artifactory verifies the
// signature with the public key it holds under the key alias.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { RegistryError } from '../http/error.js'

/** The predicate type `jf` uses for a skill's publish attestation. */
const PUBLISH_ATTESTATION = 'https://jfrog.com/evidence/publish-attestation/v1'
const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'

export interface SigningKey {
  /** The key as `jf` names its type: rsa, ecdsa or ed25519. */
  type: 'rsa' | 'ecdsa' | 'ed25519'
  /** Sent as each signature's `keyid`: the alias Artifactory finds the public key under. */
  alias: string
  key: KeyObject
}

export interface DsseEnvelope {
  payload: string
  payloadType: string
  signatures: { keyid: string; sig: string }[]
}

/**
 * The key from `signing-key`: PEM text (a secret pasted into the input) or the path of a PEM file
 * (parseConfig resolved it against the repository root). Unencrypted PKCS#8, PKCS#1 (RSA) or SEC1 (EC) private keys, the
 * formats `jf` reads; a public key, an encrypted key or another algorithm is refused by name.
 */
export function loadSigningKey(value: string, alias: string): SigningKey {
  const pem = isPemText(value) ? value : readKeyFile(value)
  if (/ENCRYPTED/.test(pem)) {
    throw new RegistryError('signing-key: encrypted private keys are not supported (as with jf); give an unencrypted PEM key.')
  }
  let key: KeyObject
  try {
    key = createPrivateKey({ key: pem, format: 'pem' })
  } catch {
    throw new RegistryError(
      'signing-key: this is not a PEM private key. Give the private key (-----BEGIN PRIVATE KEY-----, RSA or EC PRIVATE KEY), or a path to it; the public key goes to Artifactory under the key alias.'
    )
  }
  const types: Record<string, SigningKey['type']> = { rsa: 'rsa', ec: 'ecdsa', ed25519: 'ed25519' }
  const type = types[key.asymmetricKeyType ?? '']
  if (!type) {
    throw new RegistryError(`signing-key: a ${key.asymmetricKeyType} key cannot sign JFrog evidence; use an RSA, ECDSA or Ed25519 key.`)
  }
  return { type, alias, key }
}

/** Key material rather than a path: what `signing-key` holds when a secret is passed in. */
export function isPemText(value: string): boolean {
  return value.includes('-----BEGIN')
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new RegistryError(
      `signing-key: cannot read the key file "${file}" (${code}). Give a path to a PEM private key, or the key itself.`
    )
  }
}

/** The statement `jf` signs: subject by SHA-256, its publish-attestation predicate and Markdown. */
export function publishStatement(input: { name: string; version: string; sha256: string; createdBy: string; now: Date }): string {
  const publishedAt = input.now.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const markdown = [
    '# Publish Attestation',
    '',
    '| Field | Value |',
    '|-------|-------|',
    `| Skill | ${input.name} |`,
    `| Version | ${input.version} |`,
    `| Published at | ${publishedAt} |`,
    ''
  ].join('\n')
  return JSON.stringify({
    _type: STATEMENT_TYPE,
    subject: [{ digest: { sha256: input.sha256 } }],
    predicateType: PUBLISH_ATTESTATION,
    predicate: { skill: input.name, version: input.version, publishedAt },
    createdAt: input.now.toISOString(),
    createdBy: input.createdBy,
    markdown
  })
}

/** DSSE pre-authentication encoding: what is actually signed. */
function pae(payloadType: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${payload.length} `), payload])
}

/**
 * Sign as jf's cryptox does: RSA is PKCS#1 v1.5 over SHA-256; ECDSA is ASN.1 DER with the hash
 * sized to the curve (P-256 SHA-256, P-384 SHA-384, larger SHA-512); Ed25519 signs the bytes.
 */
export function signEnvelope(statement: string, signingKey: SigningKey): DsseEnvelope {
  const payload = Buffer.from(statement, 'utf8')
  const data = pae(INTOTO_PAYLOAD_TYPE, payload)
  const signature = sign(
    digestFor(signingKey),
    data,
    signingKey.type === 'ecdsa' ? { key: signingKey.key, dsaEncoding: 'der' } : signingKey.key
  )
  return {
    payload: payload.toString('base64'),
    payloadType: INTOTO_PAYLOAD_TYPE,
    signatures: [{ keyid: signingKey.alias, sig: signature.toString('base64') }]
  }
}

function digestFor(signingKey: SigningKey): string | null {
  if (signingKey.type === 'ed25519') return null
  if (signingKey.type === 'rsa') return 'sha256'
  const curve = signingKey.key.asymmetricKeyDetails?.namedCurve
  if (curve === 'secp384r1') return 'sha384'
  if (curve === 'secp521r1') return 'sha512'
  return 'sha256'
}
