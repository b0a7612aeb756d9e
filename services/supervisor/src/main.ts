import {
  type Config,
  ConfigError,
  createLogger,
  createRegistry,
  loadConfig,
  type Logger,
  openConnections,
} from '@mtm/shared';

import { createSupervisor, type Supervisor } from './supervisor.js';

/**
 * The composition root: the only place that reads the environment, opens
 * connections and handles signals.
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

  const logger = createLogger({ ...config.logging, service: 'supervisor' });
  const connections = openConnections(config, { name: 'supervisor', logger });
  const supervisor = createSupervisor({
    config,
    ...connections,
    logger,
    registry: createRegistry('supervisor'),
  });
  const stop = async (): Promise<void> => {
    await supervisor.stop();
    await connections.close();
  };
  registerSignalHandlers(logger, config.graceful_shutdown_timeout, supervisor, stop);

  try {
    await supervisor.start();
  } catch (error) {
    logger.error('supervisor failed to start', { reason: String(error) });
    process.exitCode = 1;
    await stop().catch(() => {});
  }
}

/** How long a forced stop may take to requeue and close before the process exits anyway. */
const FORCED_EXIT_MS = 5_000;

/**
 * First SIGTERM/SIGINT: stop taking deliveries, write and ack what the pools
 * hold (the supervisor gives up after `timeout` by itself). A second signal
 * forces: what is still held is requeued at once.
 */
function registerSignalHandlers(
  logger: Logger,
  timeout: number,
  supervisor: Supervisor,
  stop: () => Promise<void>,
): void {
  let stopping = false;
  // The supervisor bounds its own drain; these bound what it cannot interrupt
  // (a statement stuck on a lock, a half-open connection). Unref'd: they fire
  // only if something still holds the process.
  const exitAfter = (ms: number, reason: string): void => {
    setTimeout(() => {
      logger.error('stop did not finish: exiting', { reason });
      process.exit(1);
    }, ms).unref();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('second signal: forcing the stop', { signal });
      supervisor.force();
      exitAfter(FORCED_EXIT_MS, `second ${signal}`);
      return;
    }
    stopping = true;
    logger.info('stopping', { signal, deadline_ms: timeout });
    exitAfter(timeout + FORCED_EXIT_MS, 'graceful shutdown timed out');
    stop().then(
      () => logger.info('stopped'),
      (error: unknown) => {
        logger.error('stop failed', { reason: String(error) });
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

await main();
