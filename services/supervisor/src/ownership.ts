/**
 * Which tenants this replica runs. The reconciler asks `owns` for every
 * tenant row; only owned tenants get a pool here, and only the owner tears a
 * tenant down.
 */
export interface Ownership {
  owns(tenantId: string): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A single replica that owns every tenant. */
export function soleOwnership(): Ownership {
  return {
    owns: () => true,
    start: async () => {},
    stop: async () => {},
  };
}
