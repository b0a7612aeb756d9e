import {
  type Config,
  type Connection,
  type Logger,
  once,
  type Sql,
  tenantDeadLetterQueue,
} from '@mtm/shared';

import type { WriteOutcome } from './batch-writer.js';
import type { BatcherStats } from './batcher.js';
import { type PoolConsumer, startPoolConsumer } from './pool-consumer.js';

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
  /** An aborted pool requeues everything it is sent: it can only be stopped and replaced. */
  readonly aborted: boolean;
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

  const start = (workers: number): PoolConsumer =>
    startPoolConsumer(
      {
        sql: ctx.sql,
        amqp: ctx.amqp,
        logger,
        tenantId,
        batchSize,
        lingerMs,
        deliveryLimit: ctx.config.rabbitmq.delivery_limit,
        signal: aborter.signal,
        onOutcome: ctx.onOutcome,
      },
      workers,
    );

  let workers = params.workers;
  let current = start(workers);
  let stopped = false;
  let resizing: Promise<void> = Promise.resolve();
  let resolveStopped!: () => void;
  const promise = new Promise<void>((resolve) => (resolveStopped = resolve));

  const stop = once(async () => {
    stopped = true;
    await resizing;
    await current.drainAndClose();
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
      return current.prefetch;
    },
    get stats() {
      return current.batcher.stats;
    },
    resize(next: number): Promise<void> {
      resizing = resizing.then(async () => {
        if (stopped || next === workers) return;
        await current.drainAndClose();
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
    get aborted() {
      return aborter.signal.aborted;
    },
    promise,
  };
}
