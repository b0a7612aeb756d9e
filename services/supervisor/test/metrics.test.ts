import {
  type Connection,
  countMessages,
  createSql,
  markTenantDeleting,
  partitionName,
  type Sql,
  updateTenantWorkers,
} from '@mtm/shared';
import { expect } from 'chai';

import { makeMessages, provisionTenant, publishToQueue } from '../../../test/support/fixtures.js';
import { eventually, testAmqp, testConfig } from '../../../test/support/helpers.js';
import { startTcpProxy, targetOf, type TcpProxy, throughProxy } from '../../../test/support/tcp-proxy.js';
import { type RunningSupervisor, startSupervisor } from './harness.js';

/** The value of one series in Prometheus text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('supervisor metrics', function () {
  const config = testConfig();
  let sql: Sql;
  let amqp: Connection;
  let running: RunningSupervisor | undefined;
  let proxy: TcpProxy | undefined;

  before(() => {
    sql = createSql(config.database.url, { max: 4, applicationName: 'test' });
    amqp = testAmqp('test');
  });

  afterEach(async () => {
    proxy?.restore();
    await running?.stop();
    await proxy?.close();
    running = undefined;
    proxy = undefined;
  });

  after(async () => {
    await amqp.close();
    await sql.end({ timeout: 5 });
  });

  const scrape = async (): Promise<string> => (await fetch(`${running!.base}/metrics`)).text();

  it('counts what it stored, and follows pools as tenants come, change and go', async () => {
    running = await startSupervisor({ overrides: { metrics: { update_interval: 50 } } });
    // Tenants other tests left active get pools too; count from where they settle.
    await running.supervisor.reconcile();
    const before = sample(await scrape(), 'active_tenants') ?? 0;
    const tenantId = await provisionTenant(sql, amqp, { workers: 2 });
    await running.supervisor.reconcile();
    let text = await scrape();
    expect(sample(text, 'active_tenants')).to.equal(before + 1);
    expect(sample(text, 'worker_pool_size', { tenant_id: tenantId })).to.equal(2);

    await publishToQueue(amqp, tenantId, makeMessages(tenantId, 120));
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 120,
    );
    text = await scrape();
    expect(sample(text, 'messages_processed_total', { tenant_id: tenantId, status: 'stored' })).to.equal(120);
    expect(sample(text, 'message_processing_duration_seconds_count', { tenant_id: tenantId })).to.equal(120);

    await updateTenantWorkers(sql, tenantId, 7);
    await running.supervisor.reconcile();
    expect(sample(await scrape(), 'worker_pool_size', { tenant_id: tenantId })).to.equal(7);

    await markTenantDeleting(sql, tenantId);
    await running.supervisor.reconcile();
    text = await scrape();
    expect(sample(text, 'active_tenants')).to.equal(before);
    expect(sample(text, 'worker_pool_size', { tenant_id: tenantId })).to.equal(undefined);
    expect(sample(text, 'messages_processed_total', { tenant_id: tenantId, status: 'stored' })).to.equal(
      undefined,
    );
  });

  it('reports the ready depth of an owned queue, the busy writers and its own database connections', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 1 });
    running = await startSupervisor({
      overrides: { metrics: { update_interval: 50 }, ingest: { batch_size: 10, batch_linger: 5 } },
    });
    await running.supervisor.reconcile();
    const reserved = await sql.reserve();
    await reserved`begin`;
    await reserved`lock table ${reserved(partitionName(tenantId))} in access exclusive mode`;
    try {
      await publishToQueue(amqp, tenantId, makeMessages(tenantId, 100));
      // One writer holds a batch of 10 against the lock; 90 stay ready in the queue.
      const text = await eventually(
        scrape,
        (body) => sample(body, 'queue_size', { tenant_id: tenantId }) === 90,
        { what: 'queue_size 90' },
      );
      expect(sample(text, 'active_workers', { tenant_id: tenantId })).to.equal(1);
      expect(sample(text, 'db_connections_active')).to.be.within(1, 5);
    } finally {
      await reserved`commit`;
      reserved.release();
    }
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 100,
    );
  });

  it('reports rabbitmq_connected 0 while the broker connection is cut and 1 once it is back', async () => {
    proxy = await startTcpProxy(targetOf(config.rabbitmq.url, 5672));
    running = await startSupervisor({ rabbitmqUrl: throughProxy(config.rabbitmq.url, proxy) });
    // Start-up does not wait for the broker: the gauge says when the connection is up.
    await eventually(scrape, (body) => sample(body, 'rabbitmq_connected') === 1, {
      what: 'rabbitmq_connected 1',
    });
    proxy.cut();
    await eventually(scrape, (body) => sample(body, 'rabbitmq_connected') === 0, {
      what: 'rabbitmq_connected 0',
    });
    proxy.restore();
    await eventually(scrape, (body) => sample(body, 'rabbitmq_connected') === 1, {
      what: 'rabbitmq_connected 1',
      timeout: 15_000,
    });
  });
});
