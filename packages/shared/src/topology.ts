/**
 * Every exchange, queue and argument of the system. Both services declare
 * from here, so the arguments always match (RabbitMQ refuses a redeclaration
 * with other arguments).
 */

export const CONTROL_EXCHANGE = 'tenant.control';

export const ControlRoutingKey = {
  created: 'tenant.created',
  deleted: 'tenant.deleted',
  concurrencyUpdated: 'tenant.concurrency_updated',
} as const;
export type ControlRoutingKey = (typeof ControlRoutingKey)[keyof typeof ControlRoutingKey];

export const controlExchange = {
  exchange: CONTROL_EXCHANGE,
  type: 'topic',
  durable: true,
} as const;

/** The binding of every supervisor replica's own control queue. */
export const CONTROL_BINDING_KEY = 'tenant.#';

export function tenantQueueName(tenantId: string): string {
  return `tenant_${tenantId}_queue`;
}

export function deadLetterQueueName(tenantId: string): string {
  return `${tenantQueueName(tenantId)}.dlq`;
}

export interface TenantTopologyOptions {
  deliveryLimit: number;
}

/**
 * Declaration of a tenant's queue: quorum, durable, dead-lettering to its
 * DLQ, and single active consumer: however many consumers attach (an old
 * owner still draining, a new one already waiting), the broker delivers to
 * one at a time, so a tenant's concurrency is never that of two pools.
 */
export function tenantQueue(tenantId: string, options: TenantTopologyOptions) {
  return {
    queue: tenantQueueName(tenantId),
    durable: true,
    arguments: {
      'x-queue-type': 'quorum' as const,
      'x-single-active-consumer': true,
      'x-delivery-limit': options.deliveryLimit,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': deadLetterQueueName(tenantId),
    },
  };
}

export function tenantDeadLetterQueue(tenantId: string) {
  return {
    queue: deadLetterQueueName(tenantId),
    durable: true,
    arguments: { 'x-queue-type': 'quorum' as const },
  };
}
