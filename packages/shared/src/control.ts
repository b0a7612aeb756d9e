import { ControlRoutingKey } from './topology.js';

/**
 * Control commands are hints: the tenants table is the truth, and a
 * supervisor that misses one converges on its next reconcile.
 */
export interface ControlCommand {
  type: ControlRoutingKey;
  tenant_id: string;
}

export function isControlCommand(value: unknown): value is ControlCommand {
  if (typeof value !== 'object' || value === null) return false;
  const { type, tenant_id } = value as Record<string, unknown>;
  return (
    typeof tenant_id === 'string' && Object.values(ControlRoutingKey).includes(type as ControlRoutingKey)
  );
}
