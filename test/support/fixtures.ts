import {
  type Connection,
  countMessages,
  createPartition,
  deadLetterQueueName,
  insertTenant,
  type Message,
  partitionName,
  type Sql,
  tenantDeadLetterQueue,
  tenantQueue,
  tenantQueueName,
} from '@mtm/shared';
import { v7 as uuidv7 } from 'uuid';

import { uniqueName } from './helpers.js';

/**
 * Provisions a tenant the way the API does (row, partition, queues), for
 * tests of the supervisor that do not need the HTTP layer.
 */
export async function provisionTenant(
  sql: Sql,
  amqp: Connection,
  options: { workers: number; deliveryLimit?: number },
): Promise<string> {
  const id = uuidv7();
  await sql.begin(async (tx) => {
    await insertTenant(tx, { id, name: uniqueName(), workers: options.workers });
    await createPartition(tx, id);
    await amqp.queueDeclare(tenantDeadLetterQueue(id));
    await amqp.queueDeclare(tenantQueue(id, { deliveryLimit: options.deliveryLimit ?? 20 }));
  });
  return id;
}

export function makeMessages(tenantId: string, count: number): Message[] {
  return Array.from({ length: count }, (_, index) => ({
    id: uuidv7(),
    tenant_id: tenantId,
    payload: { index, text: `message ${index}` },
    created_at: new Date(),
  }));
}

/** Publishes straight to the tenant queue, as the API does, with confirms. */
export async function publishToQueue(
  amqp: Connection,
  tenantId: string,
  bodies: readonly unknown[],
): Promise<void> {
  const publisher = amqp.createPublisher({ confirm: true });
  try {
    await Promise.all(
      bodies.map((body) => {
        const id = (body as { id?: unknown } | null)?.id;
        return publisher.send(
          {
            routingKey: tenantQueueName(tenantId),
            durable: true,
            mandatory: true,
            ...(typeof id === 'string' ? { messageId: id } : {}),
            ...(Buffer.isBuffer(body) ? { contentType: 'application/octet-stream' } : {}),
          },
          body,
        );
      }),
    );
  } finally {
    await publisher.close();
  }
}

export async function queueDepth(amqp: Connection, queue: string): Promise<number> {
  const { messageCount } = await amqp.queueDeclare({ queue, passive: true });
  return messageCount;
}

export async function deadLettered(amqp: Connection, tenantId: string): Promise<number> {
  return queueDepth(amqp, deadLetterQueueName(tenantId));
}

export async function queueExists(amqp: Connection, queue: string): Promise<boolean> {
  try {
    await amqp.queueDeclare({ queue, passive: true });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'NOT_FOUND') return false;
    throw error;
  }
}

export async function storedIds(sql: Sql, tenantId: string): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`select id from ${sql(partitionName(tenantId))}`;
  return rows.map((row) => row.id);
}

export { countMessages };
