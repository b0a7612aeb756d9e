import type { Sql } from '@mtm/shared';
import { v7 as uuidv7 } from 'uuid';

import { insertDemoUsers } from '../sql/users.js';
import { hashPassword } from './passwords.js';

/** The accounts of the system this one replaces; public knowledge, so for trials only. */
export const DEMO_USERS = [
  { username: 'admin', password: 'admin123', role: 'admin' },
  { username: 'user', password: 'user123', role: 'user' },
] as const;

/**
 * Creates the demo accounts when they are missing. Only called with
 * `auth.demo_users` on; with it off, demo rows left in the table are treated
 * as absent (no login, no session, not listed), so turning the flag off needs
 * no database at start and takes effect at once.
 */
export async function createDemoUsers(sql: Sql): Promise<void> {
  const users = await Promise.all(
    DEMO_USERS.map(async (user) => ({
      id: uuidv7(),
      username: user.username,
      role: user.role,
      passwordHash: await hashPassword(user.password),
    })),
  );
  await insertDemoUsers(sql, users);
}
