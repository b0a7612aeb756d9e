import { randomUUID } from 'node:crypto';

import jwt from 'jsonwebtoken';

import type { Role } from '../sql/users.js';

/** Who signs the tokens and whom they are for: a token minted elsewhere with the same secret is refused. */
export const TOKEN_ISSUER = 'multi-tenant-messaging';
export const TOKEN_AUDIENCE = 'multi-tenant-messaging-api';

/** Separates the two kinds, so that a refresh token is never accepted where an access token is expected. */
export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  typ: TokenType;
  /** The user's id. */
  sub: string;
  /** The session the token belongs to; a revoked session kills every token of it. */
  sid: string;
  jti: string;
  role: Role;
  /** The tenant bound at login; absent for admins. */
  tenant_id?: string;
  iat: number;
  exp: number;
}

export interface TokenSettings {
  secret: string;
  /** Lifetimes in milliseconds. */
  accessExpiry: number;
  refreshExpiry: number;
  /** Whether sessions of demo accounts are honoured (`auth.demo_users`). */
  demoUsers: boolean;
}

export function signToken(
  settings: TokenSettings,
  typ: TokenType,
  claims: { sub: string; sid: string; role: Role; tenant_id: string | null },
): { token: string; jti: string; expiresIn: number } {
  const jti = randomUUID();
  const expiresIn = Math.max(
    1,
    Math.floor((typ === 'access' ? settings.accessExpiry : settings.refreshExpiry) / 1000),
  );
  const payload: Record<string, unknown> = { typ, sid: claims.sid, role: claims.role };
  if (claims.tenant_id !== null) payload.tenant_id = claims.tenant_id;
  const token = jwt.sign(payload, settings.secret, {
    algorithm: 'HS256',
    expiresIn,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    subject: claims.sub,
    jwtid: jti,
  });
  return { token, jti, expiresIn };
}

/**
 * The claims of a valid token of the given type, else undefined. HS256 only:
 * `none` and every other algorithm are refused, whatever the header says.
 */
export function verifyToken(secret: string, token: string, typ: TokenType): TokenClaims | undefined {
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, secret, {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
  } catch {
    return undefined;
  }
  const claims = decoded as Partial<TokenClaims>;
  if (
    claims.typ !== typ ||
    typeof claims.sub !== 'string' ||
    typeof claims.sid !== 'string' ||
    typeof claims.jti !== 'string' ||
    typeof claims.exp !== 'number'
  ) {
    return undefined;
  }
  return claims as TokenClaims;
}
