import {
  type Connection,
  deadLetterQueueName,
  deleteTenantRow,
  dropPartition,
  type Logger,
  type Sql,
  tenantQueueName,
} from '@mtm/shared';

/**
 * Removes a tenant marked `deleting`, after its pool was stopped. Every step
 * is idempotent, so a teardown cut short anywhere (a crash, a lost
 * connection) completes on the next reconcile. The row goes last: while it
 * exists, some replica will finish the job.
 */
export async function tearDownTenant(
  ctx: { sql: Sql; amqp: Connection; logger: Logger },
  tenantId: string,
): Promise<void> {
  await ctx.amqp.queueDelete({ queue: tenantQueueName(tenantId) });
  await ctx.amqp.queueDelete({ queue: deadLetterQueueName(tenantId) });
  await dropPartition(ctx.sql, tenantId);
  await deleteTenantRow(ctx.sql, tenantId);
  ctx.logger.info('tenant deleted', { tenant_id: tenantId });
}
