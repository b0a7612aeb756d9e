import { expect } from 'chai';

import { uniqueName } from '../../../test/support/helpers.js';
import type { TokenPair } from '../src/auth/sessions.js';
import type { TenantJson, UserJson } from '../src/representations.js';
import type { HttpClient } from './harness.js';

/** 40 bytes: above the 32-byte minimum enforced with require_auth. */
export const SECRET = 'test-secret-0123456789-abcdefghijklmnopq';

/** Enforced authentication with the demo accounts, as the auth tests run it. */
export function authOverrides(auth: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    auth: {
      require_auth: true,
      jwt_secret: SECRET,
      demo_users: true,
      // Every test logs in from 127.0.0.1; only the address-limit test lowers this.
      login_max_failures_per_address: 10_000,
      ...auth,
    },
  };
}

export async function loginOk(
  http: HttpClient,
  body: { username: string; password: string; tenant_id?: string },
): Promise<TokenPair> {
  const response = await http.post<TokenPair>('/auth/login', body);
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return response.body;
}

export async function createTenantAs(admin: HttpClient): Promise<TenantJson> {
  const response = await admin.post<TenantJson>('/api/v1/tenants', { name: uniqueName() });
  expect(response.status, JSON.stringify(response.body)).to.equal(201);
  return response.body;
}

/** A `user` bound to the tenant, created by an admin; returns its credentials. */
export async function createUserAs(
  admin: HttpClient,
  tenantId: string,
): Promise<{ user: UserJson; username: string; password: string }> {
  const username = uniqueName('user');
  const password = `pw-${username}`;
  const response = await admin.post<UserJson>('/api/v1/users', {
    username,
    password,
    role: 'user',
    tenant_id: tenantId,
  });
  expect(response.status, JSON.stringify(response.body)).to.equal(201);
  return { user: response.body, username, password };
}
