import {
  ConfigError,
  createAmqp,
  createLogger,
  createRegistry,
  createSql,
  loadConfig,
  Releasers,
} from '@mtm/shared';

import { createSupervisor } from './supervisor.js';

// The composition root: the only place that reads the environment, opens
// connections and handles signals.
let config;
try {
  config = loadConfig({ env: process.env });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const logger = createLogger({ ...config.logging, service: 'supervisor' });
const releasers = new Releasers();
const sql = createSql(config.database.url, { max: config.database.pool_size, applicationName: 'supervisor' });
releasers.add(() => sql.end({ timeout: 5 }));
const amqp = createAmqp(config.rabbitmq.url, {
  connectionName: 'supervisor',
  onError: (error) => logger.warn('rabbitmq connection error', { reason: String(error) }),
});
releasers.add(() => amqp.close());
amqp.on('connection', () => logger.info('rabbitmq connected'));

const supervisor = createSupervisor({
  config,
  sql,
  amqp,
  logger,
  registry: createRegistry('supervisor'),
});

let signals = 0;
const onSignal = (signal: NodeJS.Signals): void => {
  signals += 1;
  if (signals > 1) {
    logger.warn('second signal: forcing the stop', { signal });
    supervisor.force();
    return;
  }
  logger.info('stopping', { signal, deadline_ms: config.graceful_shutdown_timeout });
  supervisor
    .stop()
    .then(() => releasers.releaseAll())
    .then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        logger.error('stop failed', { reason: String(error) });
        process.exitCode = 1;
      },
    )
    .finally(() => logger.end());
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

try {
  await supervisor.start();
} catch (error) {
  logger.error('supervisor failed to start', { reason: String(error) });
  process.exitCode = 1;
  await supervisor.stop().catch(() => {});
  await releasers.releaseAll().catch(() => {});
}
