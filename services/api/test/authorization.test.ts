import { insertMessages, type Message } from '@mtm/shared';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';

import { uniqueName } from '../../../test/support/helpers.js';
import type { PageJson } from '../src/pagination.js';
import type { MessageJson, TenantJson, UserJson } from '../src/representations.js';
import { authOverrides, createTenantAs, createUserAs, loginOk } from './auth-support.js';
import { type ErrorJson, type HttpClient, type RunningApi, startApi } from './harness.js';

/**
 * Two tenants, each with a stored message, and a user bound to the first.
 * Messages go straight into the partitions: no supervisor runs here.
 */
describe('authorization by role and tenant', () => {
  let running: RunningApi;
  let admin: HttpClient;
  let user: HttpClient;
  let own: TenantJson;
  let other: TenantJson;
  let ownMessage: Message;
  let otherMessage: Message;

  function storedMessage(tenantId: string): Message {
    return { id: uuidv7(), tenant_id: tenantId, payload: { tenant: tenantId }, created_at: new Date() };
  }

  before(async () => {
    running = await startApi({ overrides: authOverrides() });
    admin = running.http.withToken(
      (await loginOk(running.http, { username: 'admin', password: 'admin123' })).access_token,
    );
    own = await createTenantAs(admin);
    other = await createTenantAs(admin);
    ownMessage = storedMessage(own.id);
    otherMessage = storedMessage(other.id);
    await insertMessages(running.sql, own.id, [ownMessage]);
    await insertMessages(running.sql, other.id, [otherMessage]);
    const { username, password } = await createUserAs(admin, own.id);
    user = running.http.withToken(
      (await loginOk(running.http, { username, password, tenant_id: own.id })).access_token,
    );
  });

  after(async () => {
    await running?.stop();
  });

  function expectNotFound(response: { status: number; body: unknown }): void {
    expect(response.status, JSON.stringify(response.body)).to.equal(404);
    expect((response.body as ErrorJson).code).to.equal('not_found');
  }

  async function listIds(http: HttpClient, path: string): Promise<string[]> {
    const response = await http.get<PageJson>(`${path}?limit=100`);
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body.data.map((message) => message.id);
  }

  describe('a user', () => {
    it('lists only its own tenant’s messages on GET /api/v1/messages', async () => {
      const ids = await listIds(user, '/api/v1/messages');
      expect(ids).to.include(ownMessage.id);
      expect(ids).not.to.include(otherMessage.id);
      const page = await user.get<PageJson>('/api/v1/messages?limit=100');
      expect(page.body.data.map((message) => message.tenant_id)).to.satisfy((ids: string[]) =>
        ids.every((id) => id === own.id),
      );
    });

    it('reads its own tenant’s messages, by list and by id', async () => {
      expect(await listIds(user, `/api/v1/tenants/${own.id}/messages`)).to.deep.equal([ownMessage.id]);
      const byId = await user.get<MessageJson>(`/api/v1/messages/${ownMessage.id}`);
      expect(byId.status).to.equal(200);
      expect(byId.body.id).to.equal(ownMessage.id);
    });

    it('gets 404 for another tenant’s messages, by list and by id, as if they did not exist', async () => {
      expectNotFound(await user.get(`/api/v1/tenants/${other.id}/messages`));
      const byId = await user.get<ErrorJson>(`/api/v1/messages/${otherMessage.id}`);
      expectNotFound(byId);
      // The same answer as for a message that does not exist at all.
      const missing = await user.get<ErrorJson>(`/api/v1/messages/${uuidv7()}`);
      expect(byId.body).to.deep.equal(missing.body);
    });

    it('publishes to its own tenant and gets 404 publishing to another', async () => {
      const published = await user.post<MessageJson>('/api/v1/messages', {
        tenant_id: own.id,
        payload: { a: 1 },
      });
      expect(published.status, JSON.stringify(published.body)).to.equal(201);
      expectNotFound(await user.post('/api/v1/messages', { tenant_id: other.id, payload: { a: 1 } }));
    });

    it('sees only its own tenant on GET /api/v1/tenants and GET /api/v1/tenants/{id}', async () => {
      const list = await user.get<TenantJson[]>('/api/v1/tenants');
      expect(list.status).to.equal(200);
      expect(list.body.map((tenant) => tenant.id)).to.deep.equal([own.id]);
      expect((await user.get(`/api/v1/tenants/${own.id}`)).status).to.equal(200);
      expectNotFound(await user.get(`/api/v1/tenants/${other.id}`));
    });

    it('gets 403 forbidden for tenant management, statistics and users, and changes nothing', async () => {
      const attempts: [string, Promise<{ status: number; body: unknown }>][] = [
        ['create tenant', user.post('/api/v1/tenants', { name: uniqueName() })],
        ['delete tenant', user.delete(`/api/v1/tenants/${own.id}`)],
        ['change concurrency', user.put(`/api/v1/tenants/${own.id}/config/concurrency`, { workers: 7 })],
        ['stats', user.get('/api/v1/tenants/stats')],
        [
          'create user',
          user.post('/api/v1/users', { username: uniqueName(), password: 'long-enough', role: 'admin' }),
        ],
        ['list users', user.get('/api/v1/users')],
        ['delete user', user.delete(`/api/v1/users/${uuidv7()}`)],
      ];
      for (const [what, attempt] of attempts) {
        const response = await attempt;
        expect(response.status, what).to.equal(403);
        expect((response.body as ErrorJson).code, what).to.equal('forbidden');
      }
      const tenant = await admin.get<TenantJson>(`/api/v1/tenants/${own.id}`);
      expect(tenant.status).to.equal(200);
      expect(tenant.body.workers).to.equal(own.workers);
    });
  });

  describe('an admin', () => {
    it('reads every tenant’s messages and tenants', async () => {
      const ids = await listIds(admin, '/api/v1/messages');
      expect(ids).to.include.members([ownMessage.id, otherMessage.id]);
      expect((await admin.get(`/api/v1/messages/${otherMessage.id}`)).status).to.equal(200);
      const tenants = (await admin.get<TenantJson[]>('/api/v1/tenants')).body.map((tenant) => tenant.id);
      expect(tenants).to.include.members([own.id, other.id]);
    });

    it('manages users: creates, lists and deletes them', async () => {
      const created = await createUserAs(admin, other.id);
      const listed = await admin.get<UserJson[]>('/api/v1/users');
      expect(listed.status).to.equal(200);
      expect(listed.body.map((u) => u.username)).to.include(created.username);
      expect(listed.body.find((u) => u.username === created.username)).to.deep.equal(created.user);
      expect(listed.body[0]).not.to.have.property('password_hash');
      expect((await admin.delete(`/api/v1/users/${created.user.id}`)).status).to.equal(204);
      expectNotFound(await admin.delete(`/api/v1/users/${created.user.id}`));
    });

    it('gets 400 creating a user without a tenant, or an admin with one', async () => {
      const userWithout = await admin.post<ErrorJson>('/api/v1/users', {
        username: uniqueName(),
        password: 'long-enough',
        role: 'user',
      });
      expect(userWithout.status).to.equal(400);
      const adminWith = await admin.post<ErrorJson>('/api/v1/users', {
        username: uniqueName(),
        password: 'long-enough',
        role: 'admin',
        tenant_id: own.id,
      });
      expect(adminWith.status).to.equal(400);
    });
  });

  describe('with require_auth off', () => {
    it('leaves every route open, and ignores a token if one is sent', async () => {
      const open = await startApi();
      try {
        expect((await open.http.get('/api/v1/users')).status).to.equal(200);
        expect((await open.http.get('/api/v1/tenants/stats')).status).to.equal(200);
        expect(await listIds(open.http, '/api/v1/messages')).to.include.members([
          ownMessage.id,
          otherMessage.id,
        ]);
        expect(
          (await open.http.withToken('not-a-token').get(`/api/v1/messages/${otherMessage.id}`)).status,
        ).to.equal(200);
      } finally {
        await open.stop();
      }
    });
  });
});
