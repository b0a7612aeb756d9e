import { encodeCursor, insertMessages, type Message } from '@mtm/shared';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';

import { uniqueName } from '../../../test/support/helpers.js';
import type { PageJson } from '../src/pagination.js';
import type { MessageJson, TenantJson } from '../src/representations.js';
import { type ErrorJson, type RunningApi, startApi } from './harness.js';

/**
 * No supervisor runs here: rows go straight into the partitions with the
 * supervisor's own insert, so listing is tested on its own.
 */
describe('reading messages', () => {
  let running: RunningApi;

  before(async () => {
    running = await startApi();
  });

  after(async () => {
    await running?.stop();
  });

  async function createTenant(): Promise<TenantJson> {
    const response = await running.http.post<TenantJson>('/api/v1/tenants', { name: uniqueName() });
    expect(response.status).to.equal(201);
    return response.body;
  }

  /** `count` messages, `perMs` of them sharing each millisecond so that ties are broken by id. */
  function messages(tenantId: string, count: number, start: Date, perMs = 3): Message[] {
    return Array.from({ length: count }, (_, i) => ({
      id: uuidv7(),
      tenant_id: tenantId,
      payload: { i },
      created_at: new Date(start.getTime() + Math.floor(i / perMs)),
    }));
  }

  /** Newest first, as the API orders them: created_at, then id, descending. */
  function newestFirst(rows: Message[]): string[] {
    return [...rows]
      .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? 1 : -1))
      .map((row) => row.id);
  }

  async function readAll(
    path: string,
    limit: number,
    onPage?: (page: number) => Promise<void>,
  ): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await running.http.get<PageJson>(path + query);
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      expect(response.body.data.length).to.be.at.most(limit);
      ids.push(...response.body.data.map((message) => message.id));
      cursor = response.body.next_cursor;
      pages++;
      await onPage?.(pages);
    } while (cursor !== null);
    return { ids, pages };
  }

  describe('GET /api/v1/tenants/{id}/messages', () => {
    let tenant: TenantJson;
    let stored: Message[];

    before(async () => {
      tenant = await createTenant();
      stored = messages(tenant.id, 1_000, new Date('2026-01-01T00:00:00.000Z'));
      await insertMessages(running.sql, tenant.id, stored);
    });

    for (const limit of [1, 7, 100]) {
      it(`pages through 1,000 messages with limit ${limit}: each exactly once, newest first, null cursor at the end`, async () => {
        const { ids, pages } = await readAll(`/api/v1/tenants/${tenant.id}/messages`, limit);
        expect(ids).to.deep.equal(newestFirst(stored));
        expect(pages).to.equal(Math.ceil(1_000 / limit));
      });
    }

    it('neither repeats nor shifts pages when newer messages arrive while a client pages', async () => {
      const own = await createTenant();
      const original = messages(own.id, 95, new Date('2026-02-01T00:00:00.000Z'));
      await insertMessages(running.sql, own.id, original);
      const { ids } = await readAll(`/api/v1/tenants/${own.id}/messages`, 10, async (page) => {
        // Newer than anything listed so far, so they sort before the cursor.
        await insertMessages(
          running.sql,
          own.id,
          messages(own.id, 5, new Date(Date.UTC(2026, 2, 1, 0, page))),
        );
      });
      expect(ids).to.deep.equal(newestFirst(original));
    });

    it('returns the default 20 messages without a limit', async () => {
      const response = await running.http.get<PageJson>(`/api/v1/tenants/${tenant.id}/messages`);
      expect(response.status).to.equal(200);
      expect(response.body.data.map((message) => message.id)).to.deep.equal(newestFirst(stored).slice(0, 20));
      expect(response.body.next_cursor).to.be.a('string');
    });

    it('answers {data: [], next_cursor: null} for a tenant without messages', async () => {
      const empty = await createTenant();
      const response = await running.http.get<PageJson>(`/api/v1/tenants/${empty.id}/messages`);
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal({ data: [], next_cursor: null });
    });

    it('answers 404 for an unknown tenant and 400 for a bad id', async () => {
      const unknown = await running.http.get<ErrorJson>(
        '/api/v1/tenants/01890a5d-ac96-774b-bcce-b302099a8057/messages',
      );
      expect(unknown.status).to.equal(404);
      expect(unknown.body.code).to.equal('not_found');
      const bad = await running.http.get<ErrorJson>('/api/v1/tenants/zzz/messages');
      expect(bad.status).to.equal(400);
    });
  });

  describe('GET /api/v1/messages', () => {
    it('lists every active tenant’s messages together, newest first, and leaves out deleted tenants', async () => {
      const a = await createTenant();
      const b = await createTenant();
      const gone = await createTenant();
      // Far in the future, so they are the newest rows of the run's database;
      // the two tenants' messages alternate in time.
      const start = Date.parse('2099-01-01T00:00:00.000Z');
      const interleaved = (tenantId: string, offset: number): Message[] =>
        messages(tenantId, 4, new Date(start)).map((row, i) => ({
          ...row,
          created_at: new Date(start + 2 * i + offset),
        }));
      const rowsA = interleaved(a.id, 0);
      const rowsB = interleaved(b.id, 1);
      await insertMessages(running.sql, a.id, rowsA);
      await insertMessages(running.sql, b.id, rowsB);
      await insertMessages(running.sql, gone.id, messages(gone.id, 3, new Date('2100-01-01T00:00:00.000Z')));
      await running.http.delete(`/api/v1/tenants/${gone.id}`);

      const response = await running.http.get<PageJson>('/api/v1/messages?limit=8');
      expect(response.status).to.equal(200);
      expect(response.body.data.map((message) => message.id)).to.deep.equal(
        newestFirst([...rowsA, ...rowsB]),
      );
      expect(response.body.data[0]).to.deep.equal({
        id: rowsB[3]!.id,
        tenant_id: b.id,
        payload: { i: 3 },
        created_at: rowsB[3]!.created_at.toISOString(),
      });
    });

    for (const [what, query] of [
      ['limit 0', 'limit=0'],
      ['limit 101', 'limit=101'],
      ['limit abc', 'limit=abc'],
      ['a fractional limit', 'limit=1.5'],
      ['a cursor that is not base64 JSON', 'cursor=!!!'],
      ['a cursor of the wrong shape', `cursor=${Buffer.from('{"a":1}').toString('base64url')}`],
      ['an empty cursor', 'cursor='],
      ['an unknown parameter', 'page=2'],
    ]) {
      it(`answers 400 for ${what}`, async () => {
        for (const path of [
          '/api/v1/messages',
          '/api/v1/tenants/01890a5d-ac96-774b-bcce-b302099a8057/messages',
        ]) {
          const response = await running.http.get<ErrorJson>(`${path}?${query}`);
          expect(response.status, path).to.equal(400);
          expect(response.body.code, path).to.equal('validation_failed');
        }
      });
    }

    it('accepts a well-formed cursor past every row and answers an empty last page', async () => {
      const cursor = encodeCursor({
        created_at: new Date('1970-01-01T00:00:00.000Z'),
        id: '00000000-0000-7000-8000-000000000000',
      });
      const response = await running.http.get<PageJson>(`/api/v1/messages?cursor=${cursor}`);
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal({ data: [], next_cursor: null });
    });
  });

  describe('GET /api/v1/messages/{id}', () => {
    it('answers 200 with a stored message', async () => {
      const tenant = await createTenant();
      const [row] = messages(tenant.id, 1, new Date('2026-03-01T12:00:00.123Z'));
      await insertMessages(running.sql, tenant.id, [
        { ...row!, payload: { deep: { list: [1, 'a', null] } } },
      ]);
      const response = await running.http.get<MessageJson>(`/api/v1/messages/${row!.id}`);
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal({
        id: row!.id,
        tenant_id: tenant.id,
        payload: { deep: { list: [1, 'a', null] } },
        created_at: '2026-03-01T12:00:00.123Z',
      });
    });

    it('answers 404 for an unknown id and for a message of a deleted tenant', async () => {
      const unknown = await running.http.get<ErrorJson>(`/api/v1/messages/${uuidv7()}`);
      expect(unknown.status).to.equal(404);
      expect(unknown.body.code).to.equal('not_found');

      const tenant = await createTenant();
      const [row] = messages(tenant.id, 1, new Date());
      await insertMessages(running.sql, tenant.id, [row!]);
      expect((await running.http.get(`/api/v1/messages/${row!.id}`)).status).to.equal(200);
      await running.http.delete(`/api/v1/tenants/${tenant.id}`);
      expect((await running.http.get(`/api/v1/messages/${row!.id}`)).status).to.equal(404);
    });

    it('answers 400 for an id that is not a UUID', async () => {
      const response = await running.http.get<ErrorJson>('/api/v1/messages/42');
      expect(response.status).to.equal(400);
      expect(response.body.code).to.equal('validation_failed');
    });
  });
});
