import {
  createPartition,
  createSql,
  dropPartition,
  insertMessages,
  insertTenant,
  markTenantDeleting,
  partitionExists,
  type Sql,
} from '@mtm/shared';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';

import { eventually, testConfig, uniqueName } from '../../../test/support/helpers.js';

/**
 * Creating or deleting a tenant must not stall other tenants' writes. These
 * tests hold another tenant's write transaction open and show that the DDL
 * does not wait for it, and that it does not make new writes wait either.
 */
describe('tenant partitions', function () {
  let sql: Sql;

  before(() => {
    sql = createSql(testConfig().database.url, { max: 6, applicationName: 'test-partitions' });
  });

  after(async () => {
    await sql.end({ timeout: 5 });
  });

  async function tenantWithPartition(): Promise<string> {
    const id = uuidv7();
    await sql.begin(async (tx) => {
      await insertTenant(tx, { id, name: uniqueName(), workers: 1 });
      await createPartition(tx, id);
    });
    return id;
  }

  function message(tenantId: string) {
    return { id: uuidv7(), tenant_id: tenantId, payload: { n: 1 }, created_at: new Date() };
  }

  /** Runs `fn` on a connection whose statements give up after `ms` instead of waiting on a lock. */
  async function withLockTimeout<T>(ms: number, fn: (sql: Sql) => Promise<T>): Promise<T> {
    const reserved = await sql.reserve();
    try {
      await reserved`select set_config('lock_timeout', ${`${ms}ms`}, false)`;
      return await fn(reserved as unknown as Sql);
    } finally {
      await reserved`reset lock_timeout`;
      reserved.release();
    }
  }

  it('creates a partition while another tenant has a write transaction open', async () => {
    const busy = await tenantWithPartition();
    const writer = await sql.reserve();
    try {
      await writer`begin`;
      // Through the parent, as any reader or writer of `messages` locks it.
      await writer`insert into messages (id, tenant_id, payload, created_at)
        values (${uuidv7()}, ${busy}, '{}', now())`;

      const id = uuidv7();
      await withLockTimeout(2_000, async (conn) => {
        await conn`begin`;
        await insertTenant(conn, { id, name: uniqueName(), workers: 1 });
        await createPartition(conn, id);
        await conn`commit`;
      });
      expect(await partitionExists(sql, id)).to.equal(true);
    } finally {
      await writer`rollback`;
      writer.release();
    }
  });

  it('drops a partition without blocking writes to other tenants, even while the detach waits', async () => {
    const doomed = await tenantWithPartition();
    const other = await tenantWithPartition();
    await markTenantDeleting(sql, doomed);

    // An open transaction that has seen the parent makes DETACH CONCURRENTLY wait for it.
    const reader = await sql.reserve();
    await reader`begin isolation level repeatable read`;
    await reader`select count(*) from messages`;
    const dropping = dropPartition(sql, doomed);
    try {
      await eventually(
        async () => {
          const [row] = await sql<{ waiting: number }[]>`
            select count(*)::int as waiting from pg_stat_activity
            where query ilike '%detach partition%' and wait_event_type is not null and state = 'active'`;
          return row!.waiting;
        },
        (waiting) => waiting > 0,
        { what: 'the detach to wait' },
      );
      // While it waits, another tenant still takes writes, through the partition and the parent.
      await withLockTimeout(2_000, async (conn) => {
        expect(await insertMessages(conn, other, [message(other)])).to.equal(1);
        await conn`insert into messages (id, tenant_id, payload, created_at) values (${uuidv7()}, ${other}, '{}', now())`;
      });
    } finally {
      await reader`commit`;
      reader.release();
    }
    await dropping;
    expect(await partitionExists(sql, doomed)).to.equal(false);
    expect(await partitionExists(sql, other)).to.equal(true);
  });

  it('is idempotent: dropping a partition that is already gone succeeds', async () => {
    const id = await tenantWithPartition();
    await dropPartition(sql, id);
    await dropPartition(sql, id);
    expect(await partitionExists(sql, id)).to.equal(false);
  });
});
