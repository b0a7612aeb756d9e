import { type Sql, UnauthorizedError } from '@mtm/shared';
import type { Request, RequestHandler } from 'express';

import { findActiveSession } from '../sql/sessions.js';
import { type Principal, setPrincipal } from './principal.js';
import { type TokenSettings, verifyToken } from './tokens.js';

/** The token of an `Authorization: Bearer <token>` header; throws 401 when there is none. */
export function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError('a Bearer token is required');
  return match[1]!;
}

/**
 * The principal of a valid access token whose session is alive. The session
 * is read on every request, so a logout or a detected refresh-token reuse
 * takes effect on every replica at once.
 */
export async function authenticateToken(sql: Sql, tokens: TokenSettings, token: string): Promise<Principal> {
  const claims = verifyToken(tokens.secret, token, 'access');
  if (!claims) throw new UnauthorizedError('the access token is invalid or expired', { invalidToken: true });
  const session = await findActiveSession(sql, claims.sid, { includeDemo: tokens.demoUsers });
  if (!session || session.user_id !== claims.sub) {
    throw new UnauthorizedError('the session has ended', { invalidToken: true });
  }
  return session;
}

/** Mounted only when `auth.require_auth` is true. */
export function authenticate(ctx: { sql: Sql; tokens: TokenSettings }): RequestHandler {
  return async (req, res, next) => {
    const principal = await authenticateToken(ctx.sql, ctx.tokens, bearerToken(req));
    setPrincipal(res, principal);
    next();
  };
}
