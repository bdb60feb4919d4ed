// Reading (never verifying) a JWT's claims: FastSkill takes the publishing scope from `sub`,
// and showing it before the upload tells a person where the skill will land.

export interface JwtClaims {
  sub?: string
  exp?: number
  role?: string
  [claim: string]: unknown
}

/** The payload of a JWT, or undefined when the token is not one (opaque tokens are fine). */
export function decodeJwt(token: string): JwtClaims | undefined {
  const parts = token.split('.')
  if (parts.length !== 3 || !parts[1]) return undefined
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as JwtClaims) : undefined
  } catch {
    return undefined
  }
}

/** `acme/alice` -> `acme`; `company/dev-team/bob` -> `company`; `personal` -> `personal`. */
export function scopeOf(subject: string | undefined): string | undefined {
  const first = subject?.split('/')[0]?.trim()
  return first ? first : undefined
}

/** When the token has expired by `now`, the expiry time; else undefined. */
export function expiredAt(claims: JwtClaims | undefined, now: number): Date | undefined {
  if (typeof claims?.exp !== 'number') return undefined
  return claims.exp * 1000 <= now ? new Date(claims.exp * 1000) : undefined
}
