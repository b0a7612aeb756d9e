import { type AsyncMessage, type Consumer, tenantQueueName } from '@mtm/shared';
import { expect } from 'chai';

import { uniqueName } from '../../../test/support/helpers.js';
import { MAX_PAYLOAD_DEPTH } from '../src/payload.js';
import type { MessageJson, TenantJson } from '../src/representations.js';
import { type ErrorJson, type RunningApi, startApi, UUID_V7 } from './harness.js';

const MAX_PAYLOAD_SIZE = 1024;

describe('POST /api/v1/messages', () => {
  let running: RunningApi;
  let tenant: TenantJson;

  before(async () => {
    running = await startApi({ overrides: { messages: { max_payload_size: MAX_PAYLOAD_SIZE } } });
    tenant = await createTenant();
  });

  after(async () => {
    await running?.stop();
  });

  async function createTenant(): Promise<TenantJson> {
    const response = await running.http.post<TenantJson>('/api/v1/tenants', { name: uniqueName() });
    expect(response.status).to.equal(201);
    return response.body;
  }

  async function queueDepth(tenantId: string): Promise<number> {
    const { messageCount } = await running.amqp.queueDeclare({
      queue: tenantQueueName(tenantId),
      passive: true,
    });
    return messageCount;
  }

  /**
   * The next message of a tenant queue, taken by a consumer: tenant queues
   * have a single active consumer, and RabbitMQ refuses basic.get on those.
   */
  async function takeOne(tenantId: string): Promise<AsyncMessage> {
    let consumer: Consumer | undefined;
    const message = await new Promise<AsyncMessage>((resolve, reject) => {
      consumer = running.amqp.createConsumer(
        { queue: tenantQueueName(tenantId), queueOptions: { passive: true }, qos: { prefetchCount: 1 } },
        (delivered) => resolve(delivered),
      );
      consumer.once('error', reject);
    });
    await consumer!.close();
    return message;
  }

  function publish<T = ErrorJson>(payload: unknown, tenantId = tenant.id) {
    return running.http.post<T>('/api/v1/messages', { tenant_id: tenantId, payload });
  }

  /** A payload whose JSON is exactly `size` bytes. */
  function payloadOfSize(size: number): Record<string, string> {
    return { data: 'x'.repeat(size - '{"data":""}'.length) };
  }

  it('answers 201 with the message, its UUIDv7 id and created_at, after the broker took it', async () => {
    const payload = { event: 'order.created', order_id: 42, nested: { list: [1, 'two', null, true] } };
    const before = Date.now();
    const response = await publish<MessageJson>(payload);
    expect(response.status).to.equal(201);
    expect(response.body).to.have.keys('id', 'tenant_id', 'payload', 'created_at');
    expect(response.body.id).to.match(UUID_V7);
    expect(response.body.tenant_id).to.equal(tenant.id);
    expect(response.body.payload).to.deep.equal(payload);
    expect(Date.parse(response.body.created_at)).to.be.within(before - 1_000, Date.now() + 1_000);
  });

  it('puts the message on the tenant queue: persistent, with its id and the JSON body the supervisor reads', async () => {
    const own = await createTenant();
    const before = await queueDepth(own.id);
    const response = await publish<MessageJson>({ hello: 'world' }, own.id);
    expect(response.status).to.equal(201);
    expect(await queueDepth(own.id)).to.equal(before + 1);

    const delivered = await takeOne(own.id);
    expect(delivered.messageId).to.equal(response.body.id);
    expect(delivered.durable).to.equal(true);
    expect(delivered.contentType).to.equal('application/json');
    expect(delivered.body).to.deep.equal(response.body);
  });

  it('gives every message a new id, in increasing order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await publish<MessageJson>({ i })).body.id);
    expect(new Set(ids).size).to.equal(5);
    expect([...ids].sort()).to.deep.equal(ids);
  });

  it('keeps an id the client chose, so a retry carries the same id', async () => {
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    const first = await running.http.post<MessageJson>('/api/v1/messages', {
      id,
      tenant_id: tenant.id,
      payload: { n: 1 },
    });
    const retry = await running.http.post<MessageJson>('/api/v1/messages', {
      id,
      tenant_id: tenant.id,
      payload: { n: 1 },
    });
    expect([first.status, retry.status]).to.deep.equal([201, 201]);
    expect(first.body.id).to.equal(id);
    expect(retry.body.id).to.equal(id);
  });

  it('answers 400 for a client id that is not a UUID', async () => {
    const response = await running.http.post<ErrorJson>('/api/v1/messages', {
      id: 'order-42',
      tenant_id: tenant.id,
      payload: {},
    });
    expect(response.status).to.equal(400);
    expect(response.body.code).to.equal('validation_failed');
  });

  it('answers 404 for a tenant that does not exist and queues nothing', async () => {
    const response = await publish({ a: 1 }, '01890a5d-ac96-774b-bcce-b302099a8057');
    expect(response.status).to.equal(404);
    expect(response.body.code).to.equal('not_found');
  });

  it('answers 503 and not 201 when the broker returns the message because the tenant queue is missing', async () => {
    const own = await createTenant();
    await running.amqp.queueDelete({ queue: tenantQueueName(own.id) });
    const response = await publish({ a: 1 }, own.id);
    expect(response.status).to.equal(503);
    expect(response.body.code).to.equal('service_unavailable');
    // The publisher channel survives a return: the next publish to a healthy tenant works.
    expect((await publish({ a: 2 })).status).to.equal(201);
    await running.http.delete(`/api/v1/tenants/${own.id}`);
  });

  for (const [what, payload] of [
    ['an array', [1, 2]],
    ['a string', 'hello'],
    ['null', null],
    ['a number', 7],
  ] as const) {
    it(`answers 400 for a payload that is ${what}`, async () => {
      const response = await publish(payload);
      expect(response.status).to.equal(400);
      expect(response.body.code).to.equal('validation_failed');
    });
  }

  for (const [what, body] of [
    ['a missing payload', { tenant_id: '01890a5d-ac96-774b-bcce-b302099a8057' }],
    ['a missing tenant_id', { payload: {} }],
    ['a tenant_id that is not a UUID', { tenant_id: 'acme', payload: {} }],
    ['an unknown field', { tenant_id: '01890a5d-ac96-774b-bcce-b302099a8057', payload: {}, priority: 1 }],
  ] as const) {
    it(`answers 400 for ${what}`, async () => {
      const response = await running.http.post<ErrorJson>('/api/v1/messages', body);
      expect(response.status).to.equal(400);
      expect(response.body.code).to.equal('validation_failed');
    });
  }

  it('accepts a payload of exactly max_payload_size bytes of JSON', async () => {
    const response = await publish(payloadOfSize(MAX_PAYLOAD_SIZE));
    expect(response.status).to.equal(201);
  });

  it('answers 413 payload_too_large for a payload one byte over max_payload_size, and queues nothing', async () => {
    const own = await createTenant();
    const response = await publish(payloadOfSize(MAX_PAYLOAD_SIZE + 1), own.id);
    expect(response.status).to.equal(413);
    expect(response.body.code).to.equal('payload_too_large');
    expect(await queueDepth(own.id)).to.equal(0);
  });

  it('answers 413 payload_too_large as JSON for a body far over the limit', async () => {
    const response = await publish(payloadOfSize(200 * 1024));
    expect(response.status).to.equal(413);
    expect(response.body).to.deep.equal({ error: 'request body is too large', code: 'payload_too_large' });
  });

  for (const [what, payload] of [
    ['a string holding U+0000', { text: 'nul \u0000 inside' }],
    ['a key holding U+0000', { ['key\u0000']: 1 }],
    ['a lone high surrogate', { text: 'half \ud83d' }],
    ['a lone low surrogate deep inside', { a: [{ b: 'x\udc00y' }] }],
  ] as const) {
    it(`answers 400 for a payload with ${what}, which PostgreSQL could never store`, async () => {
      const own = await createTenant();
      const response = await publish(payload, own.id);
      expect(response.status).to.equal(400);
      expect(response.body.code).to.equal('validation_failed');
      expect(await queueDepth(own.id)).to.equal(0);
    });
  }

  it('accepts text that merely looks like those escapes, and paired surrogates', async () => {
    const payload = { text: 'a backslash then u0000: \\u0000, an emoji: 😀, and \\\\ud800' };
    const response = await publish<MessageJson>(payload);
    expect(response.status).to.equal(201);
    expect(response.body.payload).to.deep.equal(payload);
  });

  it(`accepts a payload nested ${MAX_PAYLOAD_DEPTH} levels deep and answers 400 for one level more`, async () => {
    const nest = (depth: number): Record<string, unknown> => {
      let value: Record<string, unknown> = {};
      for (let i = 1; i < depth; i++) value = { v: value };
      return value;
    };
    expect((await publish(nest(MAX_PAYLOAD_DEPTH))).status).to.equal(201);
    const response = await publish(nest(MAX_PAYLOAD_DEPTH + 1));
    expect(response.status).to.equal(400);
    expect(response.body.error).to.include('nested');
  });

  it('answers 400 (not 500) for a payload nested far beyond what JSON.stringify can recurse', async () => {
    const depth = 30_000;
    const raw = `{"tenant_id":"${tenant.id}","payload":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const response = await running.http.send<ErrorJson>('/api/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    expect(response.status).to.equal(400);
    expect(response.body.code).to.equal('validation_failed');
  });

  it('answers 400 invalid_json for a malformed body', async () => {
    const response = await running.http.send<ErrorJson>('/api/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"tenant_id": ',
    });
    expect(response.status).to.equal(400);
    expect(response.body).to.deep.equal({ error: 'request body is not valid JSON', code: 'invalid_json' });
  });

  it('answers 415 unsupported_media_type as JSON for a body that is not application/json', async () => {
    const response = await running.http.send<ErrorJson>('/api/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ tenant_id: tenant.id, payload: {} }),
    });
    expect(response.status).to.equal(415);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    expect(response.body.code).to.equal('unsupported_media_type');
  });

  it('answers 4xx as JSON for a request without a body', async () => {
    const response = await running.http.send<ErrorJson>('/api/v1/messages', { method: 'POST' });
    expect(response.status).to.be.within(400, 499);
    expect(response.body.code).to.be.a('string');
  });
});
