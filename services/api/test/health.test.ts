import type { AddressInfo } from 'node:net';

import { expect } from 'chai';
import express from 'express';

import { healthRoutes } from '../src/routes/health.js';
import { type RunningApi, startApi } from './harness.js';

describe('health for orchestrators', () => {
  let running: RunningApi;

  before(async () => {
    running = await startApi();
  });

  after(async () => {
    await running?.stop();
  });

  it('answers /health/live and /health/ready 200 while PostgreSQL and RabbitMQ answer', async () => {
    const live = await running.http.get<{ status: string }>('/health/live');
    expect(live.status).to.equal(200);
    expect(live.body).to.deep.equal({ status: 'ok' });
    const ready = await running.http.get<{ status: string }>('/health/ready');
    expect(ready.status).to.equal(200);
    expect(ready.body.status).to.equal('ok');
  });

  it('answers /health/ready 503 stopping, and /health/live still 200, once a stop has begun', async () => {
    // The routes on their own, with the stop flag raised: the API itself stops
    // accepting connections at the same moment, so only a connection kept
    // alive from before would see this answer.
    let stopping = false;
    const app = express().use(
      healthRoutes({ sql: running.sql, amqp: running.amqp, isStopping: () => stopping }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/health/ready`)).status).to.equal(200);
      stopping = true;
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).to.equal(503);
      expect(await ready.json()).to.deep.equal({ status: 'stopping' });
      expect((await fetch(`${base}/health/live`)).status).to.equal(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
