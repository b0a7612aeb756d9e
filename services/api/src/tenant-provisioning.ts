import {
  ConflictError,
  type Connection,
  createPartition,
  insertTenant,
  type Sql,
  type Tenant,
  tenantDeadLetterQueue,
  tenantQueue,
  UnavailableError,
  withTimeout,
} from '@mtm/shared';
import { v7 as uuidv7 } from 'uuid';

export interface ProvisioningContext {
  sql: Sql;
  amqp: Connection;
  deliveryLimit: number;
  /** How long the broker may take to declare the queues. */
  brokerTimeout: number;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Row, partition and queues in one transaction: a failure anywhere leaves no
 * row, and the queue exists before the client hears 201, so a message
 * published right after is never unroutable. Queues declared before a failed
 * commit are left behind empty; declaring is idempotent and harmless.
 */
export async function provisionTenant(
  ctx: ProvisioningContext,
  params: { name: string; workers: number },
): Promise<Tenant> {
  const id = uuidv7();
  try {
    return await ctx.sql.begin(async (tx) => {
      const tenant = await insertTenant(tx, { id, name: params.name, workers: params.workers });
      await createPartition(tx, id);
      await declareQueues(ctx, id);
      return tenant;
    });
  } catch (error) {
    // The unique index covers active rows only, so a deleting tenant's name is free.
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) {
      throw new ConflictError(`a tenant named ${JSON.stringify(params.name)} already exists`, error);
    }
    throw error;
  }
}

async function declareQueues(ctx: ProvisioningContext, tenantId: string): Promise<void> {
  try {
    await withTimeout(
      (async () => {
        // The dead-letter queue first, so the tenant queue never dead-letters into nothing.
        await ctx.amqp.queueDeclare(tenantDeadLetterQueue(tenantId));
        await ctx.amqp.queueDeclare(tenantQueue(tenantId, { deliveryLimit: ctx.deliveryLimit }));
      })(),
      ctx.brokerTimeout,
      'declaring the tenant queues',
    );
  } catch (error) {
    throw new UnavailableError('message broker unavailable', error);
  }
}
