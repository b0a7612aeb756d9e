import {
  createLogger,
  createRegistry,
  handleStopSignals,
  loadConfigOrReport,
  openConnections,
} from '@mtm/shared';

import { createSupervisor } from './supervisor.js';

/**
 * The composition root: the only place that reads the environment, opens
 * connections and handles signals.
 */
async function main(): Promise<void> {
  const config = loadConfigOrReport(process.env);
  if (!config) return;

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
  // The supervisor bounds its drain by graceful_shutdown_timeout itself; a
  // second signal requeues at once what its pools still hold.
  handleStopSignals({
    logger,
    timeout: config.graceful_shutdown_timeout,
    stop,
    force: () => supervisor.force(),
  });

  try {
    await supervisor.start();
  } catch (error) {
    logger.error('supervisor failed to start', { reason: String(error) });
    process.exitCode = 1;
    await stop().catch(() => {});
  }
}

await main();
