import { randomBytes } from 'node:crypto';

import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createSql, type Sql } from './postgres.js';
import { type Connection, createAmqp } from './rabbitmq.js';

export interface Connections {
  sql: Sql;
  amqp: Connection;
  /** Closes the broker connection, then the database pool. */
  close(): Promise<void>;
}

/** The two connections every process holds, named after the process for the servers' views. */
export function openConnections(config: Config, options: { name: string; logger: Logger }): Connections {
  const { name, logger } = options;
  // Unique per process, so that a process can find its own connections in pg_stat_activity.
  const applicationName = `${name}-${randomBytes(4).toString('hex')}`;
  const sql = createSql(config.database.url, { max: config.database.pool_size, applicationName });
  const amqp = createAmqp(config.rabbitmq.url, {
    connectionName: name,
    onError: (error) => logger.warn('rabbitmq connection error', { reason: String(error) }),
  });
  amqp.on('connection', () => logger.info('rabbitmq connected'));
  return {
    sql,
    amqp,
    async close() {
      try {
        await amqp.close();
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}
