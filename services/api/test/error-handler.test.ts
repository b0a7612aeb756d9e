import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import { ConflictError, createLogger, ValidationError } from '@mtm/shared';
import { expect } from 'chai';
import express from 'express';

import { errorHandler, notFoundHandler } from '../src/error-handler.js';
import { type HttpClient, httpClient } from './harness.js';

/** A logger that keeps what it is given, to check what does and does not reach the log. */
function capturingLogger(): { logger: ReturnType<typeof createLogger>; entries: unknown[] } {
  const entries: unknown[] = [];
  const logger = createLogger({ level: 'debug', format: 'json', service: 'test' });
  logger.clear();
  // A winston logger is an object-mode stream that pipes into its transports.
  const sink = new Writable({
    objectMode: true,
    write(info, _encoding, done) {
      entries.push(info);
      done();
    },
  });
  logger.pipe(sink);
  return { logger, entries };
}

describe('errorHandler', () => {
  let server: Server;
  let http: HttpClient;
  const captured = capturingLogger();

  before(async () => {
    const app = express();
    app.use(express.json());
    app.post('/boom', () => {
      throw new Error('connection string postgres://secret@db leaked');
    });
    app.get('/conflict', () => {
      throw new ConflictError('taken');
    });
    app.get('/invalid', () => {
      throw new ValidationError('bad thing', [{ path: '/x', message: 'nope' }]);
    });
    app.use(notFoundHandler);
    app.use(errorHandler(captured.logger));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    http = httpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers an unexpected error with a generic 500 and keeps the detail in the log only', async () => {
    const response = await http.post('/boom', { card_number: '4111 1111 1111 1111' });
    expect(response.status).to.equal(500);
    expect(response.body).to.deep.equal({ error: 'internal server error', code: 'internal_error' });
    const logged = JSON.stringify(captured.entries.at(-1));
    expect(logged).to.include('secret@db');
    // Request bodies never reach the log.
    expect(logged).to.not.include('4111');
  });

  it('answers our errors with their status, code, message and details', async () => {
    const conflict = await http.get('/conflict');
    expect(conflict.status).to.equal(409);
    expect(conflict.body).to.deep.equal({ error: 'taken', code: 'conflict' });
    const invalid = await http.get('/invalid');
    expect(invalid.status).to.equal(400);
    expect(invalid.body).to.deep.equal({
      error: 'bad thing',
      code: 'validation_failed',
      details: [{ path: '/x', message: 'nope' }],
    });
  });

  it('answers a body that is JSON but not an object or array with 400 invalid_json', async () => {
    const response = await http.send('/boom', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '"just a string"',
    });
    expect(response.status).to.equal(400);
    expect(response.body).to.deep.equal({ error: 'request body is not valid JSON', code: 'invalid_json' });
  });

  it('answers an unsupported charset with 415 unsupported_media_type', async () => {
    const response = await http.send('/boom', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: '{}',
    });
    expect(response.status).to.equal(415);
    expect(response.body).to.deep.include({ code: 'unsupported_media_type' });
  });
});
