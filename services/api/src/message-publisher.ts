import { randomUUID } from 'node:crypto';

import {
  type Connection,
  type Message,
  type Publisher,
  tenantQueueName,
  TimeoutError,
  UnavailableError,
  withTimeout,
} from '@mtm/shared';

/** `returned`: the broker had no queue for the message (mandatory publish), so nothing was stored. */
export type PublishOutcome = 'confirmed' | 'returned';

export interface MessagePublisher {
  /** Resolves once the broker confirmed or returned the message; rejects with UnavailableError otherwise. */
  publish(message: Message): Promise<PublishOutcome>;
  close(): Promise<void>;
}

/**
 * The message as it travels to the supervisor. A Buffer, because
 * rabbitmq-client labels a string body text/plain whatever the envelope says.
 */
export function messageBody(message: Message): Buffer {
  return jsonBuffer({
    id: message.id,
    tenant_id: message.tenant_id,
    payload: message.payload,
    created_at: message.created_at.toISOString(),
  });
}

export function jsonBuffer(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

export function createMessagePublisher(amqp: Connection, options: { timeout: number }): MessagePublisher {
  // One attempt: the client decides whether to retry, with the same id.
  const publisher = amqp.createPublisher({ confirm: true, maxAttempts: 1 });
  // rabbitmq-client 5.0.8 resolves send() even when a mandatory message comes
  // back unroutable. The broker sends basic.return before the confirm, but the
  // client emits the return from a setImmediate while it resolves send() at
  // once; see publish() for how the two are put back in order.
  // Keyed by a correlation id of each send, not by message id: clients choose
  // ids, and two sends of one id must not take each other's return.
  const returned = new Set<string>();
  publisher.on('basic.return', (message) => {
    if (message.correlationId !== undefined) returned.add(message.correlationId);
  });

  return {
    async publish(message) {
      const correlationId = randomUUID();
      const sent = publisher.send(
        {
          exchange: '',
          routingKey: tenantQueueName(message.tenant_id),
          mandatory: true,
          durable: true,
          messageId: message.id,
          correlationId,
          contentType: 'application/json',
        },
        messageBody(message),
      );
      try {
        await withTimeout(sent, options.timeout, 'publishing the message');
      } catch (error) {
        // A return that arrives after we gave up must not stay in the set.
        const forget = (): void => {
          setImmediate(() => returned.delete(correlationId));
        };
        sent.then(forget, forget);
        throw new UnavailableError('message broker unavailable', error);
      }
      // The return's setImmediate was queued when its frames arrived, before
      // the confirm resolved send(); a setImmediate of ours runs after it.
      await new Promise(setImmediate);
      return returned.delete(correlationId) ? 'returned' : 'confirmed';
    },
    close: () => closePublisher(publisher, options.timeout),
  };
}

/**
 * A publisher still setting up its channel against a broker that is down
 * would hold close() for the client's 20 s acquire timeout and then reject
 * with the setup's error; closing the connection, next in the stop order,
 * ends that wait. So close() waits at most `timeout`.
 */
export async function closePublisher(publisher: Publisher, timeout: number): Promise<void> {
  await withTimeout(publisher.close(), timeout, 'closing a publisher').catch((error: unknown) => {
    if (error instanceof TimeoutError) return;
    throw error;
  });
}
