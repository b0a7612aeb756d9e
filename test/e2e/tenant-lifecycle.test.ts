import {
  type Connection,
  countMessages,
  createRegistry,
  createSql,
  deadLetterQueueName,
  partitionExists,
  partitionName,
  type Sql,
  tenantQueueName,
} from '@mtm/shared';
import { expect } from 'chai';

import { createApi } from '../../services/api/src/api.js';
import { createSupervisor, type Supervisor } from '../../services/supervisor/src/supervisor.js';
import { queueExists } from '../support/fixtures.js';
import { eventually, testAmqp, testConfig, testLogger, uniqueName } from '../support/helpers.js';

interface TenantJson {
  id: string;
  name: string;
  workers: number;
}
interface MessageJson {
  id: string;
  tenant_id: string;
  payload: Record<string, unknown>;
  created_at: string;
}
interface PageJson {
  data: MessageJson[];
  next_cursor: string | null;
}

/** The API and a supervisor together, in this process, as a client sees them. */
describe('a tenant from creation to deletion', function () {
  this.timeout(60_000);
  const config = testConfig({ server: { port: 0 }, supervisor: { port: 0 } });
  let sql: Sql;
  let amqp: Connection;
  let api: ReturnType<typeof createApi>;
  let supervisor: Supervisor;
  let base: string;

  before(async () => {
    sql = createSql(config.database.url, { max: 8, applicationName: 'test' });
    amqp = testAmqp('test-e2e');
    api = createApi({ config, sql, amqp, logger: testLogger('api'), registry: createRegistry('api') });
    supervisor = createSupervisor({
      config,
      sql,
      amqp,
      logger: testLogger('supervisor'),
      registry: createRegistry('supervisor'),
    });
    base = `http://127.0.0.1:${(await api.start()).port}`;
    await supervisor.start();
  });

  after(async () => {
    await supervisor.stop();
    await api.stop();
    await amqp.close();
    await sql.end({ timeout: 5 });
  });

  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  it('provisions, runs, stores, serves and finally removes a tenant', async () => {
    // Created: queue, dead-letter queue and partition exist before the 201 is read.
    const created = await call<TenantJson>('POST', '/api/v1/tenants', {
      name: uniqueName('life'),
      workers: 2,
    });
    expect(created.status).to.equal(201);
    const tenant = created.body;
    expect(await queueExists(amqp, tenantQueueName(tenant.id))).to.equal(true);
    expect(await queueExists(amqp, deadLetterQueueName(tenant.id))).to.equal(true);
    expect(await partitionExists(sql, tenant.id)).to.equal(true);

    // The supervisor picks it up from the tenant.created command.
    await eventually(
      async () => supervisor.pools.get(tenant.id)?.workers,
      (workers) => workers === 2,
      {
        what: 'a pool of 2 workers',
      },
    );

    // Published, then read back from its partition through every read route.
    const payload = { event: 'order.created', order_id: 42, lines: [{ sku: 'a', qty: 2 }] };
    // Addressed in capitals, as a UUID may be: still this tenant, its queue and partition.
    const published = await call<MessageJson>('POST', '/api/v1/messages', {
      tenant_id: tenant.id.toUpperCase(),
      payload,
    });
    expect(published.status).to.equal(201);
    const message = published.body;
    expect(message.payload).to.deep.equal(payload);
    expect(message.tenant_id).to.equal(tenant.id);
    await eventually(
      () => countMessages(sql, tenant.id),
      (count) => count === 1,
      { what: 'the stored row' },
    );
    const [row] = await sql<{ payload: unknown }[]>`
      select payload from ${sql(partitionName(tenant.id))} where id = ${message.id}`;
    expect(row?.payload).to.deep.equal(payload);

    const byId = await call<MessageJson>('GET', `/api/v1/messages/${message.id}`);
    expect(byId.status).to.equal(200);
    expect(byId.body).to.deep.equal(message);
    const ofTenant = await call<PageJson>('GET', `/api/v1/tenants/${tenant.id}/messages`);
    expect(ofTenant.body.data).to.deep.equal([message]);
    expect(ofTenant.body.next_cursor).to.equal(null);
    const all = await call<PageJson>('GET', '/api/v1/messages?limit=100');
    expect(all.body.data.map((m) => m.id)).to.include(message.id);

    // A retry with the client's id is stored once.
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const retry = await call<MessageJson>('POST', '/api/v1/messages', {
        id,
        tenant_id: tenant.id,
        payload: { attempt },
      });
      expect(retry.status).to.equal(201);
    }
    await eventually(
      () => countMessages(sql, tenant.id),
      (count) => count === 2,
      { what: 'the retried row' },
    );
    await supervisor.reconcile();

    // A concurrency change reaches the running pool.
    const updated = await call<TenantJson>('PUT', `/api/v1/tenants/${tenant.id}/config/concurrency`, {
      workers: 5,
    });
    expect(updated.status).to.equal(200);
    await eventually(
      async () => supervisor.pools.get(tenant.id)?.prefetch,
      (prefetch) => prefetch === 5 * config.ingest.batch_size,
      {
        what: 'the new prefetch',
      },
    );

    // Deleted: 404 at once, then queues, partition and row are removed.
    expect((await call('DELETE', `/api/v1/tenants/${tenant.id.toUpperCase()}`)).status).to.equal(204);
    expect((await call('GET', `/api/v1/tenants/${tenant.id}`)).status).to.equal(404);
    expect((await call('GET', `/api/v1/messages/${message.id}`)).status).to.equal(404);
    expect((await call('POST', '/api/v1/messages', { tenant_id: tenant.id, payload: {} })).status).to.equal(
      404,
    );
    await eventually(
      async () => (await sql`select 1 from tenants where id = ${tenant.id}`).length,
      (rows) => rows === 0,
      { what: 'the row to go' },
    );
    expect(supervisor.pools.has(tenant.id)).to.equal(false);
    expect(await queueExists(amqp, tenantQueueName(tenant.id))).to.equal(false);
    expect(await queueExists(amqp, deadLetterQueueName(tenant.id))).to.equal(false);
    expect(await partitionExists(sql, tenant.id)).to.equal(false);
  });
});
