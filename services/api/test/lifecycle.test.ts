import { createRegistry, createSql } from '@mtm/shared';
import { expect } from 'chai';

import { testAmqp, testConfig, testLogger, uniqueName } from '../../../test/support/helpers.js';
import { createApi } from '../src/api.js';
import type { TenantJson } from '../src/representations.js';
import { httpClient, type RunningApi, startApi } from './harness.js';

describe('API lifecycle', () => {
  it('binds a free port for port 0, and start() and stop() may be called again', async () => {
    const config = testConfig({ server: { port: 0 } });
    const sql = createSql(config.database.url, { max: 2, applicationName: 'test-api' });
    const amqp = testAmqp('test-api');
    const api = createApi({ config, sql, amqp, logger: testLogger('api'), registry: createRegistry('api') });
    try {
      const [first, second] = await Promise.all([api.start(), api.start()]);
      expect(first.port).to.be.above(0);
      expect(second).to.deep.equal(first);
      expect((await fetch(`http://127.0.0.1:${first.port}/health`)).status).to.equal(200);
      await Promise.all([api.stop(), api.stop()]);
      await api.stop();
      await fetch(`http://127.0.0.1:${first.port}/health`).then(
        () => expect.fail('the server still accepts connections'),
        (error: Error) => expect(error).to.be.instanceOf(TypeError),
      );
      await api.start().then(
        () => expect.fail('a stopped API started again'),
        (error: Error) => expect(error.message).to.include('stopped'),
      );
    } finally {
      await api.stop();
      await amqp.close();
      await sql.end({ timeout: 5 });
    }
  });

  it('stops without ever having started', async () => {
    const config = testConfig({ server: { port: 0 } });
    const sql = createSql(config.database.url, { max: 1, applicationName: 'test-api' });
    const amqp = testAmqp('test-api');
    const api = createApi({ config, sql, amqp, logger: testLogger('api'), registry: createRegistry('api') });
    await api.stop();
    await amqp.close();
    await sql.end({ timeout: 5 });
  });

  describe('on stop', () => {
    let healthy: RunningApi;
    let slow: RunningApi;

    before(async () => {
      healthy = await startApi();
      // A publish against a dead broker takes the whole broker timeout: a request that is surely in flight.
      slow = await startApi({ rabbitmqUrl: 'amqp://guest:guest@127.0.0.1:1', brokerTimeout: 1_500 });
    });

    after(async () => {
      await slow?.stop();
      await healthy?.stop();
    });

    it('finishes the requests in flight before it resolves, then refuses new connections', async () => {
      const tenant = await healthy.http.post<TenantJson>('/api/v1/tenants', { name: uniqueName() });
      const client = httpClient(slow.http.baseUrl);
      const inFlight = client.post('/api/v1/messages', { tenant_id: tenant.body.id, payload: { a: 1 } });
      // Let the request reach its handler.
      await new Promise((resolve) => setTimeout(resolve, 200));
      let stopped = false;
      const stopping = slow.api.stop().then(() => (stopped = true));

      const response = await inFlight;
      expect(stopped, 'stop() resolved before the request in flight was answered').to.equal(false);
      expect(response.status).to.equal(503);
      expect(response.body).to.deep.include({ code: 'service_unavailable' });
      const answered = Date.now();
      await stopping;
      // The kept-alive connection of that request is closed once it is answered,
      // not after the 5 s keep-alive timeout; the publishers' close may take up to
      // the broker timeout, the broker being down.
      expect(Date.now() - answered).to.be.below(1_500 + 1_000);
      await fetch(`${slow.http.baseUrl}/health`).then(
        () => expect.fail('the server still accepts connections'),
        (error: Error) => expect(error).to.be.instanceOf(TypeError),
      );
    });
  });
});
