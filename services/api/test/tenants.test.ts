import {
  CONTROL_BINDING_KEY,
  CONTROL_EXCHANGE,
  controlExchange,
  deadLetterQueueName,
  partitionExists,
  tenantQueueName,
} from '@mtm/shared';
import { expect } from 'chai';

import { uniqueName } from '../../../test/support/helpers.js';
import type { TenantJson } from '../src/representations.js';
import { type ErrorJson, type RunningApi, startApi, UUID_V7 } from './harness.js';

describe('tenants API', () => {
  let running: RunningApi;

  before(async () => {
    running = await startApi();
  });

  after(async () => {
    await running?.stop();
  });

  async function createTenant(body: Record<string, unknown> = {}): Promise<TenantJson> {
    const response = await running.http.post<TenantJson>('/api/v1/tenants', { name: uniqueName(), ...body });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return response.body;
  }

  describe('POST /api/v1/tenants', () => {
    it('creates a tenant with the configured default workers and answers 201 with it', async () => {
      const name = uniqueName();
      const before = Date.now();
      const response = await running.http.post<TenantJson>('/api/v1/tenants', { name });
      expect(response.status).to.equal(201);
      expect(response.body).to.have.keys('id', 'name', 'workers', 'created_at', 'updated_at');
      expect(response.body.id).to.match(UUID_V7);
      expect(response.body.name).to.equal(name);
      expect(response.body.workers).to.equal(running.config.workers);
      expect(Date.parse(response.body.created_at)).to.be.within(before - 1_000, Date.now() + 1_000);
    });

    it('keeps the workers the client asked for, up to max_workers', async () => {
      expect((await createTenant({ workers: 1 })).workers).to.equal(1);
      expect((await createTenant({ workers: running.config.max_workers })).workers).to.equal(
        running.config.max_workers,
      );
    });

    it('accepts a name of exactly 255 characters', async () => {
      const name = uniqueName().padEnd(255, 'x');
      expect((await createTenant({ name })).name).to.equal(name);
    });

    it('declares the tenant queue and its dead-letter queue and attaches the partition before answering', async () => {
      const tenant = await createTenant();
      const queue = await running.amqp.queueDeclare({ queue: tenantQueueName(tenant.id), passive: true });
      expect(queue.messageCount).to.equal(0);
      await running.amqp.queueDeclare({ queue: deadLetterQueueName(tenant.id), passive: true });
      expect(await partitionExists(running.sql, tenant.id)).to.equal(true);
    });

    it('stores the row as active', async () => {
      const tenant = await createTenant({ workers: 4 });
      const [row] = await running.sql<{ status: string; workers: number }[]>`
        select status, workers from tenants where id = ${tenant.id}`;
      expect(row).to.deep.equal({ status: 'active', workers: 4 });
    });

    const invalid: [string, unknown][] = [
      ['a name longer than 255 characters', { name: 'x'.repeat(256) }],
      ['an empty name', { name: '' }],
      ['a missing name', { workers: 2 }],
      ['a name that is not a string', { name: 42 }],
      ['a name with a control character', { name: 'bad\u0000name' }],
      ['an unknown field', { name: 'ok-name', colour: 'blue' }],
      ['workers of 0', { name: 'ok-name', workers: 0 }],
      ['workers above max_workers', { name: 'ok-name', workers: 101 }],
      ['fractional workers', { name: 'ok-name', workers: 1.5 }],
      ['workers given as a string', { name: 'ok-name', workers: '3' }],
      ['a body that is an array', [{ name: 'ok-name' }]],
    ];
    for (const [what, body] of invalid) {
      it(`answers 400 validation_failed for ${what}`, async () => {
        const response = await running.http.post<ErrorJson>('/api/v1/tenants', body);
        expect(response.status).to.equal(400);
        expect(response.body.code).to.equal('validation_failed');
        expect(response.body.error).to.be.a('string').and.not.equal('');
      });
    }

    it('names the offending field in the details of a 400', async () => {
      const response = await running.http.post<ErrorJson>('/api/v1/tenants', { name: 'x'.repeat(256) });
      expect(response.body.details).to.be.an('array');
      expect(response.body.details!.map((detail) => detail.path)).to.include('/body/name');
    });

    it('creates no tenant for a rejected body', async () => {
      const name = uniqueName();
      await running.http.post('/api/v1/tenants', { name, workers: 0 });
      const [row] = await running.sql`select 1 from tenants where name = ${name}`;
      expect(row).to.equal(undefined);
    });

    it('answers 409 conflict for a name an active tenant has', async () => {
      const tenant = await createTenant();
      const response = await running.http.post<ErrorJson>('/api/v1/tenants', { name: tenant.name });
      expect(response.status).to.equal(409);
      expect(response.body.code).to.equal('conflict');
      expect(response.body.error).to.include(tenant.name);
    });

    it('lets a new tenant take the name of a deleted one', async () => {
      const first = await createTenant();
      expect((await running.http.delete(`/api/v1/tenants/${first.id}`)).status).to.equal(204);
      const second = await createTenant({ name: first.name });
      expect(second.id).to.not.equal(first.id);
      expect(second.name).to.equal(first.name);
    });
  });

  describe('GET /api/v1/tenants', () => {
    it('lists active tenants and leaves deleted ones out', async () => {
      const kept = await createTenant();
      const deleted = await createTenant();
      await running.http.delete(`/api/v1/tenants/${deleted.id}`);
      const response = await running.http.get<TenantJson[]>('/api/v1/tenants');
      expect(response.status).to.equal(200);
      const ids = response.body.map((tenant) => tenant.id);
      expect(ids).to.include(kept.id);
      expect(ids).to.not.include(deleted.id);
      expect(response.body.find((tenant) => tenant.id === kept.id)).to.deep.equal(kept);
    });
  });

  describe('GET /api/v1/tenants/{id}', () => {
    it('answers 200 with the tenant', async () => {
      const tenant = await createTenant({ workers: 6 });
      const response = await running.http.get<TenantJson>(`/api/v1/tenants/${tenant.id}`);
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal(tenant);
    });

    it('answers 404 not_found for an unknown id', async () => {
      const response = await running.http.get<ErrorJson>(
        '/api/v1/tenants/01890a5d-ac96-774b-bcce-b302099a8057',
      );
      expect(response.status).to.equal(404);
      expect(response.body.code).to.equal('not_found');
    });

    it('answers 400 for an id that is not a UUID', async () => {
      const response = await running.http.get<ErrorJson>('/api/v1/tenants/not-a-uuid');
      expect(response.status).to.equal(400);
      expect(response.body.code).to.equal('validation_failed');
    });
  });

  describe('DELETE /api/v1/tenants/{id}', () => {
    it('answers 204, marks the row deleting, and from then on the API answers 404 for the tenant', async () => {
      const tenant = await createTenant();
      const response = await running.http.delete(`/api/v1/tenants/${tenant.id}`);
      expect(response.status).to.equal(204);
      expect(response.body).to.equal('');
      const [row] = await running.sql<
        { status: string }[]
      >`select status from tenants where id = ${tenant.id}`;
      expect(row?.status).to.equal('deleting');

      expect((await running.http.get(`/api/v1/tenants/${tenant.id}`)).status).to.equal(404);
      expect((await running.http.delete(`/api/v1/tenants/${tenant.id}`)).status).to.equal(404);
      expect(
        (await running.http.put(`/api/v1/tenants/${tenant.id}/config/concurrency`, { workers: 2 })).status,
      ).to.equal(404);
      expect((await running.http.get(`/api/v1/tenants/${tenant.id}/messages`)).status).to.equal(404);
      const publish = await running.http.post<ErrorJson>('/api/v1/messages', {
        tenant_id: tenant.id,
        payload: { a: 1 },
      });
      expect(publish.status).to.equal(404);
      expect(publish.body.code).to.equal('not_found');
    });

    it('leaves the queues and the partition to the supervisor', async () => {
      const tenant = await createTenant();
      await running.http.delete(`/api/v1/tenants/${tenant.id}`);
      await running.amqp.queueDeclare({ queue: tenantQueueName(tenant.id), passive: true });
      expect(await partitionExists(running.sql, tenant.id)).to.equal(true);
    });

    it('answers 404 for an unknown tenant and 400 for a bad id', async () => {
      const unknown = await running.http.delete<ErrorJson>(
        '/api/v1/tenants/01890a5d-ac96-774b-bcce-b302099a8057',
      );
      expect(unknown.status).to.equal(404);
      expect(unknown.body.code).to.equal('not_found');
      const bad = await running.http.delete<ErrorJson>('/api/v1/tenants/123');
      expect(bad.status).to.equal(400);
      expect(bad.body.code).to.equal('validation_failed');
    });
  });

  describe('PUT /api/v1/tenants/{id}/config/concurrency', () => {
    it('answers 200 with the updated tenant and keeps the new workers', async () => {
      const tenant = await createTenant({ workers: 2 });
      const response = await running.http.put<TenantJson>(`/api/v1/tenants/${tenant.id}/config/concurrency`, {
        workers: 9,
      });
      expect(response.status).to.equal(200);
      expect(response.body.workers).to.equal(9);
      expect(response.body.id).to.equal(tenant.id);
      expect(Date.parse(response.body.updated_at)).to.be.at.least(Date.parse(tenant.updated_at));
      const read = await running.http.get<TenantJson>(`/api/v1/tenants/${tenant.id}`);
      expect(read.body.workers).to.equal(9);
    });

    for (const [what, body] of [
      ['workers of 0', { workers: 0 }],
      ['workers above max_workers', { workers: 101 }],
      ['missing workers', {}],
      ['an unknown field', { workers: 2, name: 'x' }],
      ['workers that are not a number', { workers: 'many' }],
    ] as const) {
      it(`answers 400 for ${what} and leaves the tenant unchanged`, async () => {
        const tenant = await createTenant({ workers: 3 });
        const response = await running.http.put<ErrorJson>(
          `/api/v1/tenants/${tenant.id}/config/concurrency`,
          body,
        );
        expect(response.status).to.equal(400);
        expect(response.body.code).to.equal('validation_failed');
        expect((await running.http.get<TenantJson>(`/api/v1/tenants/${tenant.id}`)).body.workers).to.equal(3);
      });
    }

    it('answers 404 for an unknown tenant', async () => {
      const response = await running.http.put<ErrorJson>(
        '/api/v1/tenants/01890a5d-ac96-774b-bcce-b302099a8057/config/concurrency',
        { workers: 2 },
      );
      expect(response.status).to.equal(404);
      expect(response.body.code).to.equal('not_found');
    });
  });

  describe('control commands', () => {
    it('publishes tenant.created, tenant.concurrency_updated and tenant.deleted on tenant.control', async () => {
      // A queue of the test's own, bound as a supervisor replica binds its queue.
      await running.amqp.exchangeDeclare({ ...controlExchange });
      const { queue } = await running.amqp.queueDeclare({ exclusive: true, autoDelete: true });
      await running.amqp.queueBind({ queue, exchange: CONTROL_EXCHANGE, routingKey: CONTROL_BINDING_KEY });
      try {
        const tenant = await createTenant();
        await running.http.put(`/api/v1/tenants/${tenant.id}/config/concurrency`, { workers: 5 });
        await running.http.delete(`/api/v1/tenants/${tenant.id}`);
        const received: unknown[] = [];
        for (let i = 0; i < 3; i++) {
          const message = await running.amqp.basicGet({ queue, noAck: true });
          received.push(message && { routingKey: message.routingKey, body: message.body });
        }
        expect(received).to.deep.equal([
          { routingKey: 'tenant.created', body: { type: 'tenant.created', tenant_id: tenant.id } },
          {
            routingKey: 'tenant.concurrency_updated',
            body: { type: 'tenant.concurrency_updated', tenant_id: tenant.id },
          },
          { routingKey: 'tenant.deleted', body: { type: 'tenant.deleted', tenant_id: tenant.id } },
        ]);
      } finally {
        await running.amqp.queueDelete({ queue });
      }
    });
  });

  describe('GET /api/v1/tenants/stats', () => {
    it('is not taken for a tenant id', async () => {
      const response = await running.http.get('/api/v1/tenants/stats');
      expect(response.status).to.equal(200);
      expect(response.body).to.be.an('object').and.not.be.an('array');
    });

    it('reports each active tenant with its queue depth counting published, unconsumed messages', async () => {
      const tenant = await createTenant({ workers: 4 });
      const deleted = await createTenant();
      await running.http.delete(`/api/v1/tenants/${deleted.id}`);
      for (let i = 0; i < 3; i++) {
        const published = await running.http.post('/api/v1/messages', {
          tenant_id: tenant.id,
          payload: { i },
        });
        expect(published.status).to.equal(201);
      }
      const response = await running.http.get<Record<string, unknown>>('/api/v1/tenants/stats');
      expect(response.status).to.equal(200);
      expect(response.body[tenant.id]).to.deep.include({
        tenant_id: tenant.id,
        name: tenant.name,
        queue_name: tenantQueueName(tenant.id),
        workers: 4,
        queue_depth: 3,
        consumers: 0,
        // No supervisor runs in these tests: nothing consumes the queue.
        pool_running: false,
      });
      expect(response.body[tenant.id]).to.have.property('owner');
      expect(response.body).to.not.have.property(deleted.id);
    });

    it('reports null counts for an active tenant whose queue is missing', async () => {
      const tenant = await createTenant();
      await running.amqp.queueDelete({ queue: tenantQueueName(tenant.id) });
      const response =
        await running.http.get<Record<string, { queue_depth: unknown; consumers: unknown }>>(
          '/api/v1/tenants/stats',
        );
      expect(response.status).to.equal(200);
      expect(response.body[tenant.id]).to.include({ queue_depth: null, consumers: null });
      await running.http.delete(`/api/v1/tenants/${tenant.id}`);
    });
  });
});
