import { type Connection, createRegistry, createSql, type Sql } from '@mtm/shared';

import { testAmqp, testConfig, testLogger } from '../../../test/support/helpers.js';
import { leaseOwnership, type OwnershipHooks } from '../src/ownership.js';
import { createSupervisor, type Supervisor } from '../src/supervisor.js';

export interface RunningSupervisor {
  supervisor: Supervisor;
  sql: Sql;
  amqp: Connection;
  /** Where /health and /metrics are served. */
  base: string;
  /** Stops the supervisor, then closes its connections. */
  stop(): Promise<void>;
}

/**
 * An in-process supervisor with connections of its own, so a test can cut
 * them (through a proxy) without touching the test's own connections.
 */
export async function startSupervisor(
  options: {
    overrides?: Record<string, unknown>;
    databaseUrl?: string;
    rabbitmqUrl?: string;
    /** Share the tenants with the other replicas that run this way, as deployed replicas do. */
    shared?: boolean;
  } = {},
): Promise<RunningSupervisor> {
  const config = testConfig({ supervisor: { port: 0 }, ...options.overrides });
  const sql = createSql(options.databaseUrl ?? config.database.url, {
    max: 5,
    applicationName: 'test-supervisor',
  });
  const amqp = testAmqp('test-supervisor', options.rabbitmqUrl ?? config.rabbitmq.url);
  const membershipSql = options.shared
    ? createSql(options.databaseUrl ?? config.database.url, { max: 1, applicationName: 'test-membership' })
    : undefined;
  const supervisor = createSupervisor({
    config,
    sql,
    amqp,
    logger: testLogger('supervisor'),
    registry: createRegistry('supervisor'),
    ...(membershipSql && {
      ownership: (hooks: OwnershipHooks) =>
        leaseOwnership({
          sql: membershipSql,
          logger: testLogger('ownership'),
          intervalMs: config.supervisor.membership_interval,
          ...hooks,
        }),
    }),
  });
  const { port } = await supervisor.start();
  return {
    supervisor,
    sql,
    amqp,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      await supervisor.stop();
      await amqp.close();
      await sql.end({ timeout: 5 });
      await membershipSql?.end({ timeout: 5 });
    },
  };
}
