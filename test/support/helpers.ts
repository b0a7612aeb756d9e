import { randomUUID } from 'node:crypto';

import { type Config, type Connection, createAmqp, createLogger, loadConfig, type Logger } from '@mtm/shared';

/** Configuration for a test: the run's own database, nothing read from a file. */
export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return loadConfig({
    env: {
      DATABASE_URL: requireEnv('TEST_DATABASE_URL'),
      RABBITMQ_URL: requireEnv('TEST_RABBITMQ_URL'),
    },
    file: '/dev/null',
    overrides: { graceful_shutdown_timeout: 10_000, reconcile_interval: 60_000, ...overrides },
  });
}

export function testLogger(service = 'test'): Logger {
  return createLogger({
    level: process.env.TEST_LOG_LEVEL === undefined ? 'error' : (process.env.TEST_LOG_LEVEL as 'debug'),
    format: 'text',
    service,
    silent: process.env.TEST_LOG_LEVEL === undefined,
  });
}

export function uniqueName(prefix = 'tenant'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set: run the tests through mocha (pnpm test)`);
  return value;
}

/**
 * Waits until `probe` returns a value `done` accepts, checking every
 * `interval` ms; fails with the last value seen after `timeout` ms. For state
 * that settles in another process, such as rows a supervisor writes.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeout = 20_000, interval = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
    last = await probe();
  }
  return last;
}

/** A broker connection for a test; connection errors are expected in outage tests and only logged. */
export function testAmqp(name: string, url = requireEnv('TEST_RABBITMQ_URL')): Connection {
  const logger = testLogger(name);
  return createAmqp(url, { connectionName: name, onError: (error) => logger.warn(String(error)) });
}
