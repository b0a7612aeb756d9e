import { createLogger } from '@mtm/shared';
import { expect } from 'chai';

import type { TenantPool } from '../src/tenant-pool.js';
import { TenantPools } from '../src/tenant-pools.js';

/** The steering logic alone: pools here are plain records of what was asked of them. */
describe('TenantPools', () => {
  const logger = createLogger({ level: 'error', format: 'text', service: 'test', silent: true });

  function setup() {
    const events: string[] = [];
    const pools = new TenantPools({
      logger,
      startPool: async (tenantId, workers) => {
        events.push(`start ${tenantId} ${workers}`);
        let size = workers;
        return {
          tenantId,
          get workers() {
            return size;
          },
          prefetch: 0,
          stats: { activeWorkers: 0, peakActiveWorkers: 0, batchesWritten: 0 },
          resize: async (next: number) => {
            events.push(`resize ${tenantId} ${next}`);
            size = next;
          },
          stop: async () => {
            events.push(`stop ${tenantId}`);
          },
          abort: () => {},
          aborted: false,
          promise: Promise.resolve(),
        } satisfies TenantPool;
      },
      tearDown: async (tenantId) => {
        events.push(`teardown ${tenantId}`);
      },
    });
    return { pools, events };
  }

  it('starts, resizes, and tears down towards the latest target', async () => {
    const { pools, events } = setup();
    pools.steer('a', { kind: 'run', workers: 2 }, pools.beginRead());
    await pools.settled();
    pools.steer('a', { kind: 'run', workers: 5 }, pools.beginRead());
    await pools.settled();
    pools.steer('a', { kind: 'teardown' }, pools.beginRead());
    await pools.settled();
    expect(events).to.deep.equal(['start a 2', 'resize a 5', 'stop a', 'teardown a']);
    expect(pools.tenantIds()).to.deep.equal([]);
  });

  it('ignores a target from a read that began before the one the tenant was last steered from', async () => {
    const { pools, events } = setup();
    const staleFullRead = pools.beginRead();
    pools.steer('a', { kind: 'run', workers: 1 }, pools.beginRead());
    await pools.settled();
    // The slow full reconcile did not see the tenant yet: it must not release it.
    pools.steer('a', { kind: 'release' }, staleFullRead);
    await pools.settled();
    expect(pools.pools.has('a')).to.equal(true);
    expect(events).to.deep.equal(['start a 1']);
  });

  it('never restarts a tenant it tore down on the word of an older read', async () => {
    const { pools, events } = setup();
    const staleFullRead = pools.beginRead();
    pools.steer('a', { kind: 'teardown' }, pools.beginRead());
    await pools.settled();
    pools.steer('a', { kind: 'run', workers: 1 }, staleFullRead);
    await pools.settled();
    expect(events).to.deep.equal(['teardown a']);
    expect(pools.pools.has('a')).to.equal(false);
  });

  it('applies a steer that arrives while the tenant is converging', async () => {
    const { pools, events } = setup();
    pools.steer('a', { kind: 'run', workers: 1 }, pools.beginRead());
    pools.steer('a', { kind: 'run', workers: 3 }, pools.beginRead());
    await pools.settled();
    expect(events).to.deep.equal(['start a 1', 'resize a 3']);
    expect(pools.pools.get('a')?.workers).to.equal(3);
  });
});
