import {
  type Connection,
  type Consumer,
  CONTROL_BINDING_KEY,
  CONTROL_EXCHANGE,
  controlExchange,
  isControlCommand,
  type Logger,
} from '@mtm/shared';

/**
 * Listens for tenant commands on a queue of this replica's own (exclusive,
 * server-named, gone with the connection). Commands only make the replica
 * look at a tenant now rather than at the next timed reconcile.
 */
export function consumeControlCommands(
  ctx: { amqp: Connection; logger: Logger },
  onCommand: (tenantId: string) => Promise<void>,
): Consumer {
  const consumer = ctx.amqp.createConsumer(
    {
      queue: '',
      queueOptions: { exclusive: true, autoDelete: true },
      exchanges: [controlExchange],
      // An empty queue name binds the queue this channel declared last: ours.
      queueBindings: [{ queue: '', exchange: CONTROL_EXCHANGE, routingKey: CONTROL_BINDING_KEY }],
      concurrency: 1,
      qos: { prefetchCount: 16 },
      requeue: false,
    },
    async (delivery) => {
      if (!isControlCommand(delivery.body)) {
        ctx.logger.warn('ignoring a malformed control command', { routing_key: delivery.routingKey });
        return;
      }
      ctx.logger.debug('control command', { type: delivery.body.type, tenant_id: delivery.body.tenant_id });
      await onCommand(delivery.body.tenant_id);
    },
  );
  consumer.on('error', (error: unknown) =>
    ctx.logger.warn('control consumer error', { reason: String(error) }),
  );
  return consumer;
}
