import {
  type Connection,
  countMessages,
  createRegistry,
  createSql,
  deadLetterQueueName,
  type Sql,
  tenantQueueName,
} from '@mtm/shared';
import { expect } from 'chai';

import { createApi } from '../../services/api/src/api.js';
import { queueDepth, storedIds } from '../support/fixtures.js';
import { eventually, testAmqp, testConfig, testLogger, uniqueName } from '../support/helpers.js';
import { type ServiceProcess, spawnService } from '../support/processes.js';

const TOTAL = 5_000;
const CONCURRENCY = 32;

/**
 * The invariant that matters most: a message the API answered 201 for is
 * stored exactly once, whatever happens to the supervisor meanwhile. The
 * supervisor runs as a real process here, so it can be killed.
 */
describe('ingest across supervisor crashes and stops', function () {
  this.timeout(180_000);
  const config = testConfig({ server: { port: 0 } });
  let sql: Sql;
  let amqp: Connection;
  let api: ReturnType<typeof createApi>;
  let base: string;
  const supervisors: ServiceProcess[] = [];

  const supervisorEnv = {
    DATABASE_URL: config.database.url,
    RABBITMQ_URL: config.rabbitmq.url,
    SUPERVISOR_PORT: '0',
    INGEST_BATCH_SIZE: '50',
    GRACEFUL_SHUTDOWN_TIMEOUT: '20s',
  };

  before(async () => {
    sql = createSql(config.database.url, { max: 8, applicationName: 'test' });
    amqp = testAmqp('test-api');
    api = createApi({ config, sql, amqp, logger: testLogger('api'), registry: createRegistry('api') });
    base = `http://127.0.0.1:${(await api.start()).port}`;
  });

  afterEach(async () => {
    for (const supervisor of supervisors.splice(0)) {
      if (supervisor.child.exitCode === null && supervisor.child.signalCode === null) {
        supervisor.child.kill('SIGKILL');
      }
      await supervisor.exited;
    }
  });

  after(async () => {
    await api.stop();
    await amqp.close();
    await sql.end({ timeout: 5 });
  });

  async function createTenant(workers: number): Promise<string> {
    const response = await fetch(`${base}/api/v1/tenants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: uniqueName('e2e'), workers }),
    });
    expect(response.status).to.equal(201);
    return ((await response.json()) as { id: string }).id;
  }

  /** Publishes TOTAL messages through the API; resolves with the ids answered 201. */
  async function publishAll(tenantId: string): Promise<string[]> {
    const accepted: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < TOTAL) {
        const index = next++;
        const response = await fetch(`${base}/api/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ tenant_id: tenantId, payload: { index } }),
        });
        if (response.status === 201) accepted.push(((await response.json()) as { id: string }).id);
        else expect.fail(`publish answered ${response.status}: ${await response.text()}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return accepted;
  }

  async function startSupervisor(): Promise<ServiceProcess> {
    const supervisor = await spawnService('supervisor', supervisorEnv);
    supervisors.push(supervisor);
    return supervisor;
  }

  async function expectStoredExactly(tenantId: string, accepted: string[]): Promise<void> {
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count >= accepted.length,
      {
        timeout: 60_000,
        what: `${accepted.length} rows`,
      },
    );
    const stored = await storedIds(sql, tenantId);
    expect(stored.length).to.equal(accepted.length);
    expect(new Set(stored)).to.deep.equal(new Set(accepted));
    await eventually(
      () => queueDepth(amqp, tenantQueueName(tenantId)),
      (depth) => depth === 0,
    );
    expect(await queueDepth(amqp, deadLetterQueueName(tenantId))).to.equal(0);
  }

  /** Streams TOTAL messages to a new tenant and signals its supervisor once 1,000 are stored. */
  async function signalMidStream(signal: NodeJS.Signals) {
    const tenantId = await createTenant(4);
    const first = await startSupervisor();
    const publishing = publishAll(tenantId);
    await eventually(
      () => countMessages(sql, tenantId),
      (count) => count >= 1_000,
      { timeout: 60_000 },
    );
    first.child.kill(signal);
    return { tenantId, first, publishing };
  }

  it('stores every accepted message exactly once when the supervisor is SIGKILLed mid-stream and restarted', async () => {
    const { tenantId, first, publishing } = await signalMidStream('SIGKILL');
    expect(await first.exited).to.equal('SIGKILL');
    const storedAtKill = await countMessages(sql, tenantId);

    await startSupervisor();
    const accepted = await publishing;
    expect(accepted.length).to.equal(TOTAL);
    expect(storedAtKill).to.be.below(TOTAL);
    await expectStoredExactly(tenantId, accepted);
  });

  it('on SIGTERM mid-stream, stores and acks all it holds before exiting, losing and duplicating nothing', async () => {
    const { tenantId, first, publishing } = await signalMidStream('SIGTERM');
    expect(await first.exited).to.equal(0);
    expect(first.logs.some((entry) => entry.message === 'supervisor stopped')).to.equal(true);

    const accepted = await publishing;
    expect(accepted.length).to.equal(TOTAL);
    // Nothing consumes now: every accepted message is either stored or still queued, once.
    const stored = await countMessages(sql, tenantId);
    const queued = await queueDepth(amqp, tenantQueueName(tenantId));
    expect(stored).to.be.below(TOTAL);
    expect(stored + queued).to.equal(TOTAL);

    await startSupervisor();
    await expectStoredExactly(tenantId, accepted);
  });
});
