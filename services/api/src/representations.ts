import type { Message, Tenant } from '@mtm/shared';

import type { User } from './sql/users.js';

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

export interface UserJson {
  id: string;
  username: string;
  role: 'admin' | 'user';
  tenant_id: string | null;
  created_at: string;
}

/** Never the password hash. */
export function userJson(user: User): UserJson {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    tenant_id: user.tenant_id,
    created_at: user.created_at.toISOString(),
  };
}
