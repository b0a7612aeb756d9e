import type { Message, Tenant } from '@mtm/shared';

/** The JSON shapes of openapi.yaml; rows carry Dates and internal fields such as `status`. */

export interface TenantJson {
  id: string;
  name: string;
  workers: number;
  created_at: string;
  updated_at: string;
}

export interface MessageJson {
  id: string;
  tenant_id: string;
  payload: Record<string, unknown>;
  created_at: string;
}

export function tenantJson(tenant: Tenant): TenantJson {
  return {
    id: tenant.id,
    name: tenant.name,
    workers: tenant.workers,
    created_at: tenant.created_at.toISOString(),
    updated_at: tenant.updated_at.toISOString(),
  };
}

export function messageJson(message: Message): MessageJson {
  return {
    id: message.id,
    tenant_id: message.tenant_id,
    payload: message.payload,
    created_at: message.created_at.toISOString(),
  };
}
