import { type Connection, type Logger, type Sql, tenantQueueName } from '@mtm/shared';

import type { SupervisorMetrics } from './metrics.js';

/**
 * One timer per replica, whatever the number of tenants: each tick reads the
 * depth of the queues of the tenants this replica runs, one after the other
 * (a queue that vanished closes the channel it was asked on), and counts this
 * process's database connections. Its cost grows with the tenants a replica
 * owns, never with the tenants that exist.
 */
export function startMetricsRefresher(ctx: {
  sql: Sql;
  amqp: Connection;
  logger: Logger;
  metrics: SupervisorMetrics;
  ownedTenants: () => Iterable<string>;
  intervalMs: number;
}): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;

  const refresh = async (): Promise<void> => {
    for (const tenantId of ctx.ownedTenants()) {
      try {
        const { messageCount } = await ctx.amqp.queueDeclare({
          queue: tenantQueueName(tenantId),
          passive: true,
        });
        ctx.metrics.setQueueSize(tenantId, messageCount);
      } catch (error) {
        ctx.logger.debug('could not read a queue size', { tenant_id: tenantId, reason: String(error) });
      }
    }
    try {
      // The connection asking carries this process's own application_name.
      const [row] = await ctx.sql<{ count: number }[]>`
        select count(*)::int as count from pg_stat_activity
        where application_name = current_setting('application_name')`;
      ctx.metrics.setDbConnections(row!.count);
    } catch (error) {
      ctx.metrics.setDbConnections(0);
      ctx.logger.debug('could not count database connections', { reason: String(error) });
    }
  };

  const timer = setInterval(() => {
    // A tick that outlasts the interval is not stacked with the next one.
    running ??= refresh().finally(() => (running = undefined));
  }, ctx.intervalMs);
  running = refresh().finally(() => (running = undefined));

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
