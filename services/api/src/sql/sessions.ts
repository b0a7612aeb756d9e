import { createHash } from 'node:crypto';

import type { Queryable } from '@mtm/shared';

import type { Role } from './users.js';

/** What an authenticated request acts as; read from the database on every request. */
export interface ActiveSession {
  id: string;
  user_id: string;
  role: Role;
  tenant_id: string | null;
}

export async function insertSession(
  sql: Queryable,
  session: { id: string; userId: string; tenantId: string | null },
): Promise<void> {
  await sql`
    insert into sessions (id, user_id, tenant_id)
    values (${session.id}, ${session.userId}, ${session.tenantId})`;
}

/**
 * The session when it is neither revoked nor gone with its user (primary-key
 * lookups only). Sessions of demo accounts count only while they are enabled.
 */
export async function findActiveSession(
  sql: Queryable,
  id: string,
  options: { includeDemo: boolean },
): Promise<ActiveSession | undefined> {
  const [row] = await sql<ActiveSession[]>`
    select s.id, s.user_id, u.role, s.tenant_id
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id} and s.revoked_at is null and (not u.demo or ${options.includeDemo})`;
  return row;
}

export async function revokeSession(sql: Queryable, id: string): Promise<void> {
  await sql`update sessions set revoked_at = now() where id = ${id} and revoked_at is null`;
}

/** Only a hash of a refresh token's jti is stored: the table alone cannot mint a token. */
export function jtiHash(jti: string): Buffer {
  return createHash('sha256').update(jti).digest();
}

export async function insertRefreshToken(sql: Queryable, sessionId: string, jti: string): Promise<void> {
  await sql`insert into refresh_tokens (jti_hash, session_id) values (${jtiHash(jti)}, ${sessionId})`;
}

export type RefreshOutcome =
  | { kind: 'rotated'; session: ActiveSession }
  /** The token was used before: someone holds a copy. */
  | { kind: 'reused'; sessionId: string }
  | { kind: 'invalid' };

/**
 * Marks the refresh token used, at most once however many requests race for
 * it (`where used_at is null`), and only while its session is alive.
 */
export async function useRefreshToken(
  sql: Queryable,
  sessionId: string,
  jti: string,
  options: { includeDemo: boolean },
): Promise<RefreshOutcome> {
  const hash = jtiHash(jti);
  const [used] = await sql<{ session_id: string }[]>`
    update refresh_tokens r set used_at = now()
    from sessions s
    where r.jti_hash = ${hash} and r.used_at is null and r.session_id = ${sessionId}
      and s.id = r.session_id and s.revoked_at is null
    returning r.session_id`;
  if (used) {
    const session = await findActiveSession(sql, used.session_id, options);
    return session ? { kind: 'rotated', session } : { kind: 'invalid' };
  }
  const [seen] = await sql<{ session_id: string }[]>`
    select session_id from refresh_tokens
    where jti_hash = ${hash} and session_id = ${sessionId} and used_at is not null`;
  return seen ? { kind: 'reused', sessionId: seen.session_id } : { kind: 'invalid' };
}
