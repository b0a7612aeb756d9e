import { type Config, type Connection, createRegistry, createSql, type Sql } from '@mtm/shared';

import { testAmqp, testConfig, testLogger } from '../../../test/support/helpers.js';
import { type Api, createApi } from '../src/api.js';

export interface RunningApi {
  api: Api;
  config: Config;
  /** The API's own connections, also handy for the test's direct checks. */
  sql: Sql;
  amqp: Connection;
  http: HttpClient;
  /** Stops the API, then closes its connections. */
  stop(): Promise<void>;
}

/**
 * An in-process API on a free port. Responses are validated against
 * openapi.yaml as well, so a response the contract does not describe fails
 * the test with a 500.
 */
export async function startApi(
  options: {
    overrides?: Record<string, unknown>;
    databaseUrl?: string;
    rabbitmqUrl?: string;
    brokerTimeout?: number;
  } = {},
): Promise<RunningApi> {
  const config = testConfig({ server: { port: 0 }, ...options.overrides });
  const sql = createSql(options.databaseUrl ?? config.database.url, { max: 5, applicationName: 'test-api' });
  const amqp = testAmqp('test-api', options.rabbitmqUrl ?? config.rabbitmq.url);
  const api = createApi({
    config,
    sql,
    amqp,
    logger: testLogger('api'),
    registry: createRegistry('api'),
    brokerTimeout: options.brokerTimeout,
    validateResponses: true,
  });
  const { port } = await api.start();
  return {
    api,
    config,
    sql,
    amqp,
    http: httpClient(`http://127.0.0.1:${port}`),
    async stop() {
      await api.stop();
      await amqp.close();
      await sql.end({ timeout: 5 });
    },
  };
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text. */
  body: T;
}

export interface HttpClient {
  baseUrl: string;
  get<T = unknown>(path: string): Promise<HttpResponse<T>>;
  delete<T = unknown>(path: string): Promise<HttpResponse<T>>;
  post<T = unknown>(path: string, body: unknown): Promise<HttpResponse<T>>;
  put<T = unknown>(path: string, body: unknown): Promise<HttpResponse<T>>;
  /** Anything else: a raw body, other headers or methods. */
  send<T = unknown>(path: string, init: RequestInit): Promise<HttpResponse<T>>;
  /** The same client, sending `Authorization: Bearer <token>` with every request. */
  withToken(token: string): HttpClient;
}

export function httpClient(baseUrl: string, headers: Record<string, string> = {}): HttpClient {
  const send = async <T>(path: string, init: RequestInit): Promise<HttpResponse<T>> => {
    const response = await fetch(baseUrl + path, {
      ...init,
      headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('application/json') ?? false;
    return {
      status: response.status,
      headers: response.headers,
      body: (json ? JSON.parse(text) : text) as T,
    };
  };
  const withJson = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    baseUrl,
    get: (path) => send(path, { method: 'GET' }),
    delete: (path) => send(path, { method: 'DELETE' }),
    post: (path, body) => send(path, withJson('POST', body)),
    put: (path, body) => send(path, withJson('PUT', body)),
    send,
    withToken: (token) => httpClient(baseUrl, { ...headers, authorization: `Bearer ${token}` }),
  };
}

/** The `{error, code, details?}` body of every error response. */
export interface ErrorJson {
  error: string;
  code: string;
  details?: { path: string; message: string }[];
}

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
