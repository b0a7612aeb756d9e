import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

import type { WriteOutcome } from './batch-writer.js';
import type { TenantPool } from './tenant-pool.js';

export interface SupervisorMetrics {
  /** One delivery settled: stored (acked) or poison (dead-lettered). */
  recordOutcome(tenantId: string, outcome: WriteOutcome, deliveredAt: number): void;
  /** Messages ready in a tenant's queue, as last read from the broker. */
  setQueueSize(tenantId: string, size: number): void;
  /** This process's open connections to PostgreSQL, as last counted. */
  setDbConnections(count: number): void;
  /** A tenant left this replica (deleted or handed over): drop its series. */
  forgetTenant(tenantId: string): void;
}

/**
 * Pool gauges and the broker connection state are read at scrape time, so
 * they cannot drift; queue sizes and database connections cost a round trip
 * each and are refreshed on a timer instead (see metrics-refresher.ts).
 */
export function createSupervisorMetrics(
  registry: Registry,
  sources: { pools: () => ReadonlyMap<string, TenantPool>; brokerConnected: () => boolean },
): SupervisorMetrics {
  const pools = sources.pools;
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

  const queueSize = new Gauge({
    name: 'queue_size',
    help: 'Messages ready in the queue of each tenant this replica runs (refreshed every metrics.update_interval)',
    labelNames: ['tenant_id'],
    registers: [registry],
  });
  const dbConnections = new Gauge({
    name: 'db_connections_active',
    help: 'Connections this process holds open to PostgreSQL',
    registers: [registry],
  });
  new Gauge({
    name: 'rabbitmq_connected',
    help: '1 while the broker connection is open, else 0',
    registers: [registry],
    collect() {
      this.set(sources.brokerConnected() ? 1 : 0);
    },
  });

  return {
    setQueueSize(tenantId, size) {
      queueSize.set({ tenant_id: tenantId }, size);
    },
    setDbConnections(count) {
      dbConnections.set(count);
    },
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
      queueSize.remove({ tenant_id: tenantId });
    },
  };
}
