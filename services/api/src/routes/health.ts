import { type Connection, type Sql, withTimeout } from '@mtm/shared';
import { Router } from 'express';

/** A health check must answer well before a load balancer's own timeout. */
const CHECK_TIMEOUT_MS = 2_000;

export interface Check {
  status: 'ok' | 'unavailable';
  latency_ms: number;
  error?: string;
}

/**
 * `/health` for people and load balancers, `/health/live` and
 * `/health/ready` for orchestrators: liveness never depends on PostgreSQL or
 * RabbitMQ (an outage of theirs must not get replicas restarted), and
 * readiness turns 503 as soon as a graceful stop begins.
 */
export function healthRoutes(ctx: { sql: Sql; amqp: Connection; isStopping: () => boolean }): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (req, res, next) => {
    if (ctx.isStopping()) res.status(503).json({ status: 'stopping' });
    else next();
  });
  router.get(['/health', '/health/ready'], async (_req, res) => {
    const [postgres, rabbitmq] = await Promise.all([
      check(async () => {
        await ctx.sql`select 1`;
      }),
      check(async () => {
        // Waits for a (re)connect within the check's time; `true` keeps the
        // client from closing the connection when that wait times out.
        await ctx.amqp.onConnect(CHECK_TIMEOUT_MS, true);
        // A round trip that changes nothing: amq.direct exists on every broker.
        await ctx.amqp.exchangeDeclare({ exchange: 'amq.direct', type: 'direct', passive: true });
      }),
    ]);
    const ok = postgres.status === 'ok' && rabbitmq.status === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks: { postgres, rabbitmq } });
  });
  return router;
}

async function check(probe: () => Promise<void>): Promise<Check> {
  const started = performance.now();
  const latency = (): number => Math.round((performance.now() - started) * 100) / 100;
  try {
    await withTimeout(probe(), CHECK_TIMEOUT_MS, 'check');
    return { status: 'ok', latency_ms: latency() };
  } catch (error) {
    return {
      status: 'unavailable',
      latency_ms: latency(),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
