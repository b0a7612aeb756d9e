import type { AddressInfo } from 'node:net';

import {
  type Config,
  type Connection,
  listAllTenants,
  type Logger,
  once,
  Releasers,
  sleep,
  type Sql,
  type Tenant,
  trackBrokerConnection,
} from '@mtm/shared';
import type { Registry } from 'prom-client';

import { consumeControlCommands } from './control-consumer.js';
import { checkHealth } from './health.js';
import { createHttpServer } from './http-server.js';
import { createSupervisorMetrics } from './metrics.js';
import { startMetricsRefresher } from './metrics-refresher.js';
import { type Ownership, type OwnershipHooks, soleOwnership } from './ownership.js';
import { ReconcileLoop } from './reconcile-loop.js';
import { tearDownTenant } from './teardown.js';
import { startTenantPool, type TenantPool } from './tenant-pool.js';
import { type Target, TenantPools } from './tenant-pools.js';

export interface SupervisorDeps {
  config: Config;
  sql: Sql;
  amqp: Connection;
  logger: Logger;
  registry: Registry;
  /** Which tenants this replica runs; one replica owning all of them when absent. */
  ownership?: (hooks: OwnershipHooks) => Ownership;
}

export interface Supervisor {
  /** Reconciles, starts consuming commands and serves /health and /metrics. */
  start(): Promise<{ port: number }>;
  /**
   * Stops taking deliveries, lets every pool write and ack what it holds (for
   * at most graceful_shutdown_timeout), then releases its tenants.
   */
  stop(): Promise<void>;
  /** Cuts a stop short: what the pools still hold is requeued. */
  force(): void;
  /** One full reconcile; resolves when it has been applied to every tenant. */
  reconcile(): Promise<void>;
  readonly pools: ReadonlyMap<string, TenantPool>;
}

export function createSupervisor(deps: SupervisorDeps): Supervisor {
  const { config, sql, amqp, registry } = deps;
  const logger = deps.logger;
  const ownership = (deps.ownership ?? soleOwnership)({
    onChange: () => void loop.request(),
    // No longer provably ours: give back what the pools hold, at once.
    onLost: () => pools.abortAll(),
  });
  const releasers = new Releasers();
  const forced = new AbortController();
  let stopping = false;

  const brokerConnected = trackBrokerConnection(amqp);
  const metrics = createSupervisorMetrics(registry, { pools: () => pools.pools, brokerConnected });
  // One teardown at a time: PostgreSQL allows a single pending DETACH
  // CONCURRENTLY per parent table, so a second one fails instead of waiting.
  let teardowns: Promise<unknown> = Promise.resolve();
  const pools = new TenantPools({
    logger,
    startPool: (tenantId, workers) =>
      startTenantPool({ sql, amqp, logger, config, onOutcome: metrics.recordOutcome }, { tenantId, workers }),
    tearDown: async (tenantId) => {
      const teardown = teardowns.then(() => tearDownTenant({ sql, amqp, logger }, tenantId));
      teardowns = teardown.catch(() => {});
      await teardown;
    },
    onGone: (tenantId) => metrics.forgetTenant(tenantId),
  });

  const targetOf = (tenant: Tenant | undefined): Target => {
    if (!tenant || ownership.owns(tenant.id) !== true) return { kind: 'release' };
    return tenant.status === 'active' ? { kind: 'run', workers: tenant.workers } : { kind: 'teardown' };
  };

  const reconcileAll = async (): Promise<void> => {
    if (stopping) return;
    const read = pools.beginRead();
    const tenants = await listAllTenants(sql);
    if (stopping) return;
    ownership.assign(tenants.map((tenant) => tenant.id));
    const seen = new Set<string>();
    for (const tenant of tenants) {
      seen.add(tenant.id);
      pools.steer(tenant.id, targetOf(tenant), read);
    }
    for (const id of pools.tenantIds()) if (!seen.has(id)) pools.steer(id, { kind: 'release' }, read);
    pools.forgetRemovedBefore(read);
  };

  const reconcileTenant = async (tenantId: string): Promise<void> => {
    if (stopping) return;
    const read = pools.beginRead();
    const [tenant] = await sql<Tenant[]>`
      select id, name, workers, status, created_at, updated_at from tenants where id = ${tenantId}`;
    if (stopping) return;
    // A tenant the last assignment did not know (just created): only a full
    // reconcile can place it, since it may shift the bounded loads.
    if (tenant && ownership.owns(tenant.id) === undefined) return void loop.request();
    // Pools are keyed by the id as PostgreSQL spells it (lower case).
    pools.steer(tenant?.id ?? tenantId.toLowerCase(), targetOf(tenant), read);
  };

  const loop = new ReconcileLoop(reconcileAll, { logger, intervalMs: config.reconcile_interval });
  const server = createHttpServer({
    config,
    registry,
    logger,
    health: async () => ({
      ...(await checkHealth({ sql, brokerConnected })),
      ownership: ownership.describe(),
    }),
    stopping: () => stopping,
  });

  const startOnce = once(async () => {
    if (stopping) throw new Error('the supervisor was stopped before it started');
    await ownership.start();
    releasers.add(() => ownership.stop());

    const control = consumeControlCommands({ amqp, logger }, async (tenantId) => {
      try {
        await reconcileTenant(tenantId);
      } catch (error) {
        logger.warn('could not look up a tenant named in a command', {
          tenant_id: tenantId,
          reason: String(error),
        });
      }
    });
    releasers.add(() => control.close());
    // Commands sent while the control queue was missing (before it was first
    // declared, or after a lost broker connection) were never seen: look at
    // every tenant whenever it is declared.
    control.on('ready', () => void loop.request());

    await loop.request();
    loop.start();
    releasers.add(() => loop.stop());

    const refresher = startMetricsRefresher({
      sql,
      amqp,
      logger,
      metrics,
      ownedTenants: () => pools.pools.keys(),
      intervalMs: config.metrics.update_interval,
    });
    releasers.add(() => refresher.stop());

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.supervisor.port, config.supervisor.host, () => resolve());
    });
    releasers.add(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const { port } = server.address() as AddressInfo;
    logger.info('supervisor started', { port, tenants: pools.pools.size });
    return { port };
  });

  let starting: Promise<unknown> | undefined;
  const whenForced = new Promise<void>((resolve) => forced.signal.addEventListener('abort', () => resolve()));

  const stop = once(async () => {
    stopping = true;
    // A start under way registers what stop must release: let it finish first.
    if (starting) await Promise.race([starting.catch(() => {}), whenForced]);
    // Stop looking at tenants first, so nothing restarts a pool being drained.
    await loop.stop();
    // Leave before draining: the replicas taking over attach their consumers
    // now, and each becomes the active one the moment this one's pool lets go.
    await ownership.stop();
    const read = pools.beginRead();
    for (const id of pools.tenantIds()) pools.steer(id, { kind: 'release' }, read);
    const drained = new AbortController();
    const deadline = sleep(
      config.graceful_shutdown_timeout,
      AbortSignal.any([forced.signal, drained.signal]),
    );
    const first = await Promise.race([pools.settled().then(() => 'drained' as const), deadline]);
    drained.abort();
    if (first !== 'drained') {
      logger.warn('shutdown deadline reached: requeueing what the pools still hold');
      pools.abortAll();
      await pools.settled();
    }
    await releasers.releaseAll();
    logger.info('supervisor stopped');
  });

  return {
    start() {
      const promise = startOnce();
      starting = promise;
      return promise;
    },
    stop,
    force: () => {
      forced.abort();
      pools.abortAll();
    },
    reconcile: async () => {
      await loop.request();
      await pools.settled();
    },
    get pools() {
      return pools.pools;
    },
  };
}
