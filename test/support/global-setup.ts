import { migrate } from '@mtm/migrations';
import { createAmqp, createSql, deadLetterQueueName, tenantQueueName } from '@mtm/shared';
import postgres from 'postgres';

/**
 * Each test run gets a database of its own, migrated from scratch, named in
 * TEST_DATABASE_URL for the helpers; it is dropped at the end together with
 * the queues of every tenant the run left behind.
 */
const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const database = `mtm_test_${Date.now().toString(36)}_${process.pid}`;
const testUrl = new URL(base);
testUrl.pathname = `/${database}`;
const rabbitUrl = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
// Set as this file loads, before any test file does, so suites may read them at definition time.
process.env.TEST_DATABASE_URL = testUrl.toString();
process.env.TEST_RABBITMQ_URL = rabbitUrl;

export async function mochaGlobalSetup(): Promise<void> {
  await migrate(testUrl.toString());
}

export async function mochaGlobalTeardown(): Promise<void> {
  const sql = createSql(testUrl.toString(), { max: 1, applicationName: 'test-teardown' });
  const tenants = await sql<{ id: string }[]>`select id from tenants`;
  await sql.end({ timeout: 5 });
  const amqp = createAmqp(rabbitUrl, { connectionName: 'test-teardown', onError: () => {} });
  for (const { id } of tenants) {
    await amqp.queueDelete({ queue: tenantQueueName(id) });
    await amqp.queueDelete({ queue: deadLetterQueueName(id) });
  }
  await amqp.close();
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin`drop database if exists ${admin(database)} with (force)`;
  await admin.end({ timeout: 5 });
  setImmediate(reportLeaks);
}

/**
 * What a test left running (a server, a socket, a child process, a timer)
 * would keep mocha alive forever after the last test. Name it and fail the
 * run instead; the timer below is unref'd, so it fires only if something
 * else holds the process.
 */
export function reportLeaks(): void {
  const leaked = process.getActiveResourcesInfo().filter((resource) => LEAKS.has(resource));
  if (leaked.length === 0) return;
  setTimeout(() => {
    console.error(`tests left resources open: ${process.getActiveResourcesInfo().join(', ')}`);
    process.exit(1);
  }, 5_000).unref();
}

const LEAKS = new Set(['TCPSocketWrap', 'TCPServerWrap', 'ProcessWrap', 'Timeout', 'Immediate']);
