import {
  createLogger,
  createRegistry,
  createSql,
  handleStopSignals,
  loadConfigOrReport,
  openConnections,
} from '@mtm/shared';

import { leaseOwnership } from './ownership.js';
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
  // Membership is a session lock: a client of one connection that nothing else uses.
  const membershipSql = createSql(config.database.url, { max: 1, applicationName: 'supervisor-membership' });
  const supervisor = createSupervisor({
    config,
    ...connections,
    logger,
    registry: createRegistry('supervisor'),
    ownership: (hooks) =>
      leaseOwnership({
        sql: membershipSql,
        logger,
        intervalMs: config.supervisor.membership_interval,
        ...hooks,
      }),
  });
  const stop = async (): Promise<void> => {
    await supervisor.stop();
    await connections.close();
    await membershipSql.end({ timeout: 5 });
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
