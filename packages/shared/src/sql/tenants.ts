import type { Queryable } from '../postgres.js';
import type { Tenant } from '../types.js';

const COLUMNS = 'id, name, workers, status, created_at, updated_at';

export async function insertTenant(
  sql: Queryable,
  tenant: { id: string; name: string; workers: number },
): Promise<Tenant> {
  const [row] = await sql<Tenant[]>`
    insert into tenants (id, name, workers)
    values (${tenant.id}, ${tenant.name}, ${tenant.workers})
    returning ${sql.unsafe(COLUMNS)}`;
  return row!;
}

/** An active tenant; deleting ones are gone as far as clients can tell. */
export async function findActiveTenant(sql: Queryable, id: string): Promise<Tenant | undefined> {
  const [row] = await sql<Tenant[]>`
    select ${sql.unsafe(COLUMNS)} from tenants where id = ${id} and status = 'active'`;
  return row;
}

export async function listActiveTenants(sql: Queryable): Promise<Tenant[]> {
  return sql<Tenant[]>`
    select ${sql.unsafe(COLUMNS)} from tenants where status = 'active' order by created_at, id`;
}

/** Every row, deleting ones included: what a supervisor reconciles against. */
export async function listAllTenants(sql: Queryable): Promise<Tenant[]> {
  return sql<Tenant[]>`select ${sql.unsafe(COLUMNS)} from tenants order by created_at, id`;
}

export async function updateTenantWorkers(
  sql: Queryable,
  id: string,
  workers: number,
): Promise<Tenant | undefined> {
  const [row] = await sql<Tenant[]>`
    update tenants set workers = ${workers}, updated_at = now()
    where id = ${id} and status = 'active'
    returning ${sql.unsafe(COLUMNS)}`;
  return row;
}

/** Returns false when there was no active tenant to mark. */
export async function markTenantDeleting(sql: Queryable, id: string): Promise<boolean> {
  const rows = await sql`
    update tenants set status = 'deleting', updated_at = now()
    where id = ${id} and status = 'active'
    returning id`;
  return rows.length === 1;
}

/** The last step of a teardown. */
export async function deleteTenantRow(sql: Queryable, id: string): Promise<void> {
  await sql`delete from tenants where id = ${id} and status = 'deleting'`;
}
