import { expect } from 'chai';
import jwt from 'jsonwebtoken';

import { uniqueName } from '../../../test/support/helpers.js';
import type { TokenPair } from '../src/auth/sessions.js';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/auth/tokens.js';
import type { TenantJson, UserJson } from '../src/representations.js';
import { authOverrides, createTenantAs, createUserAs, loginOk, SECRET } from './auth-support.js';
import { type ErrorJson, type HttpClient, type RunningApi, startApi } from './harness.js';

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication', () => {
  let running: RunningApi;
  let admin: HttpClient;
  let tenant: TenantJson;

  before(async () => {
    running = await startApi({ overrides: authOverrides({ login_max_failures_per_user: 3 }) });
    await running.sql`delete from login_failures`;
    const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
    admin = running.http.withToken(tokens.access_token);
    tenant = await createTenantAs(admin);
  });

  after(async () => {
    await running?.stop();
  });

  function expectUnauthorized(response: { status: number; headers: Headers; body: unknown }): void {
    expect(response.status, JSON.stringify(response.body)).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.match(/^Bearer\b/);
    expect((response.body as ErrorJson).code).to.equal('unauthorized');
  }

  /** A request only an admin's valid access token gets a 200 for. */
  const adminOnly = (http: HttpClient) => http.get('/api/v1/tenants/stats');

  describe('POST /auth/login', () => {
    it('logs the admin in with a Bearer pair whose access token carries the required claims', async () => {
      const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      expect(tokens.token_type).to.equal('Bearer');
      expect(tokens.expires_in).to.equal(running.config.auth.token_expiry / 1000);
      const claims = jwt.decode(tokens.access_token, { complete: true })!;
      expect(claims.header.alg).to.equal('HS256');
      expect(claims.payload).to.include({
        typ: 'access',
        role: 'admin',
        iss: TOKEN_ISSUER,
        aud: TOKEN_AUDIENCE,
      });
      expect(claims.payload).to.include.keys('sub', 'sid', 'jti', 'iat', 'exp');
      expect(claims.payload).not.to.have.property('tenant_id');
      expect((await adminOnly(running.http.withToken(tokens.access_token))).status).to.equal(200);
    });

    it('logs a user in to its own tenant and binds that tenant into its tokens', async () => {
      const { username, password } = await createUserAs(admin, tenant.id);
      const tokens = await loginOk(running.http, { username, password, tenant_id: tenant.id });
      expect(jwt.decode(tokens.access_token)).to.include({
        typ: 'access',
        role: 'user',
        tenant_id: tenant.id,
      });
      const tenants = await running.http.withToken(tokens.access_token).get<TenantJson[]>('/api/v1/tenants');
      expect(tenants.status).to.equal(200);
      expect(tenants.body.map((t) => t.id)).to.deep.equal([tenant.id]);
    });

    it('lets the demo user log in to any existing tenant, bound to the one it names', async () => {
      const other = await createTenantAs(admin);
      for (const target of [tenant, other]) {
        const tokens = await loginOk(running.http, {
          username: 'user',
          password: 'user123',
          tenant_id: target.id,
        });
        const tenants = await running.http
          .withToken(tokens.access_token)
          .get<TenantJson[]>('/api/v1/tenants');
        expect(tenants.body.map((t) => t.id)).to.deep.equal([target.id]);
      }
      const missing = await running.http.post<ErrorJson>('/auth/login', {
        username: 'user',
        password: 'user123',
        tenant_id: '01890a5d-ac96-774b-bcce-b302099a8057',
      });
      expect(missing.status).to.equal(403);
    });

    it('answers a wrong password and an unknown username with the same 401', async () => {
      const wrong = await running.http.post<ErrorJson>('/auth/login', {
        username: 'admin',
        password: 'nope',
      });
      const unknown = await running.http.post<ErrorJson>('/auth/login', {
        username: uniqueName('nobody'),
        password: 'admin123',
      });
      expectUnauthorized(wrong);
      expectUnauthorized(unknown);
      expect(wrong.body).to.deep.equal(unknown.body);
      expect(wrong.headers.get('www-authenticate')).to.equal(unknown.headers.get('www-authenticate'));
      // The admin's count starts again after a success, so the test leaves no trace.
      await loginOk(running.http, { username: 'admin', password: 'admin123' });
    });

    it('answers 400, not 500, for a username PostgreSQL could not store', async () => {
      const response = await running.http.post<ErrorJson>('/auth/login', {
        username: 'ad\u0000min',
        password: 'x',
      });
      expect(response.status).to.equal(400);
      expect(response.body.code).to.equal('validation_failed');
    });

    it('answers 400 when a user names no tenant', async () => {
      const { username, password } = await createUserAs(admin, tenant.id);
      const response = await running.http.post<ErrorJson>('/auth/login', { username, password });
      expect(response.status).to.equal(400);
      expect(response.body.code).to.equal('validation_failed');
    });

    it('answers 403 when a user names a tenant other than its own', async () => {
      const other = await createTenantAs(admin);
      const { username, password } = await createUserAs(admin, tenant.id);
      const response = await running.http.post<ErrorJson>('/auth/login', {
        username,
        password,
        tenant_id: other.id,
      });
      expect(response.status).to.equal(403);
      expect(response.body.code).to.equal('forbidden');
    });

    it('refuses logins with 429 and Retry-After once a username reached its failure limit', async () => {
      const { username, password } = await createUserAs(admin, tenant.id);
      for (let i = 0; i < 3; i++) {
        expectUnauthorized(
          await running.http.post('/auth/login', { username, password: 'wrong', tenant_id: tenant.id }),
        );
      }
      // Even the right password: the limit is checked before the password.
      const limited = await running.http.post<ErrorJson>('/auth/login', {
        username,
        password,
        tenant_id: tenant.id,
      });
      expect(limited.status).to.equal(429);
      expect(limited.body.code).to.equal('too_many_requests');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).to.be.within(1, running.config.auth.login_failure_window / 1000);
      // Another username from the same address is not affected.
      await loginOk(running.http, { username: 'admin', password: 'admin123' });
    });
  });

  describe('POST /auth/refresh', () => {
    it('rotates: answers a new working pair, different from the one it replaces', async () => {
      const first = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      const response = await running.http.post<TokenPair>('/auth/refresh', {
        refresh_token: first.refresh_token,
      });
      expect(response.status).to.equal(200);
      expect(response.body.refresh_token).not.to.equal(first.refresh_token);
      expect(response.body.access_token).not.to.equal(first.access_token);
      expect(jwt.decode(response.body.access_token)).to.include({
        sid: (jwt.decode(first.access_token) as { sid: string }).sid,
      });
      expect((await adminOnly(running.http.withToken(response.body.access_token))).status).to.equal(200);
    });

    it('revokes the whole session when a used refresh token is presented again', async () => {
      const first = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      const second = (
        await running.http.post<TokenPair>('/auth/refresh', { refresh_token: first.refresh_token })
      ).body;
      expect((await adminOnly(running.http.withToken(second.access_token))).status).to.equal(200);

      expectUnauthorized(await running.http.post('/auth/refresh', { refresh_token: first.refresh_token }));
      // The pair issued by the rotation dies with the session, and so does the first access token.
      expectUnauthorized(await adminOnly(running.http.withToken(second.access_token)));
      expectUnauthorized(await adminOnly(running.http.withToken(first.access_token)));
      expectUnauthorized(await running.http.post('/auth/refresh', { refresh_token: second.refresh_token }));
      // Other sessions of the same user are untouched.
      const other = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      expect((await adminOnly(running.http.withToken(other.access_token))).status).to.equal(200);
    });

    it('refuses an access token in place of a refresh token', async () => {
      const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      expectUnauthorized(await running.http.post('/auth/refresh', { refresh_token: tokens.access_token }));
    });
  });

  describe('POST /auth/logout', () => {
    it('ends the session on every replica: neither its access nor its refresh token works after', async () => {
      const other = await startApi({ overrides: authOverrides() });
      try {
        const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
        expect((await adminOnly(other.http.withToken(tokens.access_token))).status).to.equal(200);

        const logout = await other.http
          .withToken(tokens.access_token)
          .send('/auth/logout', { method: 'POST' });
        expect(logout.status).to.equal(204);

        expectUnauthorized(await adminOnly(running.http.withToken(tokens.access_token)));
        expectUnauthorized(await adminOnly(other.http.withToken(tokens.access_token)));
        expectUnauthorized(await running.http.post('/auth/refresh', { refresh_token: tokens.refresh_token }));
      } finally {
        await other.stop();
      }
    });

    it('answers 401 without a token', async () => {
      expectUnauthorized(await running.http.send('/auth/logout', { method: 'POST' }));
    });
  });

  describe('tokens on the API', () => {
    it('answers 401 with WWW-Authenticate: Bearer and code unauthorized without a token', async () => {
      for (const path of [
        '/api/v1/tenants',
        '/api/v1/messages',
        `/api/v1/tenants/${tenant.id}`,
        '/api/v1/users',
      ]) {
        expectUnauthorized(await running.http.get(path));
      }
      expectUnauthorized(await running.http.post('/api/v1/tenants', { name: uniqueName() }));
      expectUnauthorized(
        await running.http.send('/api/v1/tenants', {
          method: 'GET',
          headers: { authorization: 'Basic YWRtaW46YWRtaW4xMjM=' },
        }),
      );
    });

    it('leaves /health, /metrics and Swagger open', async () => {
      expect((await running.http.get('/health')).status).to.equal(200);
      expect((await running.http.get('/metrics')).status).to.equal(200);
      expect((await running.http.get('/swagger/openapi.json')).status).to.equal(200);
      expect((await running.http.get('/swagger/index.html')).status).to.equal(200);
    });

    it('refuses a token with alg none carrying valid claims', async () => {
      const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      const claims = jwt.decode(tokens.access_token);
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      expectUnauthorized(await adminOnly(running.http.withToken(unsigned)));
    });

    it('refuses a token signed with the right secret but an algorithm other than HS256', async () => {
      const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      const claims = jwt.decode(tokens.access_token) as Record<string, unknown>;
      for (const algorithm of ['HS384', 'HS512'] as const) {
        expectUnauthorized(await adminOnly(running.http.withToken(jwt.sign(claims, SECRET, { algorithm }))));
      }
    });

    it('refuses a token of another issuer or audience signed with the right secret', async () => {
      const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      const claims = jwt.decode(tokens.access_token) as Record<string, unknown>;
      for (const changed of [{ iss: 'someone-else' }, { aud: 'another-api' }]) {
        const token = jwt.sign({ ...claims, ...changed }, SECRET, { algorithm: 'HS256' });
        expectUnauthorized(await adminOnly(running.http.withToken(token)));
      }
    });

    it('refuses a token signed with another secret', async () => {
      const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      const claims = jwt.decode(tokens.access_token) as Record<string, unknown>;
      const forged = jwt.sign(claims, 'another-secret-0123456789-abcdefghijklmno', { algorithm: 'HS256' });
      expectUnauthorized(await adminOnly(running.http.withToken(forged)));
      // The same claims with the right secret are accepted: only the signature was wrong.
      expect(
        (await adminOnly(running.http.withToken(jwt.sign(claims, SECRET, { algorithm: 'HS256' })))).status,
      ).to.equal(200);
    });

    it('refuses an expired token signed with the right secret', async () => {
      const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      const claims = jwt.decode(tokens.access_token) as Record<string, number>;
      const now = Math.floor(Date.now() / 1000);
      const expired = jwt.sign({ ...claims, iat: now - 120, exp: now - 60 }, SECRET, { algorithm: 'HS256' });
      expectUnauthorized(await adminOnly(running.http.withToken(expired)));
    });

    it('refuses a refresh token used as an access token', async () => {
      const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      expectUnauthorized(await adminOnly(running.http.withToken(tokens.refresh_token)));
    });

    it('refuses the tokens of a user once an admin deleted it', async () => {
      const { user, username, password } = await createUserAs(admin, tenant.id);
      const tokens = await loginOk(running.http, { username, password, tenant_id: tenant.id });
      const userHttp = running.http.withToken(tokens.access_token);
      expect((await userHttp.get('/api/v1/tenants')).status).to.equal(200);
      expect((await admin.delete(`/api/v1/users/${user.id}`)).status).to.equal(204);
      expectUnauthorized(await userHttp.get('/api/v1/tenants'));
      expectUnauthorized(await running.http.post('/auth/refresh', { refresh_token: tokens.refresh_token }));
    });
  });

  describe('login failure limits', () => {
    it('counts a username’s failures across replicas', async () => {
      const other = await startApi({ overrides: authOverrides({ login_max_failures_per_user: 3 }) });
      try {
        const username = uniqueName('nobody');
        for (const http of [running.http, other.http, running.http]) {
          expectUnauthorized(await http.post('/auth/login', { username, password: 'wrong' }));
        }
        expect((await other.http.post('/auth/login', { username, password: 'wrong' })).status).to.equal(429);
      } finally {
        await other.stop();
      }
    });

    it('refuses logins from an address that reached its failure limit, whatever the username', async () => {
      const limited = await startApi({ overrides: authOverrides({ login_max_failures_per_address: 3 }) });
      try {
        await limited.sql`delete from login_failures where key like 'address:%'`;
        for (let i = 0; i < 3; i++) {
          expectUnauthorized(
            await limited.http.post('/auth/login', { username: uniqueName('nobody'), password: 'x' }),
          );
        }
        const response = await limited.http.post<ErrorJson>('/auth/login', {
          username: 'admin',
          password: 'admin123',
        });
        expect(response.status).to.equal(429);
        expect(Number(response.headers.get('retry-after'))).to.be.at.least(1);
      } finally {
        await limited.sql`delete from login_failures where key like 'address:%'`;
        await limited.stop();
      }
    });

    it('counts a failure only within the window', async () => {
      const short = await startApi({
        overrides: authOverrides({ login_max_failures_per_user: 1, login_failure_window: 1_000 }),
      });
      try {
        const { username, password } = await createUserAs(admin, tenant.id);
        expectUnauthorized(
          await short.http.post('/auth/login', { username, password: 'wrong', tenant_id: tenant.id }),
        );
        expect(
          (await short.http.post('/auth/login', { username, password, tenant_id: tenant.id })).status,
        ).to.equal(429);
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        await loginOk(short.http, { username, password, tenant_id: tenant.id });
      } finally {
        await short.stop();
      }
    });
  });

  describe('POST /auth/register', () => {
    it('answers 404 when registration is off', async () => {
      const response = await running.http.post<ErrorJson>('/auth/register', {
        username: uniqueName('self'),
        password: 'long-enough-password',
        tenant_id: tenant.id,
      });
      expect(response.status).to.equal(404);
      expect(response.body.code).to.equal('not_found');
    });

    it('creates a user of the tenant when registration is on, who can then log in to it', async () => {
      const open = await startApi({ overrides: authOverrides({ allow_registration: true }) });
      try {
        const username = uniqueName('self');
        const response = await open.http.post<UserJson>('/auth/register', {
          username,
          password: 'long-enough-password',
          tenant_id: tenant.id,
        });
        expect(response.status, JSON.stringify(response.body)).to.equal(201);
        expect(response.body).to.include({ username, role: 'user', tenant_id: tenant.id });
        const tokens = await loginOk(open.http, {
          username,
          password: 'long-enough-password',
          tenant_id: tenant.id,
        });
        expect(jwt.decode(tokens.access_token)).to.include({ tenant_id: tenant.id });
        const again = await open.http.post<ErrorJson>('/auth/register', {
          username,
          password: 'long-enough-password',
          tenant_id: tenant.id,
        });
        expect(again.status).to.equal(409);
      } finally {
        await open.stop();
      }
    });
  });

  describe('demo accounts', () => {
    it('cannot log in, nor keep a session, when demo_users is off', async () => {
      const tokens = await loginOk(running.http, { username: 'admin', password: 'admin123' });
      const plain = await startApi({ overrides: authOverrides({ demo_users: false }) });
      try {
        expectUnauthorized(await plain.http.post('/auth/login', { username: 'admin', password: 'admin123' }));
        expectUnauthorized(await adminOnly(plain.http.withToken(tokens.access_token)));
      } finally {
        await plain.stop();
      }
    });
  });
});
