import { migrate } from '@mtm/migrations';
import { createSql } from '@mtm/shared';
import { expect } from 'chai';

import { requireEnv } from '../../../test/support/helpers.js';
import type { PageJson } from '../src/pagination.js';
import { type RunningApi, startApi } from './harness.js';

/** The run's database fills up as files run; the empty shapes need one of their own. */
describe('API over a database without tenants', () => {
  const url = new URL(requireEnv('TEST_DATABASE_URL'));
  const database = `${url.pathname.slice(1)}_empty`;
  url.pathname = `/${database}`;
  let running: RunningApi;

  before(async () => {
    await migrate(url.toString());
    running = await startApi({ databaseUrl: url.toString() });
  });

  after(async () => {
    await running?.stop();
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const sql = createSql(admin.toString(), { max: 1, applicationName: 'test-api' });
    await sql`drop database if exists ${sql(database)} with (force)`;
    await sql.end({ timeout: 5 });
  });

  it('lists tenants as an empty array', async () => {
    const response = await running.http.get('/api/v1/tenants');
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal([]);
  });

  it('answers {data: [], next_cursor: null} for the message list', async () => {
    const response = await running.http.get<PageJson>('/api/v1/messages');
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ data: [], next_cursor: null });
  });

  it('answers an empty object for tenant statistics', async () => {
    const response = await running.http.get('/api/v1/tenants/stats');
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({});
  });
});
