import { createServer, type Server } from 'node:http';

import type { Config, Logger } from '@mtm/shared';
import type { Registry } from 'prom-client';

import type { HealthReport } from './health.js';

/**
 * The supervisor's only HTTP surface: health for people and orchestrators,
 * and the metrics route.
 *
 * - `/health`: 200 when PostgreSQL and the broker answer, else 503, with a check each.
 * - `/health/live`: 200 while the process answers at all (restart it otherwise).
 * - `/health/ready`: as `/health`, but 503 from the moment a stop begins.
 */
export function createHttpServer(ctx: {
  config: Pick<Config, 'metrics'>;
  registry: Registry;
  logger: Logger;
  health: () => Promise<HealthReport>;
  stopping: () => boolean;
}): Server {
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const reply = (status: number, type: string, body: string): void => {
      response.writeHead(status, { 'content-type': type }).end(body);
    };
    const handle = async (): Promise<void> => {
      if (request.method !== 'GET') {
        reply(
          405,
          'application/json',
          JSON.stringify({ error: 'method not allowed', code: 'method_not_allowed' }),
        );
      } else if (path === '/health/live') {
        reply(200, 'application/json', '{"status":"ok"}');
      } else if (path === '/health/ready' && ctx.stopping()) {
        reply(503, 'application/json', '{"status":"stopping"}');
      } else if (path === '/health' || path === '/health/ready') {
        const report = await ctx.health();
        reply(report.status === 'ok' ? 200 : 503, 'application/json', JSON.stringify(report));
      } else if (ctx.config.metrics.enabled && path === ctx.config.metrics.path) {
        reply(200, ctx.registry.contentType, await ctx.registry.metrics());
      } else {
        reply(404, 'application/json', JSON.stringify({ error: 'no such route', code: 'not_found' }));
      }
    };
    handle().catch((error: unknown) => {
      ctx.logger.error('http handler failed', { reason: String(error) });
      if (!response.headersSent)
        reply(500, 'application/json', '{"error":"internal server error","code":"internal_error"}');
    });
  });
}
