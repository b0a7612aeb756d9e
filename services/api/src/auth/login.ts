import {
  findActiveTenant,
  ForbiddenError,
  type Sql,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '@mtm/shared';

import { clearLoginFailures, countLoginFailures, recordLoginFailure } from '../sql/login-failures.js';
import { findUserByUsername } from '../sql/users.js';
import { verifyPassword } from './passwords.js';
import { openSession, type TokenPair } from './sessions.js';
import type { TokenSettings } from './tokens.js';

export interface LoginContext {
  sql: Sql;
  tokens: TokenSettings;
  /** Hash checked when the user does not exist, so both failures take as long. */
  dummyHash: () => Promise<string>;
  limits: { perUser: number; perAddress: number; window: number };
}

export interface LoginRequest {
  username: string;
  password: string;
  tenant_id?: string;
  /** The client's address, for the per-address limit. */
  address: string;
}

const BAD_CREDENTIALS = 'invalid username or password';

/**
 * Checks the credentials and opens a session. Unknown user and wrong
 * password get the same answer after the same work. Failures are counted in
 * PostgreSQL per username and per address, so the limits hold across replicas.
 */
export async function login(ctx: LoginContext, request: LoginRequest): Promise<TokenPair> {
  const { sql, limits } = ctx;
  const userKey = `user:${request.username}`;
  const addressKey = `address:${request.address}`;
  for (const [key, max] of [
    [userKey, limits.perUser],
    [addressKey, limits.perAddress],
  ] as const) {
    const failures = await countLoginFailures(sql, key, limits.window);
    if (failures.count >= max) {
      throw new TooManyRequestsError('too many failed logins; try again later', failures.retryAfterMs / 1000);
    }
  }

  const found = await findUserByUsername(sql, request.username);
  const user = found && (!found.demo || ctx.tokens.demoUsers) ? found : undefined;
  const matches = await verifyPassword(request.password, user?.password_hash ?? (await ctx.dummyHash()));
  if (!user || !matches) {
    await recordLoginFailure(sql, [userKey, addressKey], limits.window);
    throw new UnauthorizedError(BAD_CREDENTIALS);
  }
  await clearLoginFailures(sql, userKey);

  const tenantId = await tenantOfSession(ctx, user, request.tenant_id?.toLowerCase());
  return openSession(sql, ctx.tokens, { userId: user.id, role: user.role, tenantId });
}

/**
 * Admins act on every tenant, so their tokens carry none. A user's tokens
 * carry its own tenant, which it must name; the demo user may name any
 * active tenant, which is then bound into its tokens.
 */
async function tenantOfSession(
  ctx: LoginContext,
  user: { role: string; tenant_id: string | null; demo: boolean },
  requested: string | undefined,
): Promise<string | null> {
  if (user.role === 'admin') return null;
  if (requested === undefined) throw new ValidationError('tenant_id is required for this user');
  if (user.tenant_id === null && user.demo) {
    if (!(await findActiveTenant(ctx.sql, requested))) {
      throw new ForbiddenError('this user may not log in to that tenant');
    }
    return requested;
  }
  if (user.tenant_id !== requested) throw new ForbiddenError('this user may not log in to that tenant');
  return requested;
}
