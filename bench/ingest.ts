/**
 * Ingest benchmark. Runs the API and a supervisor as their own processes,
 * as deployed, and prints the rates it measures beside the raw limits of a
 * machine of this size. Uses its own database (BENCH_DATABASE_URL, default
 * .../mtm_bench); the tenants it creates are deleted at the end.
 *
 *   pnpm bench:ingest [--http 20000] [--connections 64] [--backlog 50000] [--workers 4]
 */
import { parseArgs } from 'node:util';

import { migrate } from '@mtm/migrations';
import { countMessages, createAmqp, createSql, loadConfig, tenantQueueName } from '@mtm/shared';
import autocannon from 'autocannon';
import { v7 as uuidv7 } from 'uuid';

import { type ServiceProcess, spawnService } from '../test/support/processes.js';

const { values: args } = parseArgs({
  options: {
    http: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '64' },
    backlog: { type: 'string', default: '50000' },
    workers: { type: 'string', default: '4' },
  },
});
const HTTP_MESSAGES = Number(args.http);
const CONNECTIONS = Number(args.connections);
const BACKLOG = Number(args.backlog);
const WORKERS = Number(args.workers);

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mtm_bench';
const config = loadConfig({ env: { ...process.env, DATABASE_URL: databaseUrl } });
await migrate(databaseUrl);
const sql = createSql(databaseUrl, { max: 2, applicationName: 'bench' });
const amqp = createAmqp(config.rabbitmq.url, { connectionName: 'bench', onError: () => {} });
const env = { DATABASE_URL: databaseUrl, RABBITMQ_URL: config.rabbitmq.url, LOGGING_LEVEL: 'warn' };
const processes: ServiceProcess[] = [];
const spawn = async (
  service: 'api' | 'supervisor',
  extra: Record<string, string>,
): Promise<ServiceProcess> => {
  const started = await spawnService(service, { ...env, LOGGING_LEVEL: 'info', ...extra });
  processes.push(started);
  return started;
};
const stop = async (service: ServiceProcess): Promise<void> => {
  service.child.kill('SIGTERM');
  await service.exited;
  processes.splice(processes.indexOf(service), 1);
};

const api = await spawn('api', { SERVER_PORT: '0' });
const base = `http://127.0.0.1:${api.port}`;
let supervisor = await spawn('supervisor', { SUPERVISOR_PORT: '0' });
const tenants: string[] = [];

async function createTenant(name: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/tenants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `${name}-${Date.now()}`, workers: WORKERS }),
  });
  if (response.status !== 201) throw new Error(`tenant create answered ${response.status}`);
  const { id } = (await response.json()) as { id: string };
  tenants.push(id);
  return id;
}

async function waitForCount(tenantId: string, count: number): Promise<number> {
  for (;;) {
    const stored = await countMessages(sql, tenantId);
    if (stored >= count) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const perSecond = (count: number, ms: number): string =>
  `${Math.round((count / ms) * 1000).toLocaleString('en')} msg/s`;

try {
  // 1. Through the API, the supervisor storing as messages arrive.
  const live = await createTenant('bench-http');
  const started = performance.now();
  const result = await autocannon({
    url: `${base}/api/v1/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant_id: live, payload: { kind: 'bench', text: 'x'.repeat(100) } }),
    connections: CONNECTIONS,
    amount: HTTP_MESSAGES,
  });
  const accepted = result['2xx'];
  const published = performance.now() - started;
  const stored = (await waitForCount(live, accepted)) - started;

  // 2. A backlog drained by one tenant pool: the supervisor's own rate.
  await stop(supervisor);
  const backlog = await createTenant('bench-backlog');
  const publisher = amqp.createPublisher({ confirm: true });
  const fillStarted = performance.now();
  for (let offset = 0; offset < BACKLOG; offset += 1000) {
    await Promise.all(
      Array.from({ length: Math.min(1000, BACKLOG - offset) }, (_, index) => {
        const id = uuidv7();
        return publisher.send(
          { routingKey: tenantQueueName(backlog), durable: true, messageId: id },
          {
            id,
            tenant_id: backlog,
            payload: { index: offset + index, kind: 'bench' },
            created_at: new Date(),
          },
        );
      }),
    );
  }
  const filled = performance.now() - fillStarted;
  await publisher.close();
  const drainStarted = performance.now();
  supervisor = await spawn('supervisor', { SUPERVISOR_PORT: '0' });
  const drained = (await waitForCount(backlog, BACKLOG)) - drainStarted;

  console.log(`
ingest benchmark: workers ${WORKERS}, batch_size ${config.ingest.batch_size}, batch_linger ${config.ingest.batch_linger} ms
API, supervisor and load generator each in their own process, on one machine with PostgreSQL and RabbitMQ

through the API: ${HTTP_MESSAGES} POST /api/v1/messages over ${CONNECTIONS} connections (autocannon)
  201 (after broker confirm)   ${perSecond(accepted, published)}   non-2xx ${result.non2xx}, errors ${result.errors}
  latency                      p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms
  stored end to end            ${perSecond(accepted, stored)}

one tenant pool draining a backlog of ${BACKLOG} (supervisor started after the fill, startup included)
  backlog publish, confirms    ${perSecond(BACKLOG, filled)}
  stored and acked             ${perSecond(BACKLOG, drained)}

raw limits measured on a machine of this size:
  RabbitMQ publish with confirms 17k-34k msg/s; consume+ack 23k msg/s (Node client, 500 in flight)
  PostgreSQL multi-row INSERT (500 rows) 100k-190k rows/s; single-row INSERT 3.5k-10k rows/s`);
} finally {
  for (const id of tenants) await fetch(`${base}/api/v1/tenants/${id}`, { method: 'DELETE' });
  // The supervisor removes the deleted tenants' queues and partitions before it stops.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  for (const service of [...processes].reverse()) await stop(service);
  await amqp.close();
  await sql.end({ timeout: 5 });
}
