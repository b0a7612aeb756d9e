import type { Connection } from '@mtm/shared';

export interface QueueStats {
  /** Ready messages, not yet delivered to a consumer. */
  messageCount: number;
  consumerCount: number;
}

/**
 * A passive declare reads a queue's counters without creating it. Undefined
 * when the queue does not exist (a teardown in progress), so that one missing
 * queue does not fail the whole answer.
 */
export async function readQueueStats(amqp: Connection, queue: string): Promise<QueueStats | undefined> {
  try {
    const { messageCount, consumerCount } = await amqp.queueDeclare({ queue, passive: true });
    return { messageCount, consumerCount };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'NOT_FOUND') return undefined;
    throw error;
  }
}
