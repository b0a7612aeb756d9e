import type { Logger } from '@mtm/shared';

import type { TenantPool } from './tenant-pool.js';

/** What this replica should be doing about one tenant. */
export type Target =
  | { kind: 'run'; workers: number }
  /** Not ours (any more): stop the pool if there is one. */
  | { kind: 'release' }
  /** Deleting and ours: stop the pool, then remove the tenant. */
  | { kind: 'teardown' };

export interface TenantPoolsOptions {
  logger: Logger;
  startPool: (tenantId: string, workers: number) => Promise<TenantPool>;
  tearDown: (tenantId: string) => Promise<void>;
  /** A tenant no longer has anything here: no pool, no work (its metrics can go). */
  onGone?: (tenantId: string) => void;
}

interface Slot {
  target: Target;
  /** The read of the tenants table the target came from (see `steer`). */
  read: number;
  pool?: TenantPool;
  work?: Promise<void>;
  again: boolean;
}

/**
 * The pools of this replica, keyed by tenant id, each steered towards a
 * target. Every tenant converges on its own: a pool that takes long to drain
 * (its database writes are retrying, say) delays nobody else. Steering a
 * tenant while it converges makes it converge once more afterwards, towards
 * the latest target.
 */
export class TenantPools {
  readonly #slots = new Map<string, Slot>();
  /** Tenants torn down here, with the read number at the moment they were gone. */
  readonly #removed = new Map<string, number>();
  readonly #options: TenantPoolsOptions;
  #reads = 0;

  constructor(options: TenantPoolsOptions) {
    this.#options = options;
  }

  /** Running pools by tenant id. */
  get pools(): ReadonlyMap<string, TenantPool> {
    const pools = new Map<string, TenantPool>();
    for (const [id, slot] of this.#slots) if (slot.pool) pools.set(id, slot.pool);
    return pools;
  }

  /** Tenants that have a slot: a pool, or work under way. */
  tenantIds(): string[] {
    return [...this.#slots.keys()];
  }

  /**
   * Numbers a read of the tenants table; take it just before the read and
   * pass it to `steer`. Reads overlap (a full reconcile and a command's
   * lookup), so a target from a read that began earlier than the one a
   * tenant was last steered from is stale and ignored: a slow full
   * reconcile must not restart a pool a newer command stopped.
   */
  beginRead(): number {
    return ++this.#reads;
  }

  steer(tenantId: string, target: Target, read: number): void {
    const removedAt = this.#removed.get(tenantId);
    if (removedAt !== undefined && read < removedAt) return;
    let slot = this.#slots.get(tenantId);
    if (slot && read < slot.read) return;
    if (!slot) {
      if (target.kind === 'release') return;
      slot = { target, read, again: false };
      this.#slots.set(tenantId, slot);
    }
    slot.target = target;
    slot.read = read;
    if (slot.work) slot.again = true;
    else this.#run(tenantId, slot);
  }

  /** Forgets tenants removed before `read` began: no read from then on can see them. */
  forgetRemovedBefore(read: number): void {
    for (const [id, removedAt] of this.#removed) if (removedAt < read) this.#removed.delete(id);
  }

  /** Resolves when no tenant has work under way. */
  async settled(): Promise<void> {
    for (;;) {
      const work = [...this.#slots.values()].flatMap((slot) => (slot.work ? [slot.work] : []));
      if (work.length === 0) return;
      await Promise.allSettled(work);
    }
  }

  /** Makes every pool give up what it holds (its deliveries are requeued). */
  abortAll(): void {
    for (const slot of this.#slots.values()) slot.pool?.abort();
  }

  #run(tenantId: string, slot: Slot): void {
    slot.work = this.#converge(tenantId, slot).finally(() => {
      slot.work = undefined;
      // Steered between the last pass and now: go again.
      if (slot.again) this.#run(tenantId, slot);
      else if (!slot.pool && slot.target.kind !== 'run') {
        this.#slots.delete(tenantId);
        this.#options.onGone?.(tenantId);
      }
    });
  }

  async #converge(tenantId: string, slot: Slot): Promise<void> {
    do {
      slot.again = false;
      try {
        await this.#apply(tenantId, slot);
      } catch (error) {
        // The next reconcile steers this tenant again.
        this.#options.logger.error('could not converge tenant', {
          tenant_id: tenantId,
          reason: String(error),
        });
      }
    } while (slot.again);
  }

  async #apply(tenantId: string, slot: Slot): Promise<void> {
    const { target } = slot;
    if (target.kind === 'run') {
      if (slot.pool?.aborted) {
        await slot.pool.stop();
        slot.pool = undefined;
      }
      if (!slot.pool) slot.pool = await this.#options.startPool(tenantId, target.workers);
      else if (slot.pool.workers !== target.workers) await slot.pool.resize(target.workers);
      return;
    }
    if (slot.pool) {
      await slot.pool.stop();
      slot.pool = undefined;
    }
    if (target.kind === 'teardown') {
      await this.#options.tearDown(tenantId);
      this.#removed.set(tenantId, this.beginRead());
    }
  }
}
