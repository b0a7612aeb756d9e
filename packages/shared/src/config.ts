import { existsSync, readFileSync } from 'node:fs';

import convict from 'convict';
import { parse as parseYaml } from 'yaml';

import { parseDuration } from './duration.js';
import { ConfigError } from './errors.js';

convict.addFormat({
  name: 'duration',
  validate(value: unknown) {
    if (parseDuration(value) === undefined) {
      throw new Error('must be a duration such as 500ms, 30s, 5m or 24h');
    }
  },
  coerce: (value: unknown) => parseDuration(value) ?? value,
});

convict.addFormat({
  name: 'positive-int',
  validate(value: unknown) {
    if (!Number.isInteger(value) || (value as number) < 1) {
      throw new Error('must be a positive integer');
    }
  },
  coerce: (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
});

const schema = {
  rabbitmq: {
    url: {
      doc: 'RabbitMQ connection URL',
      format: String,
      default: 'amqp://guest:guest@127.0.0.1:5672',
      env: 'RABBITMQ_URL',
      sensitive: true,
    },
    delivery_limit: {
      doc: 'Deliveries of one message before its queue dead-letters it (crashes count too)',
      format: 'positive-int',
      default: 20,
      env: 'RABBITMQ_DELIVERY_LIMIT',
    },
  },
  database: {
    url: {
      doc: 'PostgreSQL connection URL; the database is created if it is missing',
      format: String,
      default: 'postgres://postgres@127.0.0.1:5432/messaging_system',
      env: 'DATABASE_URL',
      sensitive: true,
    },
    pool_size: {
      doc: 'Connections each process may open to PostgreSQL',
      format: 'positive-int',
      default: 10,
      env: 'DATABASE_POOL_SIZE',
    },
  },
  server: {
    host: { doc: 'API bind host', format: String, default: '127.0.0.1', env: 'SERVER_HOST' },
    port: { doc: 'API bind port', format: 'port', default: 8080, env: 'SERVER_PORT' },
  },
  supervisor: {
    host: {
      doc: 'Supervisor bind host (health and metrics)',
      format: String,
      default: '127.0.0.1',
      env: 'SUPERVISOR_HOST',
    },
    port: {
      doc: 'Supervisor bind port (health and metrics)',
      format: 'port',
      default: 8081,
      env: 'SUPERVISOR_PORT',
    },
    membership_interval: {
      doc: 'How often a supervisor looks at which replicas are alive, and so re-divides the tenants',
      format: 'duration',
      default: '2s',
      env: 'SUPERVISOR_MEMBERSHIP_INTERVAL',
    },
  },
  workers: {
    doc: 'Default worker count of a new tenant',
    format: 'positive-int',
    default: 3,
    env: 'WORKERS',
  },
  max_workers: {
    doc: 'Largest worker count a tenant may ask for',
    format: 'positive-int',
    default: 100,
    env: 'MAX_WORKERS',
  },
  ingest: {
    batch_size: {
      doc: 'Most messages one worker writes in one INSERT',
      format: 'positive-int',
      default: 200,
      env: 'INGEST_BATCH_SIZE',
    },
    batch_linger: {
      doc: 'How long a worker waits for a batch to fill before writing it',
      format: 'duration',
      default: '5ms',
      env: 'INGEST_BATCH_LINGER',
    },
  },
  messages: {
    max_payload_size: {
      doc: 'Largest message payload accepted, in bytes of JSON',
      format: 'positive-int',
      default: 262_144,
      env: 'MESSAGES_MAX_PAYLOAD_SIZE',
    },
  },
  reconcile_interval: {
    doc: 'How often a supervisor compares its pools with the tenants table',
    format: 'duration',
    default: '30s',
    env: 'RECONCILE_INTERVAL',
  },
  logging: {
    level: {
      doc: 'Log level',
      format: ['debug', 'info', 'warn', 'error'],
      default: 'info',
      env: 'LOGGING_LEVEL',
    },
    format: {
      doc: 'Log format',
      format: ['json', 'text'],
      default: 'json',
      env: 'LOGGING_FORMAT',
    },
  },
  auth: {
    jwt_secret: {
      doc: 'HMAC secret that signs tokens',
      format: String,
      default: 'your-secret-key',
      env: 'AUTH_JWT_SECRET',
      sensitive: true,
    },
    token_expiry: {
      doc: 'Access token lifetime',
      format: 'duration',
      default: '24h',
      env: 'AUTH_TOKEN_EXPIRY',
    },
    refresh_expiry: {
      doc: 'Refresh token lifetime',
      format: 'duration',
      default: '168h',
      env: 'AUTH_REFRESH_EXPIRY',
    },
    require_auth: {
      doc: 'Require a Bearer token on the API',
      format: Boolean,
      default: false,
      env: 'AUTH_REQUIRE_AUTH',
    },
    allow_registration: {
      doc: 'Allow self-registration of users',
      format: Boolean,
      default: false,
      env: 'AUTH_ALLOW_REGISTRATION',
    },
    demo_users: {
      doc: 'Provide the demo accounts admin/admin123 and user/user123 (never in production)',
      format: Boolean,
      default: false,
      env: 'AUTH_DEMO_USERS',
    },
    login_max_failures_per_user: {
      doc: 'Failed logins of one username within the window before logins are refused',
      format: 'positive-int',
      default: 10,
      env: 'AUTH_LOGIN_MAX_FAILURES_PER_USER',
    },
    login_max_failures_per_address: {
      doc: 'Failed logins from one client address within the window before logins are refused',
      format: 'positive-int',
      default: 50,
      env: 'AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS',
    },
    login_failure_window: {
      doc: 'How long a failed login counts towards the limits',
      format: 'duration',
      default: '15m',
      env: 'AUTH_LOGIN_FAILURE_WINDOW',
    },
  },
  metrics: {
    enabled: {
      doc: 'Serve Prometheus metrics',
      format: Boolean,
      default: true,
      env: 'METRICS_ENABLED',
    },
    path: { doc: 'Metrics route', format: String, default: '/metrics', env: 'METRICS_PATH' },
    update_interval: {
      doc: 'How often gauges that cost a round trip (queue sizes, database connections) are refreshed',
      format: 'duration',
      default: '10s',
      env: 'METRICS_UPDATE_INTERVAL',
    },
  },
  graceful_shutdown_timeout: {
    doc: 'How long a stopping process may drain before it is forced',
    format: 'duration',
    default: '30s',
    env: 'GRACEFUL_SHUTDOWN_TIMEOUT',
  },
};

const MAX_PREFETCH = 65_535;

/** The original system's placeholder: anyone who read its documentation can sign tokens with it. */
export const DEFAULT_JWT_SECRET = 'your-secret-key';
/** HS256 keys shorter than its 256-bit output weaken it (RFC 7518, section 3.2). */
export const MIN_JWT_SECRET_BYTES = 32;

/** Durations are in milliseconds. */
export interface Config {
  rabbitmq: { url: string; delivery_limit: number };
  database: { url: string; pool_size: number };
  server: { host: string; port: number };
  supervisor: { host: string; port: number; membership_interval: number };
  workers: number;
  max_workers: number;
  ingest: { batch_size: number; batch_linger: number };
  messages: { max_payload_size: number };
  reconcile_interval: number;
  logging: { level: 'debug' | 'info' | 'warn' | 'error'; format: 'json' | 'text' };
  auth: {
    jwt_secret: string;
    token_expiry: number;
    refresh_expiry: number;
    require_auth: boolean;
    allow_registration: boolean;
    demo_users: boolean;
    login_max_failures_per_user: number;
    login_max_failures_per_address: number;
    login_failure_window: number;
  };
  metrics: { enabled: boolean; path: string; update_interval: number };
  graceful_shutdown_timeout: number;
}

export interface LoadConfigOptions {
  /** The environment to read variables from (the composition root passes `process.env`). */
  env: Record<string, string | undefined>;
  /** A YAML file; defaults to `CONFIG_FILE`, else `./config.yaml` when it exists. */
  file?: string;
  /** Values that win over file and environment (tests use them). */
  overrides?: Record<string, unknown>;
}

/** Environment variable of every key, for error messages and docs. */
export function configVariables(): Map<string, string> {
  const variables = new Map<string, string>();
  const walk = (node: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const entry = value as Record<string, unknown>;
      if ('env' in entry && 'default' in entry) variables.set(prefix + key, entry.env as string);
      else walk(entry, `${prefix}${key}.`);
    }
  };
  walk(schema, '');
  return variables;
}

/**
 * Loads and strictly validates the configuration: defaults, then the YAML
 * file, then environment variables, then overrides. Throws ConfigError naming
 * each bad key with its environment variable.
 */
export function loadConfig(options: LoadConfigOptions): Config {
  const conf = convict(schema, { env: options.env, args: [] });
  const file =
    options.file ?? options.env.CONFIG_FILE ?? (existsSync('config.yaml') ? 'config.yaml' : undefined);
  const variables = configVariables();
  try {
    if (file !== undefined) {
      const parsed: unknown = parseYaml(readFileSync(file, 'utf8'));
      if (parsed !== null && parsed !== undefined) {
        if (typeof parsed !== 'object' || Array.isArray(parsed)) {
          throw new Error(`${file} must hold a YAML mapping`);
        }
        conf.load(parsed);
        // Environment variables win over the file.
        conf.load(fromEnvironment(options.env, variables));
      }
    }
    if (options.overrides) conf.load(options.overrides);
    conf.validate({ allowed: 'strict' });
    // A pool's prefetch is workers × batch_size, and AMQP carries prefetch_count in 16 bits.
    const largestPrefetch = conf.get('max_workers') * conf.get('ingest.batch_size');
    if (largestPrefetch > MAX_PREFETCH) {
      throw new Error(
        `max_workers × ingest.batch_size: must be at most ${MAX_PREFETCH} (a pool's prefetch), was ${largestPrefetch} ` +
          '(environment variables MAX_WORKERS, INGEST_BATCH_SIZE)',
      );
    }
    checkJwtSecret(conf.get('auth.require_auth'), conf.get('auth.jwt_secret'));
  } catch (error) {
    throw new ConfigError(describe(error, variables), { cause: error });
  }
  return conf.getProperties() as unknown as Config;
}

/** Enforced tokens are only as strong as their secret: a weak one stops the process. */
function checkJwtSecret(requireAuth: boolean, secret: string): void {
  if (!requireAuth) return;
  let problem: string | undefined;
  if (secret === '') problem = 'is missing';
  else if (secret === DEFAULT_JWT_SECRET) problem = 'is the published default';
  else if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    problem = `is shorter than ${MIN_JWT_SECRET_BYTES} bytes`;
  }
  if (problem !== undefined) {
    throw new Error(
      `auth.jwt_secret: ${problem}; with auth.require_auth true it must be a random secret of at least ` +
        `${MIN_JWT_SECRET_BYTES} bytes`,
    );
  }
}

function fromEnvironment(env: LoadConfigOptions['env'], variables: Map<string, string>): object {
  const values: Record<string, unknown> = {};
  for (const [key, variable] of variables) {
    const value = env[variable];
    if (value === undefined) continue;
    const path = key.split('.');
    let node = values;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = value;
  }
  return values;
}

function describe(error: unknown, variables: Map<string, string>): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((line) => {
    const key = /^([\w.]+): /.exec(line)?.[1];
    const variable = key === undefined ? undefined : variables.get(key);
    return variable === undefined ? line : `${line} (key ${key}, environment variable ${variable})`;
  });
  return `invalid configuration:\n  ${lines.join('\n  ')}`;
}
