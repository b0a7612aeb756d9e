import type { Queryable, Sql } from '../postgres.js';

/** `messages_<uuid with underscores>`, the original system's name. */
export function partitionName(tenantId: string): string {
  return `messages_${tenantId.replaceAll('-', '_')}`;
}

/**
 * Creates and attaches a tenant's partition. `CREATE TABLE … PARTITION OF`
 * would take an ACCESS EXCLUSIVE lock on `messages` and stall every other
 * tenant's writes; creating the table alone, proving the bound with a CHECK
 * and then attaching takes only SHARE UPDATE EXCLUSIVE on the parent, which
 * inserts do not conflict with. The CHECK lets ATTACH skip the scan.
 */
export async function createPartition(tx: Queryable, tenantId: string): Promise<void> {
  const table = partitionName(tenantId);
  await tx`create table if not exists ${tx(table)}
    (like messages including defaults including constraints)`;
  await tx`alter table ${tx(table)} drop constraint if exists ${tx(`${table}_tenant`)}`;
  await tx`alter table ${tx(table)} add constraint ${tx(`${table}_tenant`)}
    check (tenant_id is not null and tenant_id = ${tx.unsafe(literal(tenantId))})`;
  await tx`alter table messages attach partition ${tx(table)}
    for values in (${tx.unsafe(literal(tenantId))})`;
}

/**
 * Detaches (without blocking writers to other partitions) and drops a
 * tenant's partition. Each step checks where an earlier, interrupted run
 * stopped: a detach cut short leaves the partition "pending", which FINALIZE
 * completes. Must not run inside a transaction.
 */
export async function dropPartition(sql: Sql, tenantId: string): Promise<void> {
  const table = partitionName(tenantId);
  const [state] = await sql<{ pending: boolean }[]>`
    select i.inhdetachpending as pending
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    where c.relname = ${table} and i.inhparent = 'messages'::regclass`;
  if (state?.pending) {
    await sql`alter table messages detach partition ${sql(table)} finalize`;
  } else if (state) {
    await sql`alter table messages detach partition ${sql(table)} concurrently`;
  }
  await sql`drop table if exists ${sql(table)}`;
}

export async function partitionExists(sql: Queryable, tenantId: string): Promise<boolean> {
  const [row] = await sql<{ attached: boolean }[]>`
    select exists (
      select 1 from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      where c.relname = ${partitionName(tenantId)} and i.inhparent = 'messages'::regclass
    ) as attached`;
  return row!.attached;
}

/** Partition bounds and CHECKs are DDL, so the id goes in as a quoted literal. */
function literal(tenantId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
  return `'${tenantId}'::uuid`;
}
