import type { Cursor } from '../cursor.js';
import type { Queryable } from '../postgres.js';
import type { Message } from '../types.js';
import { partitionName } from './partitions.js';

/**
 * Stores a batch in the tenant's partition in one statement. The arrays keep
 * the statement text (and so its prepared plan) the same whatever the batch
 * size, and stay far from the 65,535-parameter limit. A message stored before
 * (a redelivery) is skipped. Returns how many rows were new.
 */
export async function insertMessages(
  sql: Queryable,
  tenantId: string,
  messages: readonly Message[],
): Promise<number> {
  if (messages.length === 0) return 0;
  const result = await sql`
    insert into ${sql(partitionName(tenantId))} (id, tenant_id, payload, created_at)
    select id, ${tenantId}::uuid, payload::jsonb, created_at
    from unnest(
      ${messages.map((m) => m.id)}::uuid[],
      ${messages.map((m) => JSON.stringify(m.payload))}::text[],
      ${messages.map((m) => m.created_at.toISOString())}::timestamptz[]
    ) as batch(id, payload, created_at)
    on conflict do nothing`;
  return result.count;
}

export interface ListMessagesParams {
  /** One tenant, or every active tenant when absent. */
  tenantId?: string;
  limit: number;
  after?: Cursor;
}

/**
 * One page, newest first, keyset-paginated on `(created_at, id)`: rows that
 * arrive while a client pages never shift the pages it has yet to read.
 * Fetches one row more than asked to know whether another page follows.
 */
export async function listMessages(
  sql: Queryable,
  params: ListMessagesParams,
): Promise<{ rows: Message[]; hasMore: boolean }> {
  const { tenantId, limit, after } = params;
  const rows = await sql<Message[]>`
    select m.id, m.tenant_id, m.payload, m.created_at
    from messages m
    where exists (select 1 from tenants t where t.id = m.tenant_id and t.status = 'active')
      ${tenantId === undefined ? sql`` : sql`and m.tenant_id = ${tenantId}`}
      ${after === undefined ? sql`` : sql`and (m.created_at, m.id) < (${after.created_at}, ${after.id}::uuid)`}
    order by m.created_at desc, m.id desc
    limit ${limit + 1}`;
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

export async function findMessage(sql: Queryable, id: string): Promise<Message | undefined> {
  const [row] = await sql<Message[]>`
    select m.id, m.tenant_id, m.payload, m.created_at
    from messages m
    where m.id = ${id}
      and exists (select 1 from tenants t where t.id = m.tenant_id and t.status = 'active')`;
  return row;
}

export async function countMessages(sql: Queryable, tenantId: string): Promise<number> {
  const [row] = await sql<{ count: string }[]>`
    select count(*) from ${sql(partitionName(tenantId))}`;
  return Number(row!.count);
}
