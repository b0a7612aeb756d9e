import {
  createLogger,
  createRegistry,
  handleStopSignals,
  loadConfigOrReport,
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
  const config = loadConfigOrReport(process.env);
  if (!config) return;

  const logger = createLogger({ ...config.logging, service: 'api' });
  const releasers = new Releasers();
  // Registered as acquired; released in reverse: HTTP server and publishers, broker, database.
  const { sql, amqp, close } = openConnections(config, { name: 'api', logger });
  releasers.add(close);
  const api = createApi({ config, sql, amqp, logger, registry: createRegistry('api') });
  releasers.add(() => api.stop());

  // A second signal exits at once: requests cut short are the clients' to retry.
  handleStopSignals({
    logger,
    timeout: config.graceful_shutdown_timeout,
    stop: () => releasers.releaseAll(),
  });

  try {
    await api.start();
  } catch (error) {
    logger.error('api failed to start', { error });
    process.exitCode = 1;
    await releasers.releaseAll().catch(() => {});
  }
}

await main();
