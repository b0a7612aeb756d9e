import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type Config, type Connection, type Logger, once, Releasers, type Sql } from '@mtm/shared';
import type { Express } from 'express';
import type { Registry } from 'prom-client';

import { createApp } from './app.js';
import { createDemoUsers } from './auth/demo-users.js';
import { dummyHash } from './auth/passwords.js';
import { createControlPublisher } from './control-publisher.js';
import { createMessagePublisher } from './message-publisher.js';
import { loadOpenApiDocument } from './openapi.js';

/** Long enough for a loaded broker, short enough that an outage answers 503 before clients give up. */
export const DEFAULT_BROKER_TIMEOUT_MS = 5_000;

export interface ApiDependencies {
  config: Config;
  sql: Sql;
  amqp: Connection;
  logger: Logger;
  registry: Registry;
  brokerTimeout?: number;
  /** Check every response against openapi.yaml too (tests do; a mismatch becomes a 500). */
  validateResponses?: boolean;
}

export interface Api {
  app: Express;
  /** Listens on config.server; resolves with the port actually bound (config port 0 picks one). */
  start(): Promise<{ port: number }>;
  /** Stops accepting connections, finishes requests in flight, closes the publishers. */
  stop(): Promise<void>;
}

/**
 * The API of one replica. It owns its HTTP server and publishers; the
 * connections passed in belong to the caller, who closes them after stop().
 */
export function createApi(deps: ApiDependencies): Api {
  const { config, amqp, logger } = deps;
  const brokerTimeout = deps.brokerTimeout ?? DEFAULT_BROKER_TIMEOUT_MS;
  const releasers = new Releasers();

  const messagePublisher = createMessagePublisher(amqp, { timeout: brokerTimeout });
  const controlPublisher = createControlPublisher(amqp, { timeout: brokerTimeout, logger });
  releasers.add(async () => {
    const results = await Promise.allSettled([messagePublisher.close(), controlPublisher.close()]);
    for (const result of results) {
      if (result.status === 'rejected') {
        logger.warn('a publisher did not close cleanly', { reason: String(result.reason) });
      }
    }
  });

  const unknownUserHash = dummyHash();
  let stopping = false;
  const app = createApp({
    isStopping: () => stopping,
    ...deps,
    messagePublisher,
    controlPublisher,
    brokerTimeout,
    document: loadOpenApiDocument({ maxWorkers: config.max_workers }),
    validateResponses: deps.validateResponses ?? false,
    login: {
      sql: deps.sql,
      tokens: {
        secret: config.auth.jwt_secret,
        accessExpiry: config.auth.token_expiry,
        refreshExpiry: config.auth.refresh_expiry,
        demoUsers: config.auth.demo_users,
      },
      dummyHash: unknownUserHash,
      limits: {
        perUser: config.auth.login_max_failures_per_user,
        perAddress: config.auth.login_max_failures_per_address,
        window: config.auth.login_failure_window,
      },
    },
  });

  let server: Server | undefined;

  const listen = async (): Promise<{ port: number }> => {
    if (config.auth.demo_users) {
      // Only demo mode needs the database at start; otherwise the API starts during an outage.
      await createDemoUsers(deps.sql);
      logger.warn(
        'demo accounts admin/admin123 and user/user123 are enabled (auth.demo_users); never in production',
      );
    }
    // Computed before the first login, which would otherwise pay for it only when the user is unknown.
    await unknownUserHash();
    if (!config.auth.require_auth) {
      logger.warn('authentication is off (auth.require_auth false): every route is open to anyone');
    }
    const listening = createServer();
    listening.on('request', (_req, res) => {
      // Keep-alive connections would otherwise hold close() open until they time out.
      if (stopping) res.setHeader('Connection', 'close');
      res.once('finish', () => {
        if (stopping) setImmediate(() => listening.closeIdleConnections());
      });
    });
    // After the listener above, so that a header it sets precedes the answer.
    listening.on('request', app);
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(config.server.port, config.server.host, () => {
        listening.off('error', reject);
        resolve();
      });
    });
    server = listening;
    releasers.add(() => closeServer(listening));
    const { port } = listening.address() as AddressInfo;
    logger.info('api listening', { host: config.server.host, port });
    return { port };
  };

  let started: Promise<{ port: number }> | undefined;
  const start = (): Promise<{ port: number }> => {
    if (stopping) return Promise.reject(new Error('the API was stopped'));
    return (started ??= listen());
  };

  const stop = once(async () => {
    stopping = true;
    // A start in flight finishes first, so its server is closed too.
    await started?.catch(() => {});
    await releasers.releaseAll();
    if (server) logger.info('api stopped');
  });

  return { app, start, stop };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
