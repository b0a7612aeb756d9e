import type { Message } from '@mtm/shared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns a delivery body into a Message of this tenant, or explains why it can
 * never be stored (such deliveries go to the dead-letter queue). rabbitmq-client
 * has already parsed bodies published as application/json; anything else
 * arrives as a Buffer or string.
 */
export function decodeMessage(body: unknown, tenantId: string): { message: Message } | { poison: string } {
  let value = body;
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { poison: 'body is not JSON' };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { poison: 'body is not a JSON object' };
  }
  const { id, tenant_id, payload, created_at } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !UUID.test(id)) return { poison: 'id is not a UUID' };
  if (tenant_id !== tenantId) return { poison: 'tenant_id does not match the queue' };
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { poison: 'payload is not a JSON object' };
  }
  const createdAt = typeof created_at === 'string' ? new Date(created_at) : undefined;
  if (createdAt === undefined || Number.isNaN(createdAt.getTime())) {
    return { poison: 'created_at is not a timestamp' };
  }
  return {
    message: {
      id: id.toLowerCase(),
      tenant_id: tenantId,
      payload: payload as Message['payload'],
      created_at: createdAt,
    },
  };
}
