import { randomUUID } from 'node:crypto';

import { type Sql, UnauthorizedError } from '@mtm/shared';

import { insertRefreshToken, insertSession, revokeSession, useRefreshToken } from '../sql/sessions.js';
import type { Role } from '../sql/users.js';
import { signToken, type TokenSettings, verifyToken } from './tokens.js';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  /** Seconds the access token is valid for. */
  expires_in: number;
}

interface SessionSubject {
  userId: string;
  role: Role;
  tenantId: string | null;
}

/** A new session, bound to the tenant chosen at login, and its first pair of tokens. */
export async function openSession(
  sql: Sql,
  settings: TokenSettings,
  subject: SessionSubject,
): Promise<TokenPair> {
  const sessionId = randomUUID();
  return sql.begin(async (tx) => {
    await insertSession(tx, { id: sessionId, userId: subject.userId, tenantId: subject.tenantId });
    const pair = issuePair(settings, sessionId, subject);
    await insertRefreshToken(tx, sessionId, pair.refreshJti);
    return pair.tokens;
  });
}

/**
 * Trades a refresh token for a new pair in the same session. Each refresh
 * token works once; a second use means a copy is in someone else's hands, so
 * the whole session is revoked and every token of it stops working.
 */
export async function rotateSession(
  sql: Sql,
  settings: TokenSettings,
  refreshToken: string,
): Promise<TokenPair> {
  const claims = verifyToken(settings.secret, refreshToken, 'refresh');
  if (!claims) throw new UnauthorizedError('the refresh token is invalid or expired', { invalidToken: true });
  const outcome = await sql.begin(async (tx) => {
    const used = await useRefreshToken(tx, claims.sid, claims.jti, { includeDemo: settings.demoUsers });
    if (used.kind !== 'rotated') return used;
    const pair = issuePair(settings, used.session.id, {
      userId: used.session.user_id,
      role: used.session.role,
      tenantId: used.session.tenant_id,
    });
    await insertRefreshToken(tx, used.session.id, pair.refreshJti);
    return { kind: 'rotated' as const, tokens: pair.tokens };
  });
  if (outcome.kind === 'rotated') return outcome.tokens;
  if (outcome.kind === 'reused') {
    // Outside the transaction above, so the revocation commits even though the request fails.
    await revokeSession(sql, outcome.sessionId);
    throw new UnauthorizedError('the refresh token was already used; the session is revoked', {
      invalidToken: true,
    });
  }
  throw new UnauthorizedError('the refresh token is invalid or its session has ended', {
    invalidToken: true,
  });
}

export async function endSession(sql: Sql, sessionId: string): Promise<void> {
  await revokeSession(sql, sessionId);
}

function issuePair(
  settings: TokenSettings,
  sessionId: string,
  subject: SessionSubject,
): { tokens: TokenPair; refreshJti: string } {
  const claims = { sub: subject.userId, sid: sessionId, role: subject.role, tenant_id: subject.tenantId };
  const access = signToken(settings, 'access', claims);
  const refresh = signToken(settings, 'refresh', claims);
  return {
    tokens: {
      access_token: access.token,
      refresh_token: refresh.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
    },
    refreshJti: refresh.jti,
  };
}
