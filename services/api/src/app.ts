import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Registry } from 'prom-client';

import { authenticate } from './auth/authenticate.js';
import type { LoginContext } from './auth/login.js';
import type { ApiContext } from './context.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { httpMetrics } from './http-metrics.js';
import type { OpenApiDocument } from './openapi.js';
import { authRoutes } from './routes/auth.js';
import { docsRoutes } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { messageRoutes } from './routes/messages.js';
import { tenantRoutes } from './routes/tenants.js';
import { userRoutes } from './routes/users.js';

/**
 * Room for the envelope around a payload (tenant_id, indentation): the body
 * parser turns away bodies that cannot be valid early, and the exact payload
 * limit is checked on the parsed payload.
 */
const BODY_OVERHEAD = 64 * 1024;

type ValidatorSpec = Parameters<typeof OpenApiValidator.middleware>[0]['apiSpec'];

export function createApp(
  ctx: ApiContext & {
    document: OpenApiDocument;
    registry: Registry;
    validateResponses: boolean;
    login: LoginContext;
  },
): Express {
  const { config, document } = ctx;
  const metricsPath = config.metrics.path;
  const app = express();
  app.disable('x-powered-by');

  const metrics = httpMetrics(ctx.registry);
  app.use(metrics.middleware);
  if (config.metrics.enabled) app.get(metricsPath, metrics.handler);
  app.use(docsRoutes(document));
  // Before the body parser and the validator: without a valid token nothing
  // about the request is looked at. /health, metrics and docs stay open; /auth
  // routes check what they need themselves (logout its token).
  if (config.auth.require_auth) {
    app.use('/api', authenticate({ sql: ctx.sql, tokens: ctx.login.tokens }));
  }

  app.use(express.json({ limit: config.messages.max_payload_size + BODY_OVERHEAD }));
  app.use(
    OpenApiValidator.middleware({
      // The validator resolves $refs in place; Swagger UI keeps the original.
      apiSpec: structuredClone(document) as unknown as ValidatorSpec,
      validateRequests: true,
      validateResponses: ctx.validateResponses,
      // Paths served outside the contract, above. /metrics is documented at its
      // default path but may be moved or disabled by configuration.
      ignorePaths: (path: string) =>
        path === metricsPath || path === '/metrics' || path.startsWith('/swagger'),
      // The contract documents bearerAuth for Swagger UI; our authenticate
      // middleware enforces it, and only when auth.require_auth is on.
      validateSecurity: false,
    }),
  );
  app.use(authRoutes(ctx), userRoutes(ctx), tenantRoutes(ctx), messageRoutes(ctx), healthRoutes(ctx));

  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
