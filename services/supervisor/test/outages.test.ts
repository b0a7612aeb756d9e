import { type Connection, countMessages, createSql, type Sql, tenantQueueName } from '@mtm/shared';
import { expect } from 'chai';

import {
  deadLettered,
  makeMessages,
  provisionTenant,
  publishToQueue,
  queueDepth,
  storedIds,
} from '../../../test/support/fixtures.js';
import { eventually, testAmqp, testConfig } from '../../../test/support/helpers.js';
import { startTcpProxy, targetOf, type TcpProxy, throughProxy } from '../../../test/support/tcp-proxy.js';
import { type RunningSupervisor, startSupervisor } from './harness.js';

describe('supervisor through outages', function () {
  let sql: Sql;
  let amqp: Connection;
  let proxy: TcpProxy | undefined;
  let running: RunningSupervisor | undefined;
  const config = testConfig();

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

  it('holds its messages through a database outage, dead-letters none, and stores them all after', async () => {
    proxy = await startTcpProxy(targetOf(config.database.url, 5432));
    const tenantId = await provisionTenant(sql, amqp, { workers: 2 });
    running = await startSupervisor({ databaseUrl: throughProxy(config.database.url, proxy) });

    const before = makeMessages(tenantId, 100);
    await publishToQueue(amqp, tenantId, before);
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 100,
    );

    proxy.cut();
    const during = makeMessages(tenantId, 300);
    await publishToQueue(amqp, tenantId, during);
    // Long enough for several retries with backoff.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await countMessages(sql, tenantId)).to.equal(100);
    expect(await deadLettered(amqp, tenantId)).to.equal(0);
    const health = await fetch(`${running.base}/health`);
    expect(health.status).to.equal(503);
    const report = (await health.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(report.status).to.equal('unavailable');
    expect(report.checks.postgres!.status).to.equal('unavailable');
    expect(report.checks.rabbitmq!.status).to.equal('ok');

    proxy.restore();
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 400,
      { what: '400 rows' },
    );
    await eventually(
      () => queueDepth(amqp, tenantQueueName(tenantId)),
      (depth) => depth === 0,
    );
    expect(await deadLettered(amqp, tenantId)).to.equal(0);
    expect((await storedIds(sql, tenantId)).sort()).to.deep.equal(
      [...before, ...during].map((m) => m.id).sort(),
    );
  });

  it('catches up on tenants created while its broker connection was down, without waiting for the timer', async () => {
    proxy = await startTcpProxy(targetOf(config.rabbitmq.url, 5672));
    running = await startSupervisor({ rabbitmqUrl: throughProxy(config.rabbitmq.url, proxy) });
    proxy.cut();
    // Its control queue went with the connection: no command about this tenant can reach it.
    const tenantId = await provisionTenant(sql, amqp, { workers: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running.supervisor.pools.has(tenantId)).to.equal(false);
    proxy.restore();
    // The timed reconcile is a minute away in tests; the reconnect alone must do it.
    await eventually(
      async () => running!.supervisor.pools.has(tenantId),
      (has) => has,
      {
        what: 'a pool for the new tenant',
        timeout: 15_000,
      },
    );
    await publishToQueue(amqp, tenantId, makeMessages(tenantId, 10));
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 10,
    );
  });

  it('stores every message exactly once across a lost broker connection', async () => {
    proxy = await startTcpProxy(targetOf(config.rabbitmq.url, 5672));
    const tenantId = await provisionTenant(sql, amqp, { workers: 3 });
    running = await startSupervisor({
      rabbitmqUrl: throughProxy(config.rabbitmq.url, proxy),
      overrides: { ingest: { batch_size: 50, batch_linger: 5 } },
    });

    const messages = makeMessages(tenantId, 3000);
    const publishing = publishToQueue(amqp, tenantId, messages);
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count > 300,
    );
    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 500));
    proxy.restore();
    await publishing;

    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 3000,
      {
        what: '3000 rows',
        timeout: 30_000,
      },
    );
    await eventually(
      () => queueDepth(amqp, tenantQueueName(tenantId)),
      (depth) => depth === 0,
    );
    expect(await deadLettered(amqp, tenantId)).to.equal(0);
    expect((await storedIds(sql, tenantId)).sort()).to.deep.equal(messages.map((m) => m.id).sort());
  });
});
