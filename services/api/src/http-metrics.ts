import type { Request, RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * Requests by route template, never by raw path: ids in label values would
 * give every tenant and message a series of its own.
 */
export function httpMetrics(registry: Registry): { middleware: RequestHandler; handler: RequestHandler } {
  const requests = new Counter({
    name: 'api_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'endpoint', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'api_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'endpoint'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const method = req.method;
      const endpoint = endpointOf(req);
      requests.inc({ method, endpoint, status: String(res.statusCode) });
      duration.observe({ method, endpoint }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };

  const handler: RequestHandler = async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };

  return { middleware, handler };
}

function endpointOf(req: Request): string {
  // Set by express-openapi-validator for every route of the contract, e.g. /api/v1/tenants/{id}.
  const route = (req as Request & { openapi?: { openApiRoute?: string } }).openapi?.openApiRoute;
  if (route !== undefined) return route;
  if (req.originalUrl.startsWith('/swagger')) return '/swagger';
  // A matched Express route outside the contract (the metrics route).
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : 'unmatched';
}
