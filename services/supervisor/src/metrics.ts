import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

import type { WriteOutcome } from './batch-writer.js';
import type { TenantPool } from './tenant-pool.js';

export interface SupervisorMetrics {
  /** One delivery settled: stored (acked) or poison (dead-lettered). */
  recordOutcome(tenantId: string, outcome: WriteOutcome, deliveredAt: number): void;
  /** A tenant left this replica: drop its series. */
  forgetTenant(tenantId: string): void;
}

/** Pool gauges are read from the pools at scrape time, so they cannot drift. */
export function createSupervisorMetrics(
  registry: Registry,
  pools: () => ReadonlyMap<string, TenantPool>,
): SupervisorMetrics {
  const processed = new Counter({
    name: 'messages_processed_total',
    help: 'Messages settled by this replica, by tenant and status (stored or dead_lettered)',
    labelNames: ['tenant_id', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'message_processing_duration_seconds',
    help: 'Time from delivery to commit of a message',
    labelNames: ['tenant_id'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'worker_pool_size',
    help: 'Configured workers of each tenant pool this replica runs',
    labelNames: ['tenant_id'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [id, pool] of pools()) this.set({ tenant_id: id }, pool.workers);
    },
  });
  new Gauge({
    name: 'active_workers',
    help: 'Workers of each tenant pool writing a batch right now',
    labelNames: ['tenant_id'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [id, pool] of pools()) this.set({ tenant_id: id }, pool.stats.activeWorkers);
    },
  });
  new Gauge({
    name: 'active_tenants',
    help: 'Tenant pools this replica runs',
    registers: [registry],
    collect() {
      this.set(pools().size);
    },
  });

  return {
    recordOutcome(tenantId, outcome, deliveredAt) {
      processed.inc({ tenant_id: tenantId, status: outcome === 'stored' ? 'stored' : 'dead_lettered' });
      if (outcome === 'stored') {
        duration.observe({ tenant_id: tenantId }, (performance.now() - deliveredAt) / 1000);
      }
    },
    forgetTenant(tenantId) {
      processed.remove({ tenant_id: tenantId, status: 'stored' });
      processed.remove({ tenant_id: tenantId, status: 'dead_lettered' });
      duration.remove({ tenant_id: tenantId });
    },
  };
}
