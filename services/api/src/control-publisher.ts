import {
  type Connection,
  CONTROL_EXCHANGE,
  type ControlCommand,
  controlExchange,
  type ControlRoutingKey,
  type Logger,
  withTimeout,
} from '@mtm/shared';

import { closePublisher, jsonBuffer } from './message-publisher.js';

export interface ControlPublisher {
  /** Never rejects: a lost command only delays a supervisor until its next reconcile. */
  publish(type: ControlRoutingKey, tenantId: string): Promise<void>;
  close(): Promise<void>;
}

export function createControlPublisher(
  amqp: Connection,
  options: { timeout: number; logger: Logger },
): ControlPublisher {
  const publisher = amqp.createPublisher({
    confirm: true,
    maxAttempts: 1,
    // Declared on every (re)connect, so the exchange exists even before any supervisor ran.
    exchanges: [{ ...controlExchange }],
  });

  return {
    async publish(type, tenantId) {
      const command: ControlCommand = { type, tenant_id: tenantId };
      try {
        await withTimeout(
          publisher.send(
            { exchange: CONTROL_EXCHANGE, routingKey: type, contentType: 'application/json' },
            jsonBuffer(command),
          ),
          options.timeout,
          'publishing a control command',
        );
      } catch (error) {
        // The row is committed and is the truth; supervisors reconcile on a timer.
        options.logger.warn('control command not published; supervisors will catch up on reconcile', {
          type,
          tenant_id: tenantId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    },
    close: () => closePublisher(publisher, options.timeout),
  };
}
