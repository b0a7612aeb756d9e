import {
  type AsyncMessage,
  type Config,
  type Connection,
  type Consumer,
  ConsumerStatus,
  type Logger,
  type Message,
  once,
  type Sql,
  tenantDeadLetterQueue,
  tenantQueue,
  tenantQueueName,
} from '@mtm/shared';

import { writeBatch, type WriteOutcome } from './batch-writer.js';
import { Batcher, type BatcherStats } from './batcher.js';
import { decodeMessage } from './message-decoder.js';

export interface TenantPoolContext {
  sql: Sql;
  amqp: Connection;
  logger: Logger;
  config: Pick<Config, 'ingest' | 'rabbitmq'>;
  /** Told of every delivery's fate, for metrics. */
  onOutcome?: (tenantId: string, outcome: WriteOutcome, deliveredAt: number) => void;
}

/**
 * The consumer of one tenant's queue: `workers` concurrent batch writers fed
 * by one channel whose prefetch is `workers × batch_size`, so that every
 * writer can have a full batch in hand while the broker holds the rest.
 */
export interface TenantPool {
  readonly tenantId: string;
  readonly workers: number;
  readonly prefetch: number;
  /** Writers of the current consumer: how many batches are being written now, and the most at once. */
  readonly stats: Readonly<BatcherStats>;
  /** Drains in-flight batches, then consumes again with the new concurrency and prefetch. */
  resize(workers: number): Promise<void>;
  /** Stops taking deliveries, writes and acks what it holds, closes the channel. Idempotent. */
  stop(): Promise<void>;
  /** Gives up what the pool holds: unwritten deliveries are requeued. For forced stops. */
  abort(): void;
  /** Settles when the pool has stopped. */
  readonly promise: Promise<void>;
}

export async function startTenantPool(
  ctx: TenantPoolContext,
  params: { tenantId: string; workers: number },
): Promise<TenantPool> {
  const { tenantId } = params;
  const { batch_size: batchSize, batch_linger: lingerMs } = ctx.config.ingest;
  const logger = ctx.logger.child({ tenant_id: tenantId });
  const aborter = new AbortController();

  // The dead-letter queue must exist before anything is dead-lettered to it.
  await ctx.amqp.queueDeclare(tenantDeadLetterQueue(tenantId));

  const start = (workers: number): { consumer: Consumer; batcher: Batcher<Message, WriteOutcome> } => {
    const batcher = new Batcher<Message, WriteOutcome>({
      batchSize,
      lingerMs,
      workers,
      write: (messages) => writeBatch({ sql: ctx.sql, logger, tenantId, signal: aborter.signal }, messages),
    });
    const prefetch = workers * batchSize;
    const consumer = ctx.amqp.createConsumer(
      {
        queue: tenantQueueName(tenantId),
        // Declared on every (re)connect, so a lost queue comes back with the right arguments.
        queueOptions: tenantQueue(tenantId, { deliveryLimit: ctx.config.rabbitmq.delivery_limit }),
        qos: { prefetchCount: prefetch },
        // Every prefetched delivery goes straight into a batch; the batcher bounds the writers.
        concurrency: prefetch,
        // A handler throws only when the pool gives its messages up: put them back.
        requeue: true,
      },
      async (delivery: AsyncMessage) => {
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
      if (!aborter.signal.aborted) logger.warn('tenant consumer error', { reason: String(error) });
    });
    return { consumer, batcher };
  };

  let workers = params.workers;
  let current = start(workers);
  let stopped = false;
  let resizing: Promise<void> = Promise.resolve();
  let resolveStopped!: () => void;
  const promise = new Promise<void>((resolve) => (resolveStopped = resolve));

  const stop = once(async () => {
    stopped = true;
    await resizing;
    await current.consumer.close();
    await current.batcher.flush();
    logger.info('tenant pool stopped');
    resolveStopped();
  });

  logger.info('tenant pool started', { workers, prefetch: workers * batchSize });

  return {
    tenantId,
    get workers() {
      return workers;
    },
    get prefetch() {
      return workers * batchSize;
    },
    get stats() {
      return current.batcher.stats;
    },
    resize(next: number): Promise<void> {
      resizing = resizing.then(async () => {
        if (stopped || next === workers) return;
        // close() cancels the consumer and waits for its handlers, that is for
        // every batch it started to be written and acked.
        await current.consumer.close();
        await current.batcher.flush();
        if (stopped) return;
        logger.info('tenant pool resized', { from: workers, to: next, prefetch: next * batchSize });
        workers = next;
        current = start(workers);
      });
      return resizing;
    },
    stop,
    abort() {
      aborter.abort();
    },
    promise,
  };
}
