import {
  type Config,
  ConfigError,
  createLogger,
  createRegistry,
  loadConfig,
  type Logger,
  openConnections,
  Releasers,
} from '@mtm/shared';

import { createApi } from './api.js';

/**
 * The composition root: the only place that reads the environment, opens
 * connections and handles signals. Migrations are not run here: the start
 * script (or the deployment) applies them before replicas start.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig({ env: process.env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }

  const logger = createLogger({ ...config.logging, service: 'api' });
  const releasers = new Releasers();
  // Registered as acquired; released in reverse: HTTP server and publishers, broker, database.
  const { sql, amqp, close } = openConnections(config, { name: 'api', logger });
  releasers.add(close);
  const api = createApi({ config, sql, amqp, logger, registry: createRegistry('api') });
  releasers.add(() => api.stop());

  registerSignalHandlers(logger, config.graceful_shutdown_timeout, async () => {
    await releasers.releaseAll();
  });

  try {
    await api.start();
  } catch (error) {
    logger.error('api failed to start', { error });
    process.exitCode = 1;
    await releasers.releaseAll().catch(() => {});
  }
}

/**
 * First SIGTERM/SIGINT: drain within `timeout` ms. A second signal, or the
 * deadline, forces the exit; clients of requests cut short retry.
 */
function registerSignalHandlers(logger: Logger, timeout: number, stop: () => Promise<void>): void {
  let stopping = false;
  const force = (reason: string): void => {
    logger.warn('forcing stop', { reason });
    process.exitCode = 1;
    // Whatever still holds the event loop is what the forced stop gives up on.
    process.exit();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return force(`second ${signal}`);
    stopping = true;
    logger.info('stopping', { signal, timeout_ms: timeout });
    const deadline = setTimeout(() => force('graceful shutdown timed out'), timeout);
    deadline.unref();
    stop().then(
      () => {
        clearTimeout(deadline);
        logger.info('stopped');
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.error('stop failed', { error });
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

await main();
