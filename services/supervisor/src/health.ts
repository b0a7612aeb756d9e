import { type Sql, withTimeout } from '@mtm/shared';

import type { OwnershipView } from './ownership.js';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, { status: 'ok' | 'unavailable'; error?: string }>;
  /** This replica, the live replicas it sees, and how many tenants it owns. */
  ownership?: OwnershipView;
}

const CHECK_TIMEOUT_MS = 2_000;

/** PostgreSQL answers a query and the broker connection is open. */
export async function checkHealth(ctx: { sql: Sql; brokerConnected: () => boolean }): Promise<HealthReport> {
  const [postgres, rabbitmq] = await Promise.all([
    check(async () => {
      await ctx.sql`select 1`;
    }),
    check(async () => {
      if (!ctx.brokerConnected()) throw new Error('not connected');
    }),
  ]);
  const ok = postgres.status === 'ok' && rabbitmq.status === 'ok';
  return { status: ok ? 'ok' : 'unavailable', checks: { postgres, rabbitmq } };
}

async function check(probe: () => Promise<void>): Promise<HealthReport['checks'][string]> {
  try {
    await withTimeout(probe(), CHECK_TIMEOUT_MS, 'the check');
    return { status: 'ok' };
  } catch (error) {
    return { status: 'unavailable', error: error instanceof Error ? error.message : String(error) };
  }
}
