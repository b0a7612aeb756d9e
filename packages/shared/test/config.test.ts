import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError, configVariables, loadConfig } from '@mtm/shared';
import { expect } from 'chai';

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'config-test-'));
  function yamlFile(text: string): string {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(path, text);
    return path;
  }

  it('has defaults that need no file and no variable, with durations in milliseconds', () => {
    const config = loadConfig({ env: {}, file: '/dev/null' });
    expect(config.server.port).to.equal(8080);
    expect(config.supervisor.port).to.equal(8081);
    expect(config.workers).to.equal(3);
    expect(config.max_workers).to.equal(100);
    expect(config.messages.max_payload_size).to.equal(256 * 1024);
    expect(config.graceful_shutdown_timeout).to.equal(30_000);
    expect(config.auth.token_expiry).to.equal(24 * 3_600_000);
  });

  it('reads the YAML file of the system it replaces', () => {
    const file = yamlFile(`
rabbitmq:
  url: amqp://user:pass@localhost:5672/
database:
  url: postgres://user:pass@localhost:5432/messaging_system
server:
  host: localhost
  port: 9090
workers: 5
logging:
  level: debug
  format: text
auth:
  jwt_secret: your-secret-key
  token_expiry: 1h
  refresh_expiry: 168h
  require_auth: false
  allow_registration: false
metrics:
  enabled: true
  path: /metrics
graceful_shutdown_timeout: 45s
`);
    const config = loadConfig({ env: {}, file });
    expect(config.server).to.deep.equal({ host: 'localhost', port: 9090 });
    expect(config.workers).to.equal(5);
    expect(config.logging).to.deep.equal({ level: 'debug', format: 'text' });
    expect(config.auth.token_expiry).to.equal(3_600_000);
    expect(config.graceful_shutdown_timeout).to.equal(45_000);
  });

  it('lets environment variables win over the file', () => {
    const file = yamlFile('workers: 5\nserver:\n  port: 9090\n');
    const config = loadConfig({
      env: { WORKERS: '7', AUTH_REQUIRE_AUTH: 'true', AUTH_JWT_SECRET: 'x'.repeat(32) },
      file,
    });
    expect(config.workers).to.equal(7);
    expect(config.server.port).to.equal(9090);
    expect(config.auth.require_auth).to.equal(true);
  });

  describe('with require_auth on', () => {
    for (const [what, secret] of [
      ['missing', ''],
      ['the published default', 'your-secret-key'],
      ['shorter than 32 bytes', 'x'.repeat(31)],
    ] as const) {
      it(`refuses to load when the JWT secret is ${what}, naming AUTH_JWT_SECRET`, () => {
        expect(() =>
          loadConfig({ env: { AUTH_REQUIRE_AUTH: 'true', AUTH_JWT_SECRET: secret }, file: '/dev/null' }),
        )
          .to.throw(ConfigError)
          .with.property('message')
          .that.includes('auth.jwt_secret')
          .and.includes('AUTH_JWT_SECRET');
      });
    }

    it('refuses the default secret when it comes from the file', () => {
      const file = yamlFile('auth:\n  require_auth: true\n');
      expect(() => loadConfig({ env: {}, file })).to.throw(ConfigError, /AUTH_JWT_SECRET/);
    });

    it('accepts a secret of 32 bytes, and the default secret while require_auth is off', () => {
      const secret = 'é'.repeat(16); // 32 bytes in UTF-8, 16 characters
      expect(
        loadConfig({ env: { AUTH_REQUIRE_AUTH: 'true', AUTH_JWT_SECRET: secret }, file: '/dev/null' }).auth,
      ).to.include({ require_auth: true, jwt_secret: secret });
      expect(loadConfig({ env: {}, file: '/dev/null' }).auth).to.include({
        require_auth: false,
        jwt_secret: 'your-secret-key',
      });
    });
  });

  it('reads the login limits and demo switch from their variables, off and 10/50 per 15 min by default', () => {
    const defaults = loadConfig({ env: {}, file: '/dev/null' }).auth;
    expect(defaults).to.include({
      demo_users: false,
      login_max_failures_per_user: 10,
      login_max_failures_per_address: 50,
      login_failure_window: 15 * 60_000,
    });
    const set = loadConfig({
      env: {
        AUTH_DEMO_USERS: 'true',
        AUTH_LOGIN_MAX_FAILURES_PER_USER: '4',
        AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS: '9',
        AUTH_LOGIN_FAILURE_WINDOW: '1m',
      },
      file: '/dev/null',
    }).auth;
    expect(set).to.include({
      demo_users: true,
      login_max_failures_per_user: 4,
      login_max_failures_per_address: 9,
      login_failure_window: 60_000,
    });
  });

  it('finds the file through CONFIG_FILE', () => {
    const file = yamlFile('max_workers: 12\n');
    expect(loadConfig({ env: { CONFIG_FILE: file } }).max_workers).to.equal(12);
  });

  it('refuses a bad value, naming the key and its variable', () => {
    expect(() => loadConfig({ env: { WORKERS: 'three' }, file: '/dev/null' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.includes('workers')
      .and.includes('WORKERS');
    expect(() => loadConfig({ env: { GRACEFUL_SHUTDOWN_TIMEOUT: 'soon' }, file: '/dev/null' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.includes('GRACEFUL_SHUTDOWN_TIMEOUT');
    expect(() => loadConfig({ env: { LOGGING_FORMAT: 'xml' }, file: '/dev/null' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.includes('LOGGING_FORMAT');
  });

  it('refuses workers and batch sizes whose prefetch AMQP cannot carry', () => {
    expect(() => loadConfig({ env: { MAX_WORKERS: '100', INGEST_BATCH_SIZE: '1000' }, file: '/dev/null' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.includes('INGEST_BATCH_SIZE');
    expect(
      loadConfig({ env: { MAX_WORKERS: '65', INGEST_BATCH_SIZE: '1000' }, file: '/dev/null' }).max_workers,
    ).to.equal(65);
  });

  it('refuses a key it does not know instead of ignoring it', () => {
    const file = yamlFile('workers: 3\nwrokers: 4\n');
    expect(() => loadConfig({ env: {}, file }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.includes('wrokers');
  });

  it('refuses a file that is not a YAML mapping', () => {
    expect(() => loadConfig({ env: {}, file: yamlFile('- a\n- b\n') })).to.throw(ConfigError);
  });

  it('names an environment variable for every key', () => {
    const variables = configVariables();
    expect(variables.get('database.url')).to.equal('DATABASE_URL');
    expect(variables.get('supervisor.port')).to.equal('SUPERVISOR_PORT');
    expect(variables.get('ingest.batch_size')).to.equal('INGEST_BATCH_SIZE');
    expect(new Set(variables.values()).size).to.equal(variables.size);
  });
});
