import { type Connection, countMessages, createSql, type Sql, tenantQueueName } from '@mtm/shared';
import { expect } from 'chai';

import { makeMessages, provisionTenant, publishToQueue } from '../../../test/support/fixtures.js';
import { eventually, testAmqp, testConfig } from '../../../test/support/helpers.js';
import { type RunningSupervisor, startSupervisor } from './harness.js';

/**
 * Replicas that share the tenants (leases in PostgreSQL), in this process.
 * Tenants other tests left active take part too, so counts are of this
 * test's tenants only.
 */
describe('supervisor replicas sharing tenants', function () {
  this.timeout(60_000);
  const config = testConfig();
  let sql: Sql;
  let amqp: Connection;
  const replicas: RunningSupervisor[] = [];
  const overrides = { supervisor: { port: 0, membership_interval: 200 } };

  before(() => {
    sql = createSql(config.database.url, { max: 4, applicationName: 'test' });
    amqp = testAmqp('test');
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((replica) => replica.stop()));
  });

  after(async () => {
    await amqp.close();
    await sql.end({ timeout: 5 });
  });

  async function start(): Promise<RunningSupervisor> {
    const replica = await startSupervisor({ shared: true, overrides });
    replicas.push(replica);
    return replica;
  }

  /** Which replicas run a pool for each tenant, once every replica has reconciled. */
  async function owners(tenantIds: string[]): Promise<Map<string, number[]>> {
    await Promise.all(replicas.map((replica) => replica.supervisor.reconcile()));
    return new Map(
      tenantIds.map((id) => [
        id,
        replicas.flatMap((replica, index) => (replica.supervisor.pools.has(id) ? [index] : [])),
      ]),
    );
  }

  const settledOnOneOwnerEach = (map: Map<string, number[]>): boolean =>
    [...map.values()].every((runners) => runners.length === 1);

  it('divides the tenants so that each runs on exactly one live replica, and takes them back when one leaves', async () => {
    const tenants = await Promise.all(
      Array.from({ length: 12 }, () => provisionTenant(sql, amqp, { workers: 1 })),
    );
    await start();
    await start();
    await start();
    const split = await eventually(() => owners(tenants), settledOnOneOwnerEach, {
      what: 'one owner per tenant',
    });
    const counts = [0, 1, 2].map((index) => [...split.values()].filter(([owner]) => owner === index).length);
    expect(counts.filter((count) => count > 0).length, `spread ${counts}`).to.be.at.least(2);

    // A replica stops: it leaves first, and the two others take its tenants.
    const leaving = replicas.splice(1, 1)[0]!;
    const itsTenants = tenants.filter((id) => split.get(id)![0] === 1);
    await leaving.stop();
    const after = await eventually(() => owners(tenants), settledOnOneOwnerEach, {
      what: 'its tenants taken over',
    });
    expect([...after.values()].every(([owner]) => owner === 0 || owner === 1)).to.equal(true);

    // And they are consumed there.
    for (const tenantId of itsTenants) await publishToQueue(amqp, tenantId, makeMessages(tenantId, 20));
    for (const tenantId of itsTenants) {
      await eventually(
        () => countMessages(sql, tenantId),
        (count) => count === 20,
        { what: `${tenantId} stored` },
      );
    }
  });

  it('stops consuming when its membership session ends, and rejoins', async () => {
    const tenantId = await provisionTenant(sql, amqp, { workers: 1 });
    const replica = await start();
    await eventually(async () => {
      await replica.supervisor.reconcile();
      return replica.supervisor.pools.has(tenantId);
    }, Boolean);
    // Its session lock goes with the session, as on a crash or a cut connection.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'test-membership'`;
    await eventually(
      async () => replica.supervisor.pools.has(tenantId),
      (has) => !has,
      {
        what: 'the pool released',
      },
    );
    await eventually(async () => replica.supervisor.pools.has(tenantId), Boolean, { what: 'the pool back' });
    await publishToQueue(amqp, tenantId, makeMessages(tenantId, 10));
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count === 10,
    );
    expect(tenantQueueName(tenantId)).to.be.a('string');
  });
});
