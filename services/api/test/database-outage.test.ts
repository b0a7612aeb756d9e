import { expect } from 'chai';

import { type ErrorJson, type RunningApi, startApi } from './harness.js';

describe('API with PostgreSQL unavailable', () => {
  let running: RunningApi;

  before(async () => {
    // Nothing listens there: every query fails to connect.
    running = await startApi({ databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere' });
  });

  after(async () => {
    await running?.stop();
  });

  for (const [method, path, body] of [
    ['GET', '/api/v1/tenants', undefined],
    ['POST', '/api/v1/tenants', { name: 'no-database' }],
    ['GET', '/api/v1/messages', undefined],
    ['POST', '/api/v1/messages', { tenant_id: '01890a5d-ac96-774b-bcce-b302099a8057', payload: {} }],
  ] as const) {
    it(`answers ${method} ${path} with 503 service_unavailable, not 500`, async () => {
      const response = await running.http.send<ErrorJson>(path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(response.status).to.equal(503);
      expect(response.body.code).to.equal('service_unavailable');
    });
  }

  it('reports PostgreSQL unavailable and RabbitMQ ok on /health', async () => {
    const response = await running.http.get<{ status: string; checks: Record<string, { status: string }> }>(
      '/health',
    );
    expect(response.status).to.equal(503);
    expect(response.body.status).to.equal('unavailable');
    expect(response.body.checks.postgres!.status).to.equal('unavailable');
    expect(response.body.checks.rabbitmq!.status).to.equal('ok');
  });
});
