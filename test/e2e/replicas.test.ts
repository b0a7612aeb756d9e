import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import {
  type Connection,
  createRegistry,
  createSql,
  deadLetterQueueName,
  type Sql,
  tenantQueueName,
} from '@mtm/shared';
import { expect } from 'chai';

import { createApi } from '../../services/api/src/api.js';
import { queueDepth } from '../support/fixtures.js';
import { eventually, testAmqp, testConfig, testLogger, uniqueName } from '../support/helpers.js';
import { type ServiceProcess, spawnService } from '../support/processes.js';

const TENANTS = 30;
const MESSAGES = 20_000;
const CONCURRENCY = 32;

/** Consumers attached to each queue, waiting ones included, as the broker lists them. */
async function consumersByQueue(): Promise<Map<string, number>> {
  const { stdout } = await promisify(execFile)('rabbitmqctl', [
    'list_consumers',
    '-q',
    '--no-table-headers',
    'queue_name',
  ]);
  const counts = new Map<string, number>();
  for (const queue of stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)) {
    counts.set(queue, (counts.get(queue) ?? 0) + 1);
  }
  return counts;
}

/**
 * Several supervisor processes share the tenants; replicas die, join and
 * leave while messages stream in through the API.
 */
describe('supervisor replicas as processes', function () {
  this.timeout(300_000);
  const config = testConfig({ server: { port: 0 } });
  let sql: Sql;
  let amqp: Connection;
  let api: ReturnType<typeof createApi>;
  let base: string;
  const replicas: ServiceProcess[] = [];

  const env = {
    DATABASE_URL: config.database.url,
    RABBITMQ_URL: config.rabbitmq.url,
    SUPERVISOR_PORT: '0',
    SUPERVISOR_MEMBERSHIP_INTERVAL: '500ms',
    INGEST_BATCH_SIZE: '20',
    GRACEFUL_SHUTDOWN_TIMEOUT: '20s',
  };

  before(async () => {
    sql = createSql(config.database.url, { max: 8, applicationName: 'test' });
    amqp = testAmqp('test-replicas');
    api = createApi({ config, sql, amqp, logger: testLogger('api'), registry: createRegistry('api') });
    base = `http://127.0.0.1:${(await api.start()).port}`;
  });

  after(async () => {
    for (const replica of replicas) {
      if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill('SIGKILL');
      await replica.exited;
    }
    await api.stop();
    await amqp.close();
    await sql.end({ timeout: 5 });
  });

  async function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function spawnReplica(): Promise<ServiceProcess> {
    const replica = await spawnService('supervisor', env);
    replicas.push(replica);
    return replica;
  }

  const ownershipOf = async (replica: ServiceProcess): Promise<{ replica: string; owned: number }> => {
    const health = (await (await fetch(`http://127.0.0.1:${replica.port}/health`)).json()) as {
      ownership: { replica: string; owned: number };
    };
    return health.ownership;
  };
  const ownedBy = async (replica: ServiceProcess): Promise<number> => (await ownershipOf(replica)).owned;

  /** Batches being written per tenant, summed over the live replicas. */
  async function batchesInFlight(live: ServiceProcess[]): Promise<Map<string, number>> {
    const sums = new Map<string, number>();
    await Promise.all(
      live.map(async (replica) => {
        const text = await (await fetch(`http://127.0.0.1:${replica.port}/metrics`)).text().catch(() => '');
        for (const match of text.matchAll(/^active_workers\{tenant_id="([^"]+)"[^}]*\} (\d+)$/gm)) {
          sums.set(match[1]!, (sums.get(match[1]!) ?? 0) + Number(match[2]));
        }
      }),
    );
    return sums;
  }

  it('keeps one consumer per tenant and every accepted message stored once through a kill, a join and a stop', async () => {
    const tenants: string[] = [];
    for (let i = 0; i < TENANTS; i += 1) {
      const created = await post<{ id: string }>('/api/v1/tenants', {
        name: uniqueName('replicas'),
        workers: 2,
      });
      expect(created.status).to.equal(201);
      tenants.push(created.body.id);
    }
    const queues = tenants.map(tenantQueueName);
    const [a, b, c] = [await spawnReplica(), await spawnReplica(), await spawnReplica()];

    // Settled: each tenant queue has exactly one consumer, and the tenants are spread.
    await eventually(
      async () => {
        const consumers = await consumersByQueue();
        return queues.every((queue) => consumers.get(queue) === 1);
      },
      Boolean,
      { what: 'one consumer per tenant queue', timeout: 30_000, interval: 500 },
    );
    // The API's statistics name the same owners the replicas do, each pool running.
    const ids = new Set((await Promise.all([a, b, c].map(ownershipOf))).map((view) => view.replica));
    const stats = (await (await fetch(`${base}/api/v1/tenants/stats`)).json()) as Record<
      string,
      { owner: string | null; pool_running: boolean | null }
    >;
    for (const tenantId of tenants) {
      expect(ids.has(stats[tenantId]!.owner ?? ''), `owner of ${tenantId}`).to.equal(true);
      expect(stats[tenantId]!.pool_running).to.equal(true);
    }
    const owned = await Promise.all([a, b, c].map(ownedBy));
    const total = owned.reduce((sum, count) => sum + count, 0);
    const bound = Math.ceil(total / 3) * 1.25 + 1;
    for (const count of owned) expect(count, `owned ${owned}`).to.be.at.most(bound);

    // Stream while a replica is killed, one joins and another stops.
    const accepted: string[] = [];
    let next = 0;
    // Each tenant has 2 workers: sampled across every live replica, never more batches in flight.
    const live = new Set<ServiceProcess>([a, b, c]);
    let peakInFlight = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const [tenantId, inFlight] of await batchesInFlight([...live])) {
          if (tenants.includes(tenantId)) peakInFlight = Math.max(peakInFlight, inFlight);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const publishing = Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < MESSAGES) {
          const index = next++;
          const response = await post<{ id: string }>('/api/v1/messages', {
            tenant_id: tenants[index % TENANTS],
            payload: { index },
          });
          expect(response.status, JSON.stringify(response.body)).to.equal(201);
          accepted.push(response.body.id);
        }
      }),
    );
    const until = (count: number) =>
      eventually(
        async () => accepted.length,
        (n) => n >= count,
        { timeout: 120_000, interval: 100 },
      );

    await until(MESSAGES / 5);
    a.child.kill('SIGKILL');
    live.delete(a);
    const killedAt = Date.now();
    await eventually(
      async () => {
        const consumers = await consumersByQueue();
        return queues.every((queue) => (consumers.get(queue) ?? 0) >= 1);
      },
      Boolean,
      { what: 'every tenant consumed again after the kill', timeout: 15_000, interval: 200 },
    );
    const failoverMs = Date.now() - killedAt;

    await until((MESSAGES * 2) / 5);
    const d = await spawnReplica();
    live.add(d);
    const joinedAt = Date.now();
    await eventually(
      () => ownedBy(d),
      (count) => count > 0,
      { what: 'the newcomer owning its share', timeout: 15_000 },
    );
    const joinMs = Date.now() - joinedAt;
    await until((MESSAGES * 3) / 5);
    b.child.kill('SIGTERM');
    live.delete(b);
    expect(await b.exited).to.equal(0);

    await publishing;
    sampling = false;
    await sampler;
    expect(peakInFlight, 'batches in flight for one tenant, across replicas').to.be.within(1, 2);
    expect(accepted.length).to.equal(MESSAGES);
    await eventually(
      async () => {
        const [counted] = await sql<{ stored: number }[]>`
          select count(*)::int as stored from messages where id = any(${accepted}::uuid[])`;
        return counted!.stored;
      },
      (stored) => stored === MESSAGES,
      { what: `${MESSAGES} stored`, timeout: 60_000, interval: 250 },
    );
    for (const tenantId of tenants) expect(await queueDepth(amqp, deadLetterQueueName(tenantId))).to.equal(0);
    console.log(
      `      failover after SIGKILL: every tenant consumed again within ${failoverMs} ms; ` +
        `a joining replica owned its share after ${joinMs} ms; peak batches in flight per tenant ${peakInFlight}`,
    );
  });
});
