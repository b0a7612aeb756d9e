import type { Queryable } from '@mtm/shared';

/** `admin`: every tenant. `user`: the one tenant bound at creation (or, for the demo user, at login). */
export type Role = 'admin' | 'user';

export interface User {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  tenant_id: string | null;
  demo: boolean;
  created_at: Date;
}

const COLUMNS = 'id, username, password_hash, role, tenant_id, demo, created_at';

/** Undefined when the username is taken. */
export async function insertUser(
  sql: Queryable,
  user: { id: string; username: string; passwordHash: string; role: Role; tenantId: string | null },
): Promise<User | undefined> {
  const [row] = await sql<User[]>`
    insert into users (id, username, password_hash, role, tenant_id)
    values (${user.id}, ${user.username}, ${user.passwordHash}, ${user.role}, ${user.tenantId})
    on conflict (username) do nothing
    returning ${sql.unsafe(COLUMNS)}`;
  return row;
}

export async function findUserByUsername(sql: Queryable, username: string): Promise<User | undefined> {
  const [row] = await sql<User[]>`select ${sql.unsafe(COLUMNS)} from users where username = ${username}`;
  return row;
}

export async function listUsers(sql: Queryable, options: { includeDemo: boolean }): Promise<User[]> {
  return sql<User[]>`
    select ${sql.unsafe(COLUMNS)} from users
    where not demo or ${options.includeDemo}
    order by created_at, username`;
}

/** Its sessions go with it (on delete cascade), so its tokens stop working at once. */
export async function deleteUser(sql: Queryable, id: string): Promise<boolean> {
  const rows = await sql`delete from users where id = ${id} returning id`;
  return rows.length === 1;
}

/** Creates the demo accounts that are missing; existing rows keep their hash. */
export async function insertDemoUsers(
  sql: Queryable,
  users: { id: string; username: string; passwordHash: string; role: Role }[],
): Promise<void> {
  for (const user of users) {
    await sql`
      insert into users (id, username, password_hash, role, demo)
      values (${user.id}, ${user.username}, ${user.passwordHash}, ${user.role}, true)
      on conflict (username) do nothing`;
  }
}
