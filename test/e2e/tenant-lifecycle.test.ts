import type { paths } from '@mtm/api-types';
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
import createClient, { type Client } from 'openapi-fetch';

import { createApi } from '../../services/api/src/api.js';
import { createSupervisor, type Supervisor } from '../../services/supervisor/src/supervisor.js';
import { queueExists } from '../support/fixtures.js';
import { eventually, testAmqp, testConfig, testLogger, uniqueName } from '../support/helpers.js';

/** The API and a supervisor together, in this process, as a client sees them. */
describe('a tenant from creation to deletion', function () {
  this.timeout(60_000);
  const config = testConfig({ server: { port: 0 }, supervisor: { port: 0 } });
  let sql: Sql;
  let amqp: Connection;
  let api: ReturnType<typeof createApi>;
  let supervisor: Supervisor;
  /** A client typed from openapi.yaml: paths, bodies and answers are checked at compile time. */
  let client: Client<paths>;

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
    client = createClient<paths>({ baseUrl: `http://127.0.0.1:${(await api.start()).port}` });
    await supervisor.start();
  });

  after(async () => {
    await supervisor.stop();
    await api.stop();
    await amqp.close();
    await sql.end({ timeout: 5 });
  });

  it('provisions, runs, stores, serves and finally removes a tenant', async () => {
    // Created: queue, dead-letter queue and partition exist before the 201 is read.
    const created = await client.POST('/api/v1/tenants', { body: { name: uniqueName('life'), workers: 2 } });
    expect(created.response.status).to.equal(201);
    const tenant = created.data!;
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
    const published = await client.POST('/api/v1/messages', {
      body: { tenant_id: tenant.id.toUpperCase(), payload },
    });
    expect(published.response.status).to.equal(201);
    const message = published.data!;
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

    const byId = await client.GET('/api/v1/messages/{id}', { params: { path: { id: message.id } } });
    expect(byId.response.status).to.equal(200);
    expect(byId.data).to.deep.equal(message);
    const ofTenant = await client.GET('/api/v1/tenants/{id}/messages', {
      params: { path: { id: tenant.id } },
    });
    expect(ofTenant.data!.data).to.deep.equal([message]);
    expect(ofTenant.data!.next_cursor).to.equal(null);
    const all = await client.GET('/api/v1/messages', { params: { query: { limit: 100 } } });
    expect(all.data!.data.map((m) => m.id)).to.include(message.id);

    // A retry with the client's id is stored once.
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const retry = await client.POST('/api/v1/messages', {
        body: { id, tenant_id: tenant.id, payload: { attempt } },
      });
      expect(retry.response.status).to.equal(201);
    }
    await eventually(
      () => countMessages(sql, tenant.id),
      (count) => count === 2,
      { what: 'the retried row' },
    );
    await supervisor.reconcile();

    // A concurrency change reaches the running pool.
    const updated = await client.PUT('/api/v1/tenants/{id}/config/concurrency', {
      params: { path: { id: tenant.id } },
      body: { workers: 5 },
    });
    expect(updated.response.status).to.equal(200);
    expect(updated.data!.workers).to.equal(5);
    await eventually(
      async () => supervisor.pools.get(tenant.id)?.prefetch,
      (prefetch) => prefetch === 5 * config.ingest.batch_size,
      {
        what: 'the new prefetch',
      },
    );

    // Deleted: 404 at once, then queues, partition and row are removed.
    const path = { path: { id: tenant.id } };
    const deleted = await client.DELETE('/api/v1/tenants/{id}', {
      params: { path: { id: tenant.id.toUpperCase() } },
    });
    expect(deleted.response.status).to.equal(204);
    expect((await client.GET('/api/v1/tenants/{id}', { params: path })).response.status).to.equal(404);
    const gone = await client.GET('/api/v1/messages/{id}', { params: { path: { id: message.id } } });
    expect(gone.response.status).to.equal(404);
    expect(gone.error?.code).to.equal('not_found');
    const refused = await client.POST('/api/v1/messages', { body: { tenant_id: tenant.id, payload: {} } });
    expect(refused.response.status).to.equal(404);
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
