import {
  type AsyncMessage,
  type Connection,
  ConsumerStatus,
  type Logger,
  type Message,
  sleep,
  type Sql,
  tenantQueue,
  tenantQueueName,
} from '@mtm/shared';

import { writeBatch, type WriteOutcome } from './batch-writer.js';
import { Batcher } from './batcher.js';
import { decodeMessage } from './message-decoder.js';

/**
 * RabbitMQ 3.10 quorum queues may drop acks that arrive just before their
 * channel closes and return those messages to the queue
 * (rabbitmq/rabbitmq-server#10327). Storage is idempotent, so nothing would
 * be stored twice, but each such return counts towards the delivery limit.
 * Waiting this long between the last ack and the close lets the queue apply
 * the acks first.
 */
const ACK_SETTLE_MS = 100;

export interface PoolConsumerContext {
  sql: Sql;
  amqp: Connection;
  logger: Logger;
  tenantId: string;
  batchSize: number;
  lingerMs: number;
  deliveryLimit: number;
  /** Aborted when the pool gives up what it holds: unwritten deliveries go back to the queue. */
  signal: AbortSignal;
  onOutcome?: (tenantId: string, outcome: WriteOutcome, deliveredAt: number) => void;
}

export interface PoolConsumer {
  readonly batcher: Batcher<Message, WriteOutcome>;
  readonly prefetch: number;
  /**
   * Stops batching new deliveries, writes and acks every batched one, gives
   * the broker time to apply the acks, then cancels the consumer and closes
   * its channel. Deliveries that arrived meanwhile are requeued.
   */
  drainAndClose(): Promise<void>;
}

/**
 * One consumer of a tenant queue with a fixed concurrency: `workers` batch
 * writers fed by a prefetch of `workers × batch_size`. A concurrency change
 * replaces it (RabbitMQ applies basic.qos to new consumers only).
 */
export function startPoolConsumer(ctx: PoolConsumerContext, workers: number): PoolConsumer {
  const { tenantId, logger } = ctx;
  const batcher = new Batcher<Message, WriteOutcome>({
    batchSize: ctx.batchSize,
    lingerMs: ctx.lingerMs,
    workers,
    write: (messages) => writeBatch({ sql: ctx.sql, logger, tenantId, signal: ctx.signal }, messages),
  });
  const prefetch = workers * ctx.batchSize;
  let draining = false;
  let releaseHeld!: () => void;
  const held = new Promise<void>((resolve) => (releaseHeld = resolve));

  const consumer = ctx.amqp.createConsumer(
    {
      queue: tenantQueueName(tenantId),
      // Declared on every (re)connect, so a lost queue comes back with the right arguments.
      queueOptions: tenantQueue(tenantId, { deliveryLimit: ctx.deliveryLimit }),
      qos: { prefetchCount: prefetch },
      // Every prefetched delivery goes straight into a batch; the batcher bounds the writers.
      concurrency: prefetch,
      // A handler throws only when the pool gives its messages up: put them back.
      requeue: true,
    },
    async (delivery: AsyncMessage) => {
      if (draining || ctx.signal.aborted) {
        // Not ours to write any more. Requeued only once the consumer is
        // cancelling: requeued now, the message would come straight back to
        // this still-active consumer, and again, each time counting towards
        // the delivery limit.
        await held;
        return ConsumerStatus.REQUEUE;
      }
      const deliveredAt = performance.now();
      const decoded = decodeMessage(delivery.body, tenantId);
      if ('poison' in decoded) {
        logger.warn('dead-lettering a message that can never be stored', {
          message_id: delivery.messageId,
          reason: decoded.poison,
        });
        ctx.onOutcome?.(tenantId, 'poison', deliveredAt);
        return ConsumerStatus.DROP;
      }
      const outcome = await batcher.add(decoded.message);
      ctx.onOutcome?.(tenantId, outcome, deliveredAt);
      return outcome === 'stored' ? ConsumerStatus.ACK : ConsumerStatus.DROP;
    },
  );
  consumer.on('error', (error: unknown) => {
    if (!ctx.signal.aborted) logger.warn('tenant consumer error', { reason: String(error) });
  });

  return {
    batcher,
    prefetch,
    async drainAndClose() {
      draining = true;
      await batcher.flush();
      await sleep(ACK_SETTLE_MS, ctx.signal);
      // close() marks the consumer closing before its first await: from here
      // deliveries are no longer handed to us, so the held ones can go back.
      const closing = consumer.close();
      releaseHeld();
      await closing;
    },
  };
}
