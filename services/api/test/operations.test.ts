import { expect } from 'chai';

import type { TenantJson } from '../src/representations.js';
import { type ErrorJson, type RunningApi, startApi } from './harness.js';

describe('operations routes', () => {
  let running: RunningApi;

  before(async () => {
    running = await startApi({ overrides: { max_workers: 50 } });
  });

  after(async () => {
    await running?.stop();
  });

  describe('GET /health', () => {
    it('answers 200 ok with a check per dependency when PostgreSQL and RabbitMQ answer', async () => {
      const response = await running.http.get<{
        status: string;
        checks: Record<string, { status: string; latency_ms: number }>;
      }>('/health');
      expect(response.status).to.equal(200);
      expect(response.body.status).to.equal('ok');
      expect(response.body.checks).to.have.keys('postgres', 'rabbitmq');
      for (const check of Object.values(response.body.checks)) {
        expect(check.status).to.equal('ok');
        expect(check.latency_ms).to.be.a('number').and.at.least(0);
      }
    });
  });

  describe('Swagger', () => {
    it('serves Swagger UI at /swagger/index.html with this API’s contract, not the bundled demo', async () => {
      const page = await running.http.get<string>('/swagger/index.html');
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.match(/^text\/html/);
      expect(page.body).to.include('<div id="swagger-ui">').and.include('Multi-tenant messaging API');
      const init = await running.http.get<string>('/swagger/swagger-ui-init.js');
      expect(init.status).to.equal(200);
      expect(init.body).to.include('/api/v1/tenants/{id}/config/concurrency');
      const css = await running.http.get<string>('/swagger/swagger-ui.css');
      expect(css.status).to.equal(200);
    });

    it('redirects /swagger to the UI page', async () => {
      const response = await fetch(`${running.http.baseUrl}/swagger`, { redirect: 'manual' });
      expect(response.status).to.equal(301);
      expect(response.headers.get('location')).to.equal('/swagger/index.html');
    });

    it('serves the contract at /swagger/openapi.json with the configured max_workers', async () => {
      const response = await running.http.get<{
        openapi: string;
        paths: Record<string, unknown>;
        components: { schemas: { Workers: { maximum: number } } };
      }>('/swagger/openapi.json');
      expect(response.status).to.equal(200);
      expect(response.body.openapi).to.equal('3.0.3');
      expect(response.body.paths).to.include.keys(
        '/api/v1/tenants',
        '/api/v1/tenants/stats',
        '/api/v1/tenants/{id}',
        '/api/v1/tenants/{id}/config/concurrency',
        '/api/v1/tenants/{id}/messages',
        '/api/v1/messages',
        '/api/v1/messages/{id}',
        '/health',
        '/metrics',
      );
      expect(response.body.components.schemas.Workers.maximum).to.equal(50);
    });

    it('enforces the configured max_workers it documents', async () => {
      const response = await running.http.post<ErrorJson>('/api/v1/tenants', {
        name: 'too-many',
        workers: 51,
      });
      expect(response.status).to.equal(400);
      expect(response.body.code).to.equal('validation_failed');
    });
  });

  describe('unknown routes and methods', () => {
    for (const path of ['/nope', '/api/v1/nope', '/api/v2/tenants', '/swagger/nope.js']) {
      it(`answers 404 not_found as JSON for GET ${path}`, async () => {
        const response = await running.http.get<ErrorJson>(path);
        expect(response.status).to.equal(404);
        expect(response.headers.get('content-type')).to.match(/^application\/json/);
        expect(response.body.code).to.equal('not_found');
      });
    }

    it('answers 405 method_not_allowed as JSON with an Allow header for a method a path lacks', async () => {
      const patch = await running.http.send<ErrorJson>('/api/v1/tenants', { method: 'PATCH' });
      expect(patch.status).to.equal(405);
      expect(patch.body.code).to.equal('method_not_allowed');
      expect(patch.headers.get('allow')).to.include('GET').and.include('POST');
      const post = await running.http.send<ErrorJson>('/health', { method: 'POST' });
      expect(post.status).to.equal(405);
      expect(post.body.code).to.equal('method_not_allowed');
    });
  });

  describe('GET /metrics', () => {
    it('counts requests by route template, never by raw path', async () => {
      const tenant = await running.http.post<TenantJson>('/api/v1/tenants', {
        name: `metrics-${Date.now()}`,
      });
      await running.http.get(`/api/v1/tenants/${tenant.body.id}`);
      await running.http.get('/api/v1/tenants/01890a5d-ac96-774b-bcce-b302099a8057');
      const response = await running.http.get<string>('/metrics');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/plain/);
      expect(response.body).to.match(
        /api_requests_total\{method="GET",endpoint="\/api\/v1\/tenants\/\{id\}",status="200"[^}]*\} 1/,
      );
      expect(response.body).to.match(
        /api_requests_total\{method="GET",endpoint="\/api\/v1\/tenants\/\{id\}",status="404"/,
      );
      expect(response.body).to.match(
        /api_request_duration_seconds_bucket\{[^}]*endpoint="\/api\/v1\/tenants"/,
      );
      expect(response.body).to.not.include(tenant.body.id);
    });

    it('serves metrics at the configured path only, and not at all when disabled', async () => {
      const moved = await startApi({ overrides: { metrics: { path: '/internal/metrics' } } });
      const disabled = await startApi({ overrides: { metrics: { enabled: false } } });
      try {
        expect((await moved.http.get('/internal/metrics')).status).to.equal(200);
        expect((await moved.http.get('/metrics')).status).to.equal(404);
        const off = await disabled.http.get<ErrorJson>('/metrics');
        expect(off.status).to.equal(404);
        expect(off.body.code).to.equal('not_found');
      } finally {
        await moved.stop();
        await disabled.stop();
      }
    });
  });
});
