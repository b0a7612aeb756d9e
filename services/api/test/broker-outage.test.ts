import { expect } from 'chai';

import { uniqueName } from '../../../test/support/helpers.js';
import type { TenantJson } from '../src/representations.js';
import { type ErrorJson, type RunningApi, startApi } from './harness.js';

/** Nothing listens there: the client keeps trying to connect and never gets a channel. */
const DEAD_BROKER = 'amqp://guest:guest@127.0.0.1:1';
const BROKER_TIMEOUT = 1_000;

describe('API with the broker unavailable', () => {
  let healthy: RunningApi;
  let cut: RunningApi;
  let tenant: TenantJson;

  before(async () => {
    healthy = await startApi();
    // The same database, a broker that is not there.
    cut = await startApi({ rabbitmqUrl: DEAD_BROKER, brokerTimeout: BROKER_TIMEOUT });
    const created = await healthy.http.post<TenantJson>('/api/v1/tenants', { name: uniqueName() });
    expect(created.status).to.equal(201);
    tenant = created.body;
  });

  after(async () => {
    await cut?.stop();
    await healthy?.stop();
  });

  it('answers 503 service_unavailable to a publish within the broker timeout instead of hanging', async () => {
    const started = Date.now();
    const response = await cut.http.post<ErrorJson>('/api/v1/messages', {
      tenant_id: tenant.id,
      payload: { a: 1 },
    });
    const elapsed = Date.now() - started;
    expect(response.status).to.equal(503);
    expect(response.body).to.deep.equal({ error: 'message broker unavailable', code: 'service_unavailable' });
    expect(elapsed)
      .to.be.at.least(BROKER_TIMEOUT - 50)
      .and.below(BROKER_TIMEOUT + 2_000);
  });

  it('still answers 404 for an unknown tenant without touching the broker', async () => {
    const response = await cut.http.post<ErrorJson>('/api/v1/messages', {
      tenant_id: '01890a5d-ac96-774b-bcce-b302099a8057',
      payload: {},
    });
    expect(response.status).to.equal(404);
  });

  it('answers 503 to a tenant creation and leaves no tenant behind, so the name stays free', async () => {
    const name = uniqueName();
    const response = await cut.http.post<ErrorJson>('/api/v1/tenants', { name });
    expect(response.status).to.equal(503);
    expect(response.body.code).to.equal('service_unavailable');
    const [row] = await healthy.sql`select 1 from tenants where name = ${name}`;
    expect(row).to.equal(undefined);
    expect((await healthy.http.post('/api/v1/tenants', { name })).status).to.equal(201);
  });

  it('still applies a concurrency change and a deletion: control commands are hints', async () => {
    const created = await healthy.http.post<TenantJson>('/api/v1/tenants', { name: uniqueName() });
    const update = await cut.http.put<TenantJson>(`/api/v1/tenants/${created.body.id}/config/concurrency`, {
      workers: 8,
    });
    expect(update.status).to.equal(200);
    expect(update.body.workers).to.equal(8);
    expect((await cut.http.delete(`/api/v1/tenants/${created.body.id}`)).status).to.equal(204);
    expect((await healthy.http.get(`/api/v1/tenants/${created.body.id}`)).status).to.equal(404);
  });

  it('serves reads from PostgreSQL', async () => {
    const response = await cut.http.get<TenantJson>(`/api/v1/tenants/${tenant.id}`);
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal(tenant);
  });

  it('answers 503 to queue statistics', async () => {
    const response = await cut.http.get<ErrorJson>('/api/v1/tenants/stats');
    expect(response.status).to.equal(503);
    expect(response.body.code).to.equal('service_unavailable');
  });

  it('reports itself unavailable on /health, naming RabbitMQ and not PostgreSQL', async () => {
    const response = await cut.http.get<{
      status: string;
      checks: Record<string, { status: string; error?: string }>;
    }>('/health');
    expect(response.status).to.equal(503);
    expect(response.body.status).to.equal('unavailable');
    expect(response.body.checks.postgres!.status).to.equal('ok');
    expect(response.body.checks.rabbitmq!.status).to.equal('unavailable');
    expect(response.body.checks.rabbitmq!.error).to.be.a('string');
  });
});
