import {
  type Connection,
  countMessages,
  createRegistry,
  createSql,
  deadLetterQueueName,
  markTenantDeleting,
  partitionExists,
  partitionName,
  type Sql,
  tenantQueueName,
  updateTenantWorkers,
} from '@mtm/shared';
import { expect } from 'chai';

import {
  deadLettered,
  makeMessages,
  provisionTenant,
  publishToQueue,
  queueDepth,
  queueExists,
  storedIds,
} from '../../../test/support/fixtures.js';
import { eventually, testAmqp, testConfig, testLogger } from '../../../test/support/helpers.js';
import { createSupervisor } from '../src/supervisor.js';
import { type RunningSupervisor, startSupervisor } from './harness.js';

describe('supervisor', function () {
  let sql: Sql;
  let amqp: Connection;
  let running: RunningSupervisor | undefined;

  before(() => {
    const config = testConfig();
    sql = createSql(config.database.url, { max: 4, applicationName: 'test' });
    amqp = testAmqp('test');
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  after(async () => {
    await amqp.close();
    await sql.end({ timeout: 5 });
  });

  it('stores every published message once in its tenant partition and acks it', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 3 });
    running = await startSupervisor();
    const messages = makeMessages(tenantId, 500);
    await publishToQueue(amqp, tenantId, messages);
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 500,
      { what: '500 rows' },
    );
    expect((await storedIds(sql, tenantId)).sort()).to.deep.equal(messages.map((m) => m.id).sort());
    await eventually(
      () => queueDepth(amqp, tenantQueueName(tenantId)),
      (depth) => depth === 0,
    );
    expect(await deadLettered(amqp, tenantId)).to.equal(0);
  });

  it('serves /health with a check per dependency and /metrics with what it stored', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 2 });
    running = await startSupervisor();
    await publishToQueue(amqp, tenantId, makeMessages(tenantId, 30));
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 30,
    );

    const health = await fetch(`${running.base}/health`);
    expect(health.status).to.equal(200);
    const report = (await health.json()) as Record<string, unknown>;
    expect(report).to.deep.include({
      status: 'ok',
      checks: { postgres: { status: 'ok' }, rabbitmq: { status: 'ok' } },
    });
    const ownership = report.ownership as { replica: string; replicas: string[]; owned: number };
    expect(ownership.replicas).to.include(ownership.replica);
    expect(ownership.owned).to.be.at.least(1);

    const metrics = await (await fetch(`${running.base}/metrics`)).text();
    expect(metrics).to.include(
      `messages_processed_total{tenant_id="${tenantId}",status="stored",service="supervisor"} 30`,
    );
    expect(metrics).to.include(`worker_pool_size{tenant_id="${tenantId}",service="supervisor"} 2`);
    expect((await fetch(`${running.base}/nope`)).status).to.equal(404);
  });

  it('answers /health/live always, and /health/ready 503 from the moment a stop begins', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 1 });
    running = await startSupervisor({ overrides: { ingest: { batch_size: 10, batch_linger: 5 } } });
    const base = running.base;
    await eventually(
      async () => (await fetch(`${base}/health/ready`)).status,
      (status) => status === 200,
    );
    expect((await fetch(`${base}/health/live`)).status).to.equal(200);

    // Hold a batch against a lock, so that the stop has something to drain.
    const reserved = await sql.reserve();
    await reserved`begin`;
    await reserved`lock table ${reserved(partitionName(tenantId))} in access exclusive mode`;
    try {
      await publishToQueue(amqp, tenantId, makeMessages(tenantId, 10));
      await eventually(
        async () => running!.supervisor.pools.get(tenantId)?.stats.activeWorkers,
        (n) => n === 1,
      );
      const stopping = running.stop();
      running = undefined;
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).to.equal(503);
      expect(await ready.json()).to.deep.equal({ status: 'stopping' });
      expect((await fetch(`${base}/health/live`)).status).to.equal(200);
      await reserved`commit`;
      await stopping;
    } finally {
      reserved.release();
    }
    expect(await countMessages(sql, tenantId)).to.equal(10);
  });

  it('lets only one of two pools on the same tenant consume: the queue has a single active consumer', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 2 });
    running = await startSupervisor();
    const second = await startSupervisor();
    try {
      await running.supervisor.reconcile();
      await second.supervisor.reconcile();
      expect(running.supervisor.pools.has(tenantId) && second.supervisor.pools.has(tenantId)).to.equal(true);
      // Let both consumers attach before anything is published.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await publishToQueue(amqp, tenantId, makeMessages(tenantId, 500));
      await eventually(
        () => countMessages(sql, tenantId),
        (count) => count === 500,
      );
      const written = [running, second].map((r) => r.supervisor.pools.get(tenantId)!.stats.batchesWritten);
      expect(written.filter((batches) => batches > 0)).to.have.length(1);
      expect(written.filter((batches) => batches === 0)).to.have.length(1);
    } finally {
      await second.stop();
    }
  });

  it('stores a redelivered message only once', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 1 });
    running = await startSupervisor();
    const [message] = makeMessages(tenantId, 1);
    await publishToQueue(amqp, tenantId, [message, message, message]);
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 1,
    );
    // A stopped pool has written and acked whatever it held: all three copies are settled.
    await running.stop();
    running = undefined;
    expect(await queueDepth(amqp, tenantQueueName(tenantId))).to.equal(0);
    expect(await storedIds(sql, tenantId)).to.deep.equal([message!.id]);
  });

  it('dead-letters messages that can never be stored and stores the ones behind them', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 2 });
    running = await startSupervisor();
    const good = makeMessages(tenantId, 20);
    const [other] = makeMessages(tenantId, 1);
    const poison: unknown[] = [
      Buffer.from('this is not json'),
      { unrelated: true },
      { ...other, tenant_id: '00000000-0000-7000-8000-000000000000' },
      // Valid JSON that jsonb refuses: NUL cannot be stored in a jsonb string.
      { ...makeMessages(tenantId, 1)[0], payload: { text: 'nul \u0000 inside' } },
    ];
    await publishToQueue(amqp, tenantId, [...poison, ...good]);
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 20,
      { what: 'good messages' },
    );
    await eventually(
      () => deadLettered(amqp, tenantId),
      (count) => count === poison.length,
      {
        what: 'poison in the DLQ',
      },
    );
    expect((await storedIds(sql, tenantId)).sort()).to.deep.equal(good.map((m) => m.id).sort());
  });

  it('applies a concurrency change to the running pool: new prefetch and more batches in flight', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 1 });
    running = await startSupervisor({ overrides: { ingest: { batch_size: 10, batch_linger: 5 } } });
    const queue = tenantQueueName(tenantId);
    const pool = () => running!.supervisor.pools.get(tenantId)!;

    // Hold writes on the partition so batches pile up where we can count them.
    const blockWrites = async (): Promise<() => Promise<void>> => {
      const reserved = await sql.reserve();
      await reserved`begin`;
      await reserved`lock table ${reserved(partitionName(tenantId))} in access exclusive mode`;
      return async () => {
        await reserved`commit`;
        reserved.release();
      };
    };

    let release = await blockWrites();
    await publishToQueue(amqp, tenantId, makeMessages(tenantId, 200));
    // One worker, prefetch 1 × 10: the broker keeps 190 back.
    await eventually(
      () => queueDepth(amqp, queue),
      (depth) => depth === 190,
      { what: 'prefetch 10' },
    );
    await eventually(
      async () => pool().stats.activeWorkers,
      (active) => active === 1,
    );
    expect(pool().stats.peakActiveWorkers).to.equal(1);
    await release();
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 200,
    );

    await updateTenantWorkers(sql, tenantId, 4);
    await running.supervisor.reconcile();
    expect(pool().workers).to.equal(4);
    expect(pool().prefetch).to.equal(40);

    release = await blockWrites();
    await publishToQueue(amqp, tenantId, makeMessages(tenantId, 200));
    // Four workers, prefetch 4 × 10: the broker keeps 160 back, and four batches are in flight.
    await eventually(
      () => queueDepth(amqp, queue),
      (depth) => depth === 160,
      { what: 'prefetch 40' },
    );
    await eventually(
      async () => pool().stats.activeWorkers,
      (active) => active === 4,
      { what: '4 writers' },
    );
    expect(pool().stats.peakActiveWorkers).to.equal(4);
    await release();
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 400,
    );
  });

  it('tears a deleted tenant down: pool, queues, partition, then the row', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 2 });
    running = await startSupervisor();
    await publishToQueue(amqp, tenantId, makeMessages(tenantId, 50));
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 50,
    );
    expect(running.supervisor.pools.has(tenantId)).to.equal(true);

    await markTenantDeleting(sql, tenantId);
    await running.supervisor.reconcile();

    expect(running.supervisor.pools.has(tenantId)).to.equal(false);
    expect(await queueExists(amqp, tenantQueueName(tenantId))).to.equal(false);
    expect(await queueExists(amqp, deadLetterQueueName(tenantId))).to.equal(false);
    expect(await partitionExists(sql, tenantId)).to.equal(false);
    const rows = await sql`select 1 from tenants where id = ${tenantId}`;
    expect(rows.length).to.equal(0);
  });

  for (const [stoppedAfter, interrupt] of [
    [
      'the queues were deleted',
      async (amqp: Connection, _sql: Sql, id: string) => {
        await amqp.queueDelete({ queue: tenantQueueName(id) });
        await amqp.queueDelete({ queue: deadLetterQueueName(id) });
      },
    ],
    [
      'the partition was detached',
      async (amqp: Connection, sql: Sql, id: string) => {
        await amqp.queueDelete({ queue: tenantQueueName(id) });
        await amqp.queueDelete({ queue: deadLetterQueueName(id) });
        await sql`alter table messages detach partition ${sql(partitionName(id))}`;
      },
    ],
    [
      'a concurrent detach was cancelled half way (partition left pending)',
      async (amqp: Connection, sql: Sql, id: string) => {
        await amqp.queueDelete({ queue: tenantQueueName(id) });
        await amqp.queueDelete({ queue: deadLetterQueueName(id) });
        await leaveDetachPending(sql, id);
      },
    ],
    [
      'the partition was dropped',
      async (amqp: Connection, sql: Sql, id: string) => {
        await amqp.queueDelete({ queue: tenantQueueName(id) });
        await amqp.queueDelete({ queue: deadLetterQueueName(id) });
        await sql`alter table messages detach partition ${sql(partitionName(id))}`;
        await sql`drop table ${sql(partitionName(id))}`;
      },
    ],
  ] as const) {
    it(`finishes a teardown interrupted after ${stoppedAfter}`, async () => {
      const tenantId = await provisionTenant(sql, amqp, { workers: 1 });
      await markTenantDeleting(sql, tenantId);
      await interrupt(amqp, sql, tenantId);
      running = await startSupervisor();
      await running.supervisor.reconcile();
      expect(await queueExists(amqp, tenantQueueName(tenantId))).to.equal(false);
      expect(await partitionExists(sql, tenantId)).to.equal(false);
      const tables = await sql`select 1 from pg_class where relname = ${partitionName(tenantId)}`;
      expect(tables.length).to.equal(0);
      const rows = await sql`select 1 from tenants where id = ${tenantId}`;
      expect(rows.length).to.equal(0);
    });
  }

  it('tears down tenants deleted at the same time, one detach after the other, in one reconcile', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => provisionTenant(sql, amqp, { workers: 1 })));
    running = await startSupervisor();
    for (const id of ids) await markTenantDeleting(sql, id);
    // An old snapshot keeps the first DETACH CONCURRENTLY waiting: PostgreSQL
    // refuses a second pending detach on the same table meanwhile.
    const reader = await sql.reserve();
    await reader`begin isolation level repeatable read`;
    await reader`select count(*) from messages`;
    const reconciling = running.supervisor.reconcile();
    try {
      await eventually(
        async () => {
          const [row] = await sql<{ waiting: number }[]>`
            select count(*)::int as waiting from pg_stat_activity
            where query ilike '%detach partition%' and state = 'active' and pid <> pg_backend_pid()`;
          return row!.waiting;
        },
        (waiting) => waiting > 0,
        { what: 'a detach waiting on the old snapshot' },
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await reader`commit`;
      reader.release();
    }
    await reconciling;
    for (const id of ids) {
      expect(await partitionExists(sql, id)).to.equal(false);
      expect(await queueExists(amqp, tenantQueueName(id))).to.equal(false);
    }
    const rows = await sql`select 1 from tenants where id in ${sql(ids)}`;
    expect(rows.length).to.equal(0);
  });

  it('stopped while starting, it still releases everything it started', async () => {
    const config = testConfig({ supervisor: { port: 0 } });
    const own = createSql(config.database.url, { max: 2, applicationName: 'test-supervisor' });
    const ownAmqp = testAmqp('test-supervisor');
    const supervisor = createSupervisor({
      config,
      sql: own,
      amqp: ownAmqp,
      logger: testLogger('supervisor'),
      registry: createRegistry('supervisor'),
    });
    const starting = supervisor.start();
    await supervisor.stop();
    const { port } = await starting;
    await ownAmqp.close();
    await own.end({ timeout: 5 });
    await fetch(`http://127.0.0.1:${port}/health`).then(
      () => expect.fail('the supervisor still serves /health after stop()'),
      (error: Error) => expect(error).to.be.instanceOf(TypeError),
    );
  });

  it('on stop, writes and acks everything it holds: stored plus still queued equals published', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 4 });
    running = await startSupervisor({ overrides: { ingest: { batch_size: 50, batch_linger: 5 } } });
    const messages = makeMessages(tenantId, 3000);
    const publishing = publishToQueue(amqp, tenantId, messages);
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count > 200,
    );
    await running.stop();
    running = undefined;
    await publishing;
    const stored = await countMessages(sql, tenantId);
    const queued = await queueDepth(amqp, tenantQueueName(tenantId));
    expect(stored + queued).to.equal(3000);
    expect(stored).to.be.above(200);
  });
});

/**
 * DETACH … CONCURRENTLY commits a "pending" mark, then waits for every
 * transaction that can see the partition. Cancelling it during that wait
 * leaves the partition pending, as a crash would.
 */
async function leaveDetachPending(sql: Sql, tenantId: string): Promise<void> {
  const table = partitionName(tenantId);
  const reader = await sql.reserve();
  const detacher = await sql.reserve();
  try {
    await reader`begin isolation level repeatable read`;
    await reader`select count(*) from ${reader(table)}`;
    const [backend] = await detacher<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const detach = detacher`alter table messages detach partition ${detacher(table)} concurrently`.catch(
      (error: unknown) => error,
    );
    await eventually(
      async () => {
        const [row] = await sql<{ pending: boolean }[]>`
          select inhdetachpending as pending from pg_inherits where inhrelid = ${table}::regclass`;
        return row?.pending ?? false;
      },
      (pending) => pending,
      { what: 'detach pending' },
    );
    await sql`select pg_cancel_backend(${backend!.pid})`;
    expect(await detach).to.be.instanceOf(Error);
    await reader`rollback`;
  } finally {
    reader.release();
    detacher.release();
  }
}
