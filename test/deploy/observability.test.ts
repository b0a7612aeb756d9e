import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createRegistry, loadConfig } from '@mtm/shared';
import { expect } from 'chai';
import { parse as parseYaml } from 'yaml';

/**
 * Prometheus's scrape configuration, Grafana's provisioning and the
 * dashboard, checked without running either: a target on a port nothing
 * listens on, a panel querying a metric no service registers, or a datasource
 * uid the dashboard does not name would each show only as an empty graph.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs?: { targets: string[] }[];
}

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean | null>;
  ports?: (string | number)[];
  volumes?: (string | { source: string; target: string })[];
}

interface Compose {
  services: Record<string, ComposeService>;
}

interface DatasourceRef {
  type?: string;
  uid?: string;
}

interface Target {
  expr?: string;
  refId?: string;
  datasource?: DatasourceRef;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: DatasourceRef;
  targets?: Target[];
  panels?: Panel[];
}

interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating?: { list: { name: string; datasource?: DatasourceRef; query?: unknown }[] };
}

const prometheus = parseYaml(read('deploy/prometheus/prometheus.yml')) as {
  global: { scrape_interval: string };
  scrape_configs: ScrapeConfig[];
};
const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as Compose;
const observability = compose;
const datasources = parseYaml(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
  datasources: { uid: string; type: string; url: string; jsonData?: { timeInterval?: string } }[];
};
const providers = parseYaml(read('deploy/grafana/provisioning/dashboards/dashboards.yml')) as {
  providers: { type: string; options: { path: string } }[];
};
const dashboard = JSON.parse(read('deploy/grafana/dashboards/messaging.json')) as Dashboard;

/** Images whose ports their documentation names; our own services' come from their config. */
const IMAGE_PORTS: Record<string, number[]> = {
  // AMQP, management, and the rabbitmq_prometheus plugin the official image enables.
  rabbitmq: [5672, 15672, 15692],
  'prom/prometheus': [9090],
};

function interpolate(value: string): string {
  return value.replace(/\$\{\w+(?::?-([^}]*))?\}/g, (_match: string, fallback?: string) => fallback ?? '');
}

/** The container side of each published port. */
function publishedPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) => Number(interpolate(String(port)).split(':').at(-1)));
}

/** The port a service of docker-compose.yml listens on for its metrics, from its configuration. */
function metricsEndpoint(name: string): { port: number; path: string } {
  const service = compose.services[name]!;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.environment ?? {})) {
    if (value !== null) env[key] = interpolate(String(value));
  }
  const config = loadConfig({ env, file: '/dev/null' });
  return { port: name === 'api' ? config.server.port : config.supervisor.port, path: config.metrics.path };
}

function targets(job: ScrapeConfig): { host: string; port: number }[] {
  return (job.static_configs ?? []).flatMap(({ targets: list }) =>
    list.map((target) => {
      const [host, port] = target.split(':');
      return { host: host!, port: Number(port) };
    }),
  );
}

function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The series names the services expose: every prom-client metric constructed
 * in services/*\/src (a histogram adds _bucket, _sum and _count), plus the
 * default process metrics every registry of ours collects.
 */
async function registeredSeries(): Promise<{ custom: Set<string>; all: Set<string> }> {
  const custom = new Set<string>();
  const all = new Set<string>();
  const add = (name: string, type: string): void => {
    all.add(name);
    const kind = type.toLowerCase();
    if (kind === 'histogram' || kind === 'summary')
      for (const suffix of ['_sum', '_count']) all.add(name + suffix);
    if (kind === 'histogram') all.add(`${name}_bucket`);
  };
  const constructor = /new\s+(Counter|Gauge|Histogram|Summary)\s*(?:<[^>]*>)?\(\s*\{\s*name:\s*'([^']+)'/g;
  for (const service of readdirSync(path.join(ROOT, 'services'))) {
    for (const file of sourceFiles(path.join(ROOT, 'services', service, 'src'))) {
      for (const [, type, name] of readFileSync(file, 'utf8').matchAll(constructor)) {
        custom.add(name!);
        add(name!, type!);
      }
    }
  }
  const registry = createRegistry('test');
  for (const metric of await registry.getMetricsAsJSON()) add(metric.name, String(metric.type));
  registry.clear();
  return { custom, all };
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
]);

/** The metric names a PromQL expression selects: not functions, labels, keywords or numbers. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...bare.matchAll(/[a-zA-Z_:][\w:]*(?!\s*\(|[\w:])/g)]
    .map((match) => match[0])
    .filter((word) => !KEYWORDS.has(word) && !/^\d/.test(word) && !word.startsWith('$'));
}

function expressions(): { panel: string; expr: string }[] {
  return allPanels(dashboard.panels).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr ?? '' })),
  );
}

describe('Prometheus scrape configuration (deploy/prometheus/prometheus.yml)', () => {
  it('scrapes every 15 seconds', () => {
    expect(prometheus.global.scrape_interval).to.equal('15s');
    for (const job of prometheus.scrape_configs) {
      expect((job as { scrape_interval?: string }).scrape_interval ?? '15s', job.job_name).to.equal('15s');
    }
  });

  it('scrapes the API and the supervisor of docker-compose.yml on the port they publish and serve metrics on', () => {
    for (const [jobName, services] of [
      ['api', ['api']],
      ['supervisor', ['supervisor', 'supervisor-2']],
    ] as const) {
      const job = prometheus.scrape_configs.find((candidate) => candidate.job_name === jobName);
      const endpoints = services.map((name) => ({ name, ...metricsEndpoint(name) }));
      expect(targets(job!), jobName).to.deep.equal(endpoints.map(({ name, port }) => ({ host: name, port })));
      for (const { name, port, path: metricsPath } of endpoints) {
        expect(publishedPorts(compose.services[name]!), `${name} serves ${port}`).to.include(port);
        expect(job!.metrics_path ?? '/metrics', name).to.equal(metricsPath);
      }
    }
  });

  it('scrapes only services of docker-compose.yml, each on a port it listens on', () => {
    for (const job of prometheus.scrape_configs) {
      for (const { host, port } of targets(job)) {
        const service = compose.services[host];
        expect(service, `${job.job_name}: ${host} is a compose service`).not.to.equal(undefined);
        const listens =
          service!.build !== undefined
            ? [metricsEndpoint(host).port]
            : (IMAGE_PORTS[(service!.image ?? '').split(':')[0]!] ?? publishedPorts(service!));
        expect(listens, `${job.job_name}: ${host}:${port}`).to.include(port);
      }
    }
    expect(prometheus.scrape_configs.map((job) => targets(job)[0]?.host)).to.include('rabbitmq');
  });
});

describe('Grafana provisioning (deploy/grafana, docker-compose.yml)', () => {
  it('points the one Prometheus datasource at the Prometheus service, at its scrape interval', () => {
    expect(datasources.datasources).to.have.length(1);
    const source = datasources.datasources[0]!;
    expect(source.type).to.equal('prometheus');
    const url = new URL(source.url);
    expect(observability.services[url.hostname], `${url.hostname} is a service`).not.to.equal(undefined);
    expect(IMAGE_PORTS[observability.services[url.hostname]!.image!.split(':')[0]!]).to.include(
      Number(url.port),
    );
    // $__rate_interval is at least four of these: a shorter one would miss scrapes.
    expect(source.jsonData?.timeInterval).to.equal(prometheus.global.scrape_interval);
  });

  it('mounts the Prometheus configuration, the provisioning and the dashboards where they are read', () => {
    const mounts = (name: string): Map<string, string> =>
      new Map(
        (observability.services[name]?.volumes ?? []).map((volume) => {
          if (typeof volume !== 'string') return [volume.target, volume.source];
          const [source, target] = volume.split(':');
          return [target!, source!];
        }),
      );
    expect(mounts('prometheus').get('/etc/prometheus/prometheus.yml')).to.equal(
      './deploy/prometheus/prometheus.yml',
    );
    const grafana = mounts('grafana');
    expect(grafana.get('/etc/grafana/provisioning')).to.equal('./deploy/grafana/provisioning');
    expect(providers.providers).to.have.length(1);
    expect(providers.providers[0]!.type).to.equal('file');
    expect(grafana.get(providers.providers[0]!.options.path), 'the dashboards folder').to.equal(
      './deploy/grafana/dashboards',
    );
  });
});

describe('Grafana dashboard (deploy/grafana/dashboards/messaging.json)', () => {
  it('is a dashboard Grafana can import: uid, title, schema version, unique panel ids, positions', () => {
    expect(dashboard.uid).to.match(/^[\w-]{1,40}$/);
    expect(dashboard.title).to.be.a('string').and.not.equal('');
    expect(dashboard.schemaVersion).to.be.within(36, 41);
    const panels = allPanels(dashboard.panels);
    const ids = panels.map((panel) => panel.id);
    expect(new Set(ids).size, 'panel ids are unique').to.equal(ids.length);
    for (const panel of panels) {
      expect(panel.gridPos.x + panel.gridPos.w, `${panel.title} fits the 24-column grid`).to.be.at.most(24);
      if (panel.type !== 'row') expect(panel.targets, panel.title).to.have.length.greaterThan(0);
    }
  });

  it('queries only the provisioned datasource, by its uid', () => {
    const uid = datasources.datasources[0]!.uid;
    const references: { where: string; ref: DatasourceRef | undefined }[] = [
      ...allPanels(dashboard.panels)
        .filter((panel) => panel.type !== 'row')
        .flatMap((panel) => [
          { where: panel.title, ref: panel.datasource },
          ...(panel.targets ?? []).map((target) => ({
            where: `${panel.title} ${target.refId}`,
            ref: target.datasource,
          })),
        ]),
      ...(dashboard.templating?.list ?? []).map((variable) => ({
        where: `$${variable.name}`,
        ref: variable.datasource,
      })),
    ];
    for (const { where, ref } of references) expect(ref, where).to.deep.equal({ type: 'prometheus', uid });
  });

  it('queries only metrics the services register', async () => {
    const { all } = await registeredSeries();
    const used = expressions().flatMap(({ panel, expr }) =>
      metricNames(expr).map((name) => ({ panel, name })),
    );
    expect(used.length).to.be.greaterThan(0);
    const unknown = used.filter(({ name }) => !all.has(name));
    expect(unknown, 'metrics no service registers').to.deep.equal([]);
  });

  it('charts every metric the API and the supervisor register', async () => {
    const { custom } = await registeredSeries();
    expect([...custom]).to.include.members(['messages_processed_total', 'api_requests_total']);
    const used = new Set(
      expressions()
        .flatMap(({ expr }) => metricNames(expr))
        .map((name) => name.replace(/_(bucket|sum|count)$/, '')),
    );
    expect(
      [...custom].filter((name) => !used.has(name)),
      'registered but not charted',
    ).to.deep.equal([]);
  });

  it('reads tenant series by the tenant_id label and API series by endpoint and status', () => {
    const byTenant = expressions().filter(({ expr }) =>
      /messages_processed_total|message_processing/.test(expr),
    );
    expect(byTenant.length).to.be.greaterThan(0);
    for (const { panel, expr } of byTenant) expect(expr, panel).to.match(/by \([^)]*\btenant_id\b/);
    const stored = expressions().find(({ expr }) => /status="stored"/.test(expr));
    expect(stored?.expr).to.match(/sum by \(tenant_id\) \(rate\(messages_processed_total\{status="stored"/);
    const api = expressions().filter(({ expr }) => expr.includes('api_requests_total'));
    for (const { panel, expr } of api) expect(expr, panel).to.match(/by \([^)]*\bendpoint\b/);
    expect(api.some(({ expr }) => /by \([^)]*\bstatus\b/.test(expr))).to.equal(true);
  });
});

describe('RabbitMQ plugins in docker-compose.yml', () => {
  it('enables the management UI and the Prometheus endpoint Prometheus scrapes', () => {
    const rabbitmq = compose.services.rabbitmq!;
    const mount = (rabbitmq.volumes ?? [])
      .filter((volume): volume is string => typeof volume === 'string')
      .find((volume) => volume.endsWith(':/etc/rabbitmq/enabled_plugins:ro'));
    expect(mount, 'enabled_plugins is mounted').to.not.equal(undefined);
    const plugins = read(mount!.split(':')[0]!.replace(/^\.\//, ''));
    expect(plugins).to.match(/^\[.*\]\.\s*$/s);
    expect(plugins).to.include('rabbitmq_management').and.to.include('rabbitmq_prometheus');
  });
});
