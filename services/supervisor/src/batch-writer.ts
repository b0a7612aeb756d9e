import { insertMessages, isConnectionError, type Logger, type Message, sleep, type Sql } from '@mtm/shared';

export type WriteOutcome = 'stored' | 'poison';

export interface BatchWriterContext {
  sql: Sql;
  logger: Logger;
  tenantId: string;
  /** Aborted when the pool must give up its messages (forced stop); they are then requeued. */
  signal: AbortSignal;
  /** Called once per failed attempt, so the pool can report that it is paused. */
  onRetry?: (error: unknown, attempt: number) => void;
}

const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 5_000;

/**
 * Writes one batch and reports, per message, whether it was stored. While
 * PostgreSQL is unreachable (or fails for any reason that is not about the
 * data) the batch is retried with backoff, holding its
 * deliveries unacked, so an outage neither requeues in a loop nor
 * dead-letters good messages. When the data itself is refused (a row jsonb or
 * the partition cannot take), the batch is split so that only the offending
 * messages are reported as poison.
 */
export async function writeBatch(ctx: BatchWriterContext, messages: Message[]): Promise<WriteOutcome[]> {
  try {
    await withRetry(ctx, () => insertMessages(ctx.sql, ctx.tenantId, messages));
    return messages.map(() => 'stored');
  } catch (error) {
    if (ctx.signal.aborted || !isDataError(error)) throw error;
    if (messages.length === 1) {
      ctx.logger.warn('message refused by the database', {
        message_id: messages[0]!.id,
        reason: String(error),
      });
      return ['poison'];
    }
  }
  const outcomes: WriteOutcome[] = [];
  for (const message of messages) outcomes.push(...(await writeBatch(ctx, [message])));
  return outcomes;
}

async function withRetry<T>(ctx: BatchWriterContext, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (isDataError(error) || ctx.signal.aborted) throw error;
      ctx.onRetry?.(error, tries);
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** (tries - 1));
      // Unreachable database or anything else that is not about the data: pause, never drop.
      const level = isConnectionError(error) ? 'warn' : 'error';
      ctx.logger.log(level, 'batch not stored, retrying', {
        attempt: tries,
        delay_ms: delay,
        reason: String(error),
      });
      await sleep(delay * (0.5 + Math.random() / 2), ctx.signal);
      if (ctx.signal.aborted)
        throw new Error('pool stopped while the database was unavailable', { cause: error });
    }
  }
}

/** SQLSTATE class 22 (data exception): this row will never be accepted. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}
