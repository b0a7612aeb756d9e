import { assignTenants, type Logger, type Sql } from '@mtm/shared';

import { Membership } from './membership.js';

/**
 * Which tenants this replica runs. The reconciler hands in every tenant row
 * it read (`assign`), then asks `owns` for each; only owned tenants get a
 * pool here, and only the owner tears a tenant down.
 */
export interface Ownership {
  /** True or false for tenants of the last `assign`; undefined for others. */
  owns(tenantId: string): boolean | undefined;
  assign(tenantIds: readonly string[]): void;
  start(): Promise<void>;
  /** Leaves, so the other replicas take this one's tenants at once. */
  stop(): Promise<void>;
  describe(): OwnershipView;
}

export interface OwnershipView {
  replica: string;
  replicas: string[];
  owned: number;
}

/** What the supervisor lets its ownership tell it. */
export interface OwnershipHooks {
  /** The live replicas or this replica's membership changed: reconcile. */
  onChange: () => void;
  /** Membership was lost: stop consuming at once. */
  onLost: () => void;
}

/** A single replica that owns every tenant. */
export function soleOwnership(): Ownership {
  let tenants = 0;
  return {
    owns: () => true,
    assign: (tenantIds) => {
      tenants = tenantIds.length;
    },
    start: async () => {},
    stop: async () => {},
    describe: () => ({ replica: 'sole', replicas: ['sole'], owned: tenants }),
  };
}

/**
 * Tenants shared among the live replicas (see membership.ts): each replica
 * computes the same rendezvous assignment over the same live set, which it
 * looks at every `intervalMs`. A replica that cannot prove its membership
 * owns nothing. While two replicas disagree for a moment (one has not
 * looked yet), both may run a pool for a tenant: its queue's single active
 * consumer keeps that to one consuming pool.
 */
export function leaseOwnership(
  ctx: { sql: Sql; logger: Logger; intervalMs: number } & OwnershipHooks,
): Ownership {
  const membership = new Membership(ctx);
  let assignment = new Map<string, string>();
  let tenants: readonly string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let looking: Promise<void> | undefined;
  let stopped = false;

  const recompute = (): void => {
    assignment = assignTenants(tenants, membership.replicas.map(String));
  };

  const look = (): Promise<void> =>
    (looking ??= (async () => {
      const wasMember = membership.member;
      if (!(await membership.refresh()) || stopped) return;
      if (wasMember && !membership.member) ctx.onLost();
      recompute();
      ctx.onChange();
    })().finally(() => (looking = undefined)));

  return {
    owns(tenantId) {
      const owner = assignment.get(tenantId);
      if (owner === undefined) return undefined;
      return membership.member && owner === String(membership.replica);
    },
    assign(tenantIds) {
      tenants = tenantIds;
      recompute();
    },
    async start() {
      await membership.join();
      await membership.refresh();
      recompute();
      timer = setInterval(() => void look(), ctx.intervalMs);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await looking;
      await membership.leave();
      assignment = new Map();
    },
    describe() {
      const replica = String(membership.replica);
      return {
        replica,
        replicas: membership.replicas.map(String),
        owned: membership.member ? [...assignment.values()].filter((owner) => owner === replica).length : 0,
      };
    },
  };
}
