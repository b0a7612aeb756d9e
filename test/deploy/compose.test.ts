import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Config, configVariables, loadConfig, parseDuration } from '@mtm/shared';
import { expect } from 'chai';
import { parse as parseYaml } from 'yaml';

/**
 * docker-compose.yml and the Dockerfiles it names, checked without a Docker
 * engine: what would only show once the stack runs (a variable the config
 * ignores, a port nothing listens on, a SIGTERM that never reaches node).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target: number | string; published?: number | string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  stop_grace_period?: string;
  deploy?: { replicas?: number };
  scale?: number;
}

/** What each third-party image reads from its environment, as its documentation names it. */
const IMAGE_VARIABLES: Record<string, string[]> = {
  postgres: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'],
  rabbitmq: ['RABBITMQ_DEFAULT_USER', 'RABBITMQ_DEFAULT_PASS'],
};

const compose = parseYaml(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** The services built from this repository's Dockerfiles, with the Dockerfile's path. */
function builtServices(): { name: string; service: ComposeService; dockerfile: string }[] {
  return Object.entries(compose.services).flatMap(([name, entry]) => {
    if (entry.build === undefined) return [];
    const build = typeof entry.build === 'string' ? { context: entry.build } : entry.build;
    const dockerfile = path.join(ROOT, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
    return [{ name, service: entry, dockerfile }];
  });
}

/** Compose interpolation as a fresh checkout without a .env file gets it: every `${VAR:-default}` is its default. */
function interpolate(value: string): string {
  return value.replace(/\$\$|\$\{\w+(?::?-([^}]*))?\}|\$\w+/g, (match: string, fallback?: string) =>
    match === '$$' ? '$' : (fallback ?? ''),
  );
}

/** A service's environment, interpolated; a variable passed through from the host has no value. */
function environment(entry: ComposeService): Map<string, string | undefined> {
  const variables = new Map<string, string | undefined>();
  if (Array.isArray(entry.environment)) {
    for (const item of entry.environment) {
      const [name, ...rest] = item.split('=');
      variables.set(name!, rest.length === 0 ? undefined : interpolate(rest.join('=')));
    }
  } else {
    for (const [name, value] of Object.entries(entry.environment ?? {})) {
      variables.set(name, value === null ? undefined : interpolate(String(value)));
    }
  }
  return variables;
}

/** The configuration a service would load from its compose environment (strictly validated). */
function configOf(entry: ComposeService): Config {
  const env: Record<string, string> = {};
  for (const [name, value] of environment(entry)) if (value !== undefined) env[name] = value;
  return loadConfig({ env, file: '/dev/null' });
}

function dependencies(entry: ComposeService): Record<string, string | undefined> {
  const dependsOn = entry.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, { condition }]) => [name, condition]));
}

/** The container side of each published port. */
function containerPorts(entry: ComposeService): number[] {
  return (entry.ports ?? []).map((port) => {
    if (typeof port === 'object') return Number(interpolate(String(port.target)));
    const spec = interpolate(String(port)).replace(/\/(tcp|udp)$/, '');
    return Number(spec.split(':').at(-1));
  });
}

interface Instruction {
  keyword: string;
  args: string;
}

/** The instructions of a Dockerfile's last stage, continuation lines joined and comments dropped. */
function finalStage(dockerfile: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const line of readFileSync(dockerfile, 'utf8').split('\n')) {
    if (/^\s*#/.test(line)) continue;
    pending += line.replace(/\\\s*$/, ' ');
    if (/\\\s*$/.test(line)) continue;
    const text = pending.trim();
    pending = '';
    if (text === '') continue;
    const [keyword, ...args] = text.split(/\s+/);
    instructions.push({ keyword: keyword!.toUpperCase(), args: args.join(' ') });
  }
  const lastFrom = instructions.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  return instructions.slice(lastFrom + 1);
}

/** The argv of an exec-form instruction; undefined for shell form, which runs under /bin/sh -c. */
function execForm(instruction: Instruction | undefined): string[] | undefined {
  if (instruction === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(instruction.args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function last(stage: Instruction[], keyword: string): Instruction | undefined {
  return stage.filter((instruction) => instruction.keyword === keyword).at(-1);
}

describe('docker-compose.yml', () => {
  it('sets on our services only environment variables the config schema reads', () => {
    const known = new Set(configVariables().values());
    const built = builtServices();
    expect(built.map(({ name }) => name)).to.include.members([
      'api',
      'supervisor',
      'supervisor-2',
      'migrate',
    ]);
    for (const { name, service: entry } of built) {
      const unknown = [...environment(entry).keys()].filter((variable) => !known.has(variable));
      expect(unknown, `${name} sets variables the config ignores`).to.deep.equal([]);
      expect(() => configOf(entry), `${name}'s environment is a valid configuration`).not.to.throw();
    }
  });

  it('sets image variables only on the postgres and rabbitmq services, and no other', () => {
    for (const [name, entry] of Object.entries(compose.services)) {
      if (entry.build !== undefined) continue;
      const repository = (entry.image ?? '').split(':')[0]!;
      const allowed = new Set(IMAGE_VARIABLES[repository] ?? []);
      const unknown = [...environment(entry).keys()].filter((variable) => !allowed.has(variable));
      expect(unknown, `${name} (${entry.image}) sets variables its image does not read`).to.deep.equal([]);
    }
    expect([...environment(service('postgres')).keys()]).to.include('POSTGRES_PASSWORD');
    expect([...environment(service('rabbitmq')).keys()]).to.include('RABBITMQ_DEFAULT_PASS');
  });

  it('points the services at the database and broker of this stack, with their credentials', () => {
    const postgres = environment(service('postgres'));
    const rabbitmq = environment(service('rabbitmq'));
    for (const name of ['api', 'supervisor', 'supervisor-2', 'migrate']) {
      const config = configOf(service(name));
      const database = new URL(config.database.url);
      expect(database.host, `${name} DATABASE_URL`).to.equal('postgres:5432');
      expect(decodeURIComponent(database.username)).to.equal(postgres.get('POSTGRES_USER'));
      expect(decodeURIComponent(database.password)).to.equal(postgres.get('POSTGRES_PASSWORD'));
      expect(database.pathname).to.equal(`/${postgres.get('POSTGRES_DB')}`);
      if (name === 'migrate') continue;
      const broker = new URL(config.rabbitmq.url);
      expect(broker.host, `${name} RABBITMQ_URL`).to.equal('rabbitmq:5672');
      expect(decodeURIComponent(broker.username)).to.equal(rabbitmq.get('RABBITMQ_DEFAULT_USER'));
      expect(decodeURIComponent(broker.password)).to.equal(rabbitmq.get('RABBITMQ_DEFAULT_PASS'));
    }
  });

  it('runs the migration once PostgreSQL is healthy', () => {
    expect(dependencies(service('migrate'))).to.include({ postgres: 'service_healthy' });
  });

  it('starts the API and the supervisor only after the migration succeeded and the broker is healthy', () => {
    for (const name of ['api', 'supervisor', 'supervisor-2']) {
      expect(dependencies(service(name)), name).to.include({
        migrate: 'service_completed_successfully',
        rabbitmq: 'service_healthy',
      });
    }
  });

  it('publishes the port the API binds, on all interfaces', () => {
    const config = configOf(service('api'));
    expect(containerPorts(service('api'))).to.deep.equal([config.server.port]);
    expect(config.server.host).to.equal('0.0.0.0');
  });

  it('publishes the port each supervisor serves /health and /metrics on, on all interfaces', () => {
    for (const name of ['supervisor', 'supervisor-2']) {
      const config = configOf(service(name));
      expect(containerPorts(service(name)), name).to.deep.equal([config.supervisor.port]);
      expect(config.supervisor.host, name).to.equal('0.0.0.0');
    }
  });

  it('gives the API and the supervisor longer to stop than their graceful shutdown timeout', () => {
    for (const name of ['api', 'supervisor', 'supervisor-2']) {
      const entry = service(name);
      // Compose's default before it sends SIGKILL.
      const grace = parseDuration(entry.stop_grace_period ?? '10s');
      expect(grace, `${name} stop_grace_period`).to.be.a('number');
      expect(grace, `${name} stop_grace_period`).to.be.greaterThan(configOf(entry).graceful_shutdown_timeout);
    }
  });

  it('runs two supervisor replicas, on host ports of their own, to share the tenants', () => {
    const hostPorts = ['supervisor', 'supervisor-2'].map((name) => {
      const entry = service(name);
      expect(entry.deploy?.replicas ?? 1, name).to.equal(1);
      return (entry.ports ?? []).map((port) => String(port).split(':')[0]);
    });
    expect(new Set(hostPorts.flat()).size).to.equal(2);
  });
});

describe('Dockerfiles named by docker-compose.yml', () => {
  it('exist', () => {
    const built = builtServices();
    expect(built).to.have.length.greaterThan(0);
    for (const { name, dockerfile } of built)
      expect(existsSync(dockerfile), `${name}: ${dockerfile}`).to.equal(true);
  });

  it('run the service as a non-root user', () => {
    for (const { name, dockerfile } of builtServices()) {
      const user = last(finalStage(dockerfile), 'USER')?.args.split(':')[0];
      expect(user, `${name}: USER of the final stage`).to.be.a('string');
      expect(['root', '0'], `${name}: USER`).not.to.include(user);
    }
  });

  it('install tini and make it PID 1, so SIGTERM is forwarded and zombies reaped', () => {
    for (const { name, service: entry, dockerfile } of builtServices()) {
      const stage = finalStage(dockerfile);
      const installs = stage.some(
        ({ keyword, args }) => keyword === 'RUN' && /apt-get install[^&;]*\btini\b/.test(args),
      );
      expect(installs, `${name}: apt-get install tini in the final stage`).to.equal(true);
      const entrypoint = entry.entrypoint ?? execForm(last(stage, 'ENTRYPOINT'));
      const argv = typeof entrypoint === 'string' ? entrypoint.split(/\s+/) : entrypoint;
      expect(path.basename(argv?.[0] ?? ''), `${name}: ENTRYPOINT`).to.equal('tini');
    }
  });

  it('start node directly, not through pnpm, npm or a shell, and name a script that exists', () => {
    for (const { name, service: entry, dockerfile } of builtServices()) {
      const command = entry.command ?? execForm(last(finalStage(dockerfile), 'CMD'));
      // A string command in compose is split into words, not run by a shell.
      const argv = typeof command === 'string' ? command.split(/\s+/) : command;
      expect(argv, `${name}: CMD must be exec form (JSON array)`).to.be.an('array');
      expect(argv![0], `${name}: ${argv!.join(' ')}`).to.equal('node');
      const script = argv!.at(-1)!;
      expect(existsSync(path.join(ROOT, script)), `${name}: ${script} exists`).to.equal(true);
    }
  });
});
