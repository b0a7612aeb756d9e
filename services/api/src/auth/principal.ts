import { ForbiddenError } from '@mtm/shared';
import type { Response } from 'express';

import type { ActiveSession } from '../sql/sessions.js';

/**
 * Who a request acts as, set by the authenticate middleware. Undefined in
 * open mode (`auth.require_auth` false): every route is open, as in the
 * system this one replaces, so an absent principal may do everything.
 */
export type Principal = ActiveSession;

export function setPrincipal(res: Response, principal: Principal): void {
  res.locals.principal = principal;
}

export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/** Tenant management, statistics and users are for admins. */
export function requireAdmin(res: Response): void {
  const principal = principalOf(res);
  if (principal && principal.role !== 'admin')
    throw new ForbiddenError('this operation requires the admin role');
}

/**
 * Whether the request may see this tenant and its messages. Callers answer
 * 404 when it may not, as for a tenant that does not exist: a user learns
 * nothing about other tenants, not even that they exist.
 */
export function canSeeTenant(res: Response, tenantId: string): boolean {
  const principal = principalOf(res);
  return !principal || principal.role === 'admin' || principal.tenant_id === tenantId;
}

/** The one tenant a user is confined to; undefined for admins and in open mode. */
export function confinedTenant(res: Response): string | undefined {
  const principal = principalOf(res);
  if (principal?.role !== 'user') return undefined;
  // Login always binds a user's session to a tenant; never widen a user to all of them.
  if (principal.tenant_id === null) throw new ForbiddenError('this session is bound to no tenant');
  return principal.tenant_id;
}
