import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Config, configVariables, loadConfig } from '@mtm/shared';
import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';

/**
 * The Kubernetes manifests of deploy/k8s, checked without a cluster: what
 * would only show once pods run (a variable the config ignores, a probe on a
 * port nothing binds, SIGKILL before the drain ends, a second supervisor).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MANIFESTS = path.join(ROOT, 'deploy/k8s');
const NAMESPACE = 'messaging';
/** The Secret deploy/README.md has operators create; the CloudNativePG app Secret provides the rest. */
const OUR_SECRET = 'mtm-secrets';
/** The uid of the `node` user of node's official images, which the Dockerfiles switch to. */
const NODE_UID = 1000;

type Labels = Record<string, string>;

interface KeyRef {
  name: string;
  key: string;
}

interface EnvVar {
  name: string;
  value?: unknown;
  valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef };
}

interface Probe {
  httpGet?: { path: string; port: number | string };
}

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[] };
  seccompProfile?: { type?: string };
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string }[];
}

interface PodSpec {
  containers: Container[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  securityContext?: SecurityContext;
  volumes?: { name: string; emptyDir?: object }[];
}

interface PodTemplate {
  metadata: { labels?: Labels };
  spec: PodSpec;
}

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels; annotations?: Labels };
  // Each kind has its own spec; the helpers below narrow it.
  spec?: Record<string, unknown>;
  data?: Record<string, unknown>;
  file: string;
}

function loadManifests(): Resource[] {
  const resources: Resource[] = [];
  for (const file of readdirSync(MANIFESTS).filter((name) => /\.ya?ml$/.test(name))) {
    for (const document of parseAllDocuments(readFileSync(path.join(MANIFESTS, file), 'utf8'))) {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
      const resource = document.toJS() as Omit<Resource, 'file'> | null;
      if (resource !== null) resources.push({ ...resource, file });
    }
  }
  return resources;
}

const manifests = loadManifests();

function ofKind(kind: string): Resource[] {
  return manifests.filter((resource) => resource.kind === kind);
}

function find(kind: string, name: string): Resource {
  const found = manifests.find((resource) => resource.kind === kind && resource.metadata.name === name);
  if (found === undefined) throw new Error(`deploy/k8s has no ${kind} ${name}`);
  return found;
}

/** Deployments and Jobs: every kind here that runs pods. */
function workloads(): { resource: Resource; template: PodTemplate }[] {
  return manifests.flatMap((resource) =>
    resource.kind === 'Deployment' || resource.kind === 'Job'
      ? [{ resource, template: resource.spec!.template as PodTemplate }]
      : [],
  );
}

function template(kind: string, name: string): PodTemplate {
  return find(kind, name).spec!.template as PodTemplate;
}

function onlyContainer(kind: string, name: string): Container {
  const containers = template(kind, name).spec.containers;
  expect(containers, `${kind} ${name} containers`).to.have.length(1);
  return containers[0]!;
}

function configMapData(name: string): Record<string, unknown> {
  return find('ConfigMap', name).data ?? {};
}

/**
 * The environment a container starts with: ConfigMaps it imports, then its
 * own `env` entries, which win. Secret references become stand-ins a real
 * Secret of that kind would hold.
 */
function environment(container: Container): Map<string, string> {
  const variables = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef !== undefined) {
      for (const [name, value] of Object.entries(configMapData(source.configMapRef.name))) {
        variables.set(name, String(value));
      }
    }
  }
  for (const variable of container.env ?? []) {
    const secret = variable.valueFrom?.secretKeyRef;
    variables.set(variable.name, secret === undefined ? String(variable.value) : standIn(secret));
  }
  return variables;
}

function standIn(secret: KeyRef): string {
  if (secret.key === 'uri') return `postgresql://app:secret@${secret.name.replace(/-app$/, '-rw')}:5432/db`;
  if (secret.key === 'RABBITMQ_URL') return 'amqp://user:secret@rabbitmq.messaging.svc:5672';
  if (secret.key === 'AUTH_JWT_SECRET') return 'x'.repeat(48);
  return 'secret';
}

function configOf(container: Container): Config {
  return loadConfig({ env: Object.fromEntries(environment(container)), file: '/dev/null' });
}

/** The container port a probe or Service names, by name or number. */
function containerPort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number')
    return container.ports?.some((p) => p.containerPort === port) ? port : undefined;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function matches(selector: Labels | undefined, labels: Labels | undefined): boolean {
  if (selector === undefined || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

function preStopSeconds(container: Container): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep !== undefined) return preStop.sleep.seconds;
  const command = preStop?.exec?.command;
  if (command?.[0] === 'sleep') return Number(command[1]);
  return 0;
}

/** The API and the supervisor, with the schema keys that say where each binds. */
const SERVICES = [
  { name: 'api', image: 'mtm-api', bind: (config: Config) => config.server },
  { name: 'supervisor', image: 'mtm-supervisor', bind: (config: Config) => config.supervisor },
] as const;

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('put every namespaced object in the messaging namespace', () => {
    expect(find('Namespace', NAMESPACE).metadata.name).to.equal(NAMESPACE);
    const namespaced = manifests.filter((resource) => resource.kind !== 'Namespace');
    expect(namespaced.length).to.be.greaterThan(0);
    for (const resource of namespaced) {
      expect(
        resource.metadata.namespace,
        `${resource.file}: ${resource.kind} ${resource.metadata.name}`,
      ).to.equal(NAMESPACE);
    }
  });

  it('set on our containers only environment variables the config schema reads', () => {
    const known = new Set(configVariables().values());
    for (const configMap of ofKind('ConfigMap')) {
      const unknown = Object.keys(configMap.data ?? {}).filter((name) => !known.has(name));
      expect(unknown, `ConfigMap ${configMap.metadata.name} keys the config ignores`).to.deep.equal([]);
    }
    for (const { resource, template: pod } of workloads()) {
      for (const container of pod.spec.containers) {
        const unknown = [...environment(container).keys()].filter((name) => !known.has(name));
        expect(
          unknown,
          `${resource.metadata.name}/${container.name} variables the config ignores`,
        ).to.deep.equal([]);
      }
    }
  });

  it('give every container an environment its config validates, secrets standing in', () => {
    for (const { resource, template: pod } of workloads()) {
      for (const container of pod.spec.containers) {
        expect(() => configOf(container), `${resource.metadata.name}/${container.name}`).not.to.throw();
      }
    }
  });

  it('write every ConfigMap value and env value as a string, the only type Kubernetes accepts', () => {
    for (const configMap of ofKind('ConfigMap')) {
      for (const [name, value] of Object.entries(configMap.data ?? {})) {
        expect(value, `ConfigMap ${configMap.metadata.name} ${name}`).to.be.a('string');
      }
    }
    for (const { resource, template: pod } of workloads()) {
      for (const container of pod.spec.containers) {
        for (const variable of container.env ?? []) {
          if (variable.valueFrom !== undefined) continue;
          expect(variable.value, `${resource.metadata.name}/${container.name} ${variable.name}`).to.be.a(
            'string',
          );
        }
      }
    }
  });

  it('bind the API and the supervisor on all interfaces, on the port their container declares', () => {
    for (const { name, image, bind } of SERVICES) {
      const container = onlyContainer('Deployment', name);
      // The repository's last segment, without registry, tag or digest.
      expect(container.image.split('/').at(-1)!.split(/[:@]/)[0], `${name} image`).to.equal(image);
      const { host, port } = bind(configOf(container));
      expect(host, `${name} host`).to.equal('0.0.0.0');
      expect(
        container.ports?.map((p) => p.containerPort),
        `${name} container ports`,
      ).to.deep.equal([port]);
    }
  });

  it('probe liveness on /health/live and readiness on /health/ready, on the port the service binds', () => {
    for (const { name, bind } of SERVICES) {
      const container = onlyContainer('Deployment', name);
      const { port } = bind(configOf(container));
      const probes = {
        liveness: [container.livenessProbe, '/health/live'],
        readiness: [container.readinessProbe, '/health/ready'],
        startup: [container.startupProbe ?? container.livenessProbe, '/health/live'],
      } as const;
      for (const [kind, [probe, expected]] of Object.entries(probes)) {
        expect(probe?.httpGet?.path, `${name} ${kind} probe path`).to.equal(expected);
        expect(containerPort(container, probe?.httpGet?.port), `${name} ${kind} probe port`).to.equal(port);
      }
    }
  });

  it('give the API and the supervisor longer to stop than a preStop pause plus their graceful shutdown timeout', () => {
    for (const { name } of SERVICES) {
      const pod = template('Deployment', name);
      const container = onlyContainer('Deployment', name);
      // Kubernetes' default before it sends SIGKILL.
      const grace = (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
      const needed = preStopSeconds(container) * 1000 + configOf(container).graceful_shutdown_timeout;
      expect(grace, `${name} terminationGracePeriodSeconds (ms)`).to.be.greaterThan(needed);
    }
  });

  it('run every container as a non-root user, without privilege escalation or capabilities', () => {
    for (const { resource, template: pod } of workloads()) {
      for (const container of pod.spec.containers) {
        const where = `${resource.metadata.name}/${container.name}`;
        const context = { ...pod.spec.securityContext, ...container.securityContext };
        expect(context.runAsNonRoot, `${where} runAsNonRoot`).to.equal(true);
        // The images name their user (`node`), which the kubelet cannot check against runAsNonRoot.
        expect(context.runAsUser, `${where} runAsUser`).to.equal(NODE_UID);
        expect(context.allowPrivilegeEscalation, `${where} allowPrivilegeEscalation`).to.equal(false);
        expect(context.capabilities?.drop, `${where} capabilities.drop`).to.include('ALL');
        expect(context.seccompProfile?.type, `${where} seccompProfile`).to.equal('RuntimeDefault');
      }
    }
  });

  it('give tsx a writable /tmp wherever the root filesystem is read-only', () => {
    for (const { resource, template: pod } of workloads()) {
      for (const container of pod.spec.containers) {
        if (container.securityContext?.readOnlyRootFilesystem !== true) continue;
        const mount = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect(mount, `${resource.metadata.name}/${container.name} mounts /tmp`).not.to.equal(undefined);
        const volume = pod.spec.volumes?.find((v) => v.name === mount!.name);
        expect(volume?.emptyDir, `${resource.metadata.name} volume ${mount!.name}`).to.be.an('object');
      }
    }
  });

  it('run two supervisors sharing the tenants, rolled one at a time, and never autoscaled', () => {
    const deployment = find('Deployment', 'supervisor');
    expect(deployment.spec!.replicas).to.equal(2);
    const strategy = deployment.spec!.strategy as
      { type?: string; rollingUpdate?: { maxUnavailable?: number } } | undefined;
    expect(strategy?.type).to.equal('RollingUpdate');
    expect(strategy?.rollingUpdate?.maxUnavailable).to.equal(0);
    const autoscaled = ofKind('HorizontalPodAutoscaler').filter(
      (hpa) => (hpa.spec!.scaleTargetRef as { name: string }).name === 'supervisor',
    );
    expect(autoscaled).to.deep.equal([]);
  });

  it('leave the API replica count to a CPU autoscaler, with a CPU request to measure against', () => {
    const deployment = find('Deployment', 'api');
    expect(
      deployment.spec,
      'replicas set by hand would reset the autoscaler on every apply',
    ).not.to.have.property('replicas');
    const hpa = ofKind('HorizontalPodAutoscaler').find(
      (candidate) => (candidate.spec!.scaleTargetRef as { name: string }).name === 'api',
    );
    expect(hpa?.apiVersion).to.equal('autoscaling/v2');
    expect(hpa!.spec!.scaleTargetRef).to.deep.include({ apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(hpa!.spec!.minReplicas).to.be.at.least(2);
    const metrics = hpa!.spec!.metrics as { type: string; resource?: { name: string } }[];
    expect(metrics.some((metric) => metric.type === 'Resource' && metric.resource?.name === 'cpu')).to.equal(
      true,
    );
    expect(onlyContainer('Deployment', 'api').resources?.requests?.cpu).to.be.a('string');
  });

  it('let voluntary disruptions take at most one API pod, fewer than the autoscaler keeps', () => {
    const budgets = ofKind('PodDisruptionBudget').filter((pdb) =>
      matches(
        (pdb.spec!.selector as { matchLabels?: Labels }).matchLabels,
        template('Deployment', 'api').metadata.labels,
      ),
    );
    expect(budgets).to.have.length(1);
    const hpa = find('HorizontalPodAutoscaler', 'api');
    expect(budgets[0]!.spec!.maxUnavailable).to.equal(1);
    expect(hpa.spec!.minReplicas as number).to.be.greaterThan(1);
  });

  it('select with each Deployment, Service and PodDisruptionBudget the pods it is meant for', () => {
    const pods = workloads().map(({ resource, template: pod }) => ({ name: resource.metadata.name, pod }));
    for (const deployment of ofKind('Deployment')) {
      const selector = (deployment.spec!.selector as { matchLabels?: Labels }).matchLabels;
      expect(
        matches(selector, template('Deployment', deployment.metadata.name).metadata.labels),
        `Deployment ${deployment.metadata.name} selects its own pods`,
      ).to.equal(true);
    }
    for (const service of ofKind('Service')) {
      const selected = pods.filter(({ pod }) =>
        matches(service.spec!.selector as Labels, pod.metadata.labels),
      );
      expect(
        selected.map(({ name }) => name),
        `Service ${service.metadata.name}`,
      ).to.deep.equal([service.metadata.name]);
      const container = selected[0]!.pod.spec.containers[0]!;
      for (const port of service.spec!.ports as { targetPort: number | string }[]) {
        expect(
          containerPort(container, port.targetPort),
          `Service ${service.metadata.name} targetPort`,
        ).to.be.a('number');
      }
    }
    for (const pdb of ofKind('PodDisruptionBudget')) {
      // The RabbitMQ budget selects the operator's pods, which no manifest here describes.
      if (pdb.metadata.name === 'rabbitmq') continue;
      const selector = (pdb.spec!.selector as { matchLabels?: Labels }).matchLabels;
      expect(
        pods.filter(({ pod }) => matches(selector, pod.metadata.labels)).map(({ name }) => name),
      ).to.deep.equal([pdb.metadata.name]);
    }
  });

  it('tell Prometheus the port and path each Service serves metrics on', () => {
    for (const { name, bind } of SERVICES) {
      const service = find('Service', name);
      const config = configOf(onlyContainer('Deployment', name));
      expect(service.metadata.annotations?.['prometheus.io/scrape'], name).to.equal('true');
      expect(Number(service.metadata.annotations?.['prometheus.io/port']), name).to.equal(bind(config).port);
      expect(service.metadata.annotations?.['prometheus.io/path'], name).to.equal(config.metrics.path);
    }
    // The supervisor serves no traffic; its metrics matter most while it is not ready.
    expect(find('Service', 'supervisor').spec!.publishNotReadyAddresses).to.equal(true);
  });

  it('run the migration CLI of this repository once, from the image and tag the API runs, with tini kept', () => {
    const jobs = ofKind('Job');
    expect(jobs).to.have.length(1);
    const job = jobs[0]!;
    const pod = job.spec!.template as PodTemplate;
    expect(['Never', 'OnFailure']).to.include(pod.spec.restartPolicy);
    const container = pod.spec.containers[0]!;
    expect(container.image, 'the migrations the API image carries').to.equal(
      onlyContainer('Deployment', 'api').image,
    );
    // `command` replaces the image's ENTRYPOINT (tini); `args` replaces only its CMD.
    expect(container.command, 'command would replace tini').to.equal(undefined);
    expect(container.args?.slice(0, 3)).to.deep.equal(['node', '--import', 'tsx']);
    const script = container.args!.at(-1)!;
    expect(script).to.equal('migrations/src/cli.ts');
    expect(existsSync(path.join(ROOT, script)), `${script} exists`).to.equal(true);
  });

  it('take DATABASE_URL from the app Secret CloudNativePG generates for messaging_system', () => {
    const clusters = ofKind('Cluster').filter((cluster) => cluster.apiVersion === 'postgresql.cnpg.io/v1');
    expect(clusters).to.have.length(1);
    const cluster = clusters[0]!;
    const initdb = (cluster.spec!.bootstrap as { initdb?: { database?: string; owner?: string } }).initdb;
    expect(initdb).to.deep.include({ database: 'messaging_system', owner: 'app' });
    for (const { resource, template: pod } of workloads()) {
      for (const container of pod.spec.containers) {
        const variable = container.env?.find((entry) => entry.name === 'DATABASE_URL');
        expect(
          variable?.valueFrom?.secretKeyRef,
          `${resource.metadata.name}/${container.name}`,
        ).to.deep.equal({
          name: `${cluster.metadata.name}-app`,
          key: 'uri',
        });
      }
    }
  });

  it('take every other secret from the Secret deploy/README.md has operators create', () => {
    const readme = readFileSync(path.join(ROOT, 'deploy/README.md'), 'utf8');
    const command = new RegExp(
      `kubectl[^\\n]*create secret generic ${OUR_SECRET}(?:[^\\n]*\\\\\\n)*[^\\n]*`,
    ).exec(readme);
    expect(command, `deploy/README.md creates ${OUR_SECRET}`).not.to.equal(null);
    const documented = new Set([...command![0].matchAll(/--from-literal=(\w+)=/g)].map((match) => match[1]));
    const secretRefs = workloads().flatMap(({ template: pod }) =>
      pod.spec.containers.flatMap((container) =>
        (container.env ?? []).flatMap((v) => v.valueFrom?.secretKeyRef ?? []),
      ),
    );
    const ours = secretRefs.filter((ref) => !ref.name.endsWith('-app'));
    expect(ours.length).to.be.greaterThan(0);
    for (const ref of ours) {
      expect(ref.name).to.equal(OUR_SECRET);
      expect([...documented], `${OUR_SECRET} keys in deploy/README.md`).to.include(ref.key);
    }
  });

  it('run RabbitMQ as three persistent nodes with the Prometheus and management plugins, at most one down', () => {
    const cluster = find('RabbitmqCluster', 'rabbitmq');
    expect(cluster.apiVersion).to.equal('rabbitmq.com/v1beta1');
    expect(cluster.spec!.replicas).to.equal(3);
    const plugins = (cluster.spec!.rabbitmq as { additionalPlugins?: string[] }).additionalPlugins;
    expect(plugins).to.include.members(['rabbitmq_prometheus', 'rabbitmq_management']);
    expect((cluster.spec!.persistence as { storage?: string }).storage).to.be.a('string');
    expect((cluster.spec!.resources as { limits?: { memory?: string } }).limits?.memory).to.be.a('string');
    // Quorum queues need a majority: two of three.
    const budget = find('PodDisruptionBudget', 'rabbitmq');
    expect(budget.spec!.maxUnavailable).to.equal(1);
    expect((budget.spec!.selector as { matchLabels: Labels }).matchLabels).to.deep.equal({
      'app.kubernetes.io/name': cluster.metadata.name,
    });
  });

  it('run PostgreSQL as three CloudNativePG instances on persistent storage', () => {
    const cluster = ofKind('Cluster').find((candidate) => candidate.apiVersion === 'postgresql.cnpg.io/v1');
    expect(cluster?.spec!.instances).to.equal(3);
    expect((cluster!.spec!.storage as { size?: string }).size).to.be.a('string');
  });

  it('allow PostgreSQL enough connections for the API at its most replicas, the supervisor and the migration', () => {
    const cluster = ofKind('Cluster').find((candidate) => candidate.apiVersion === 'postgresql.cnpg.io/v1')!;
    const parameters = (cluster.spec!.postgresql as { parameters?: Record<string, string> } | undefined)
      ?.parameters;
    // PostgreSQL's default, and what it keeps back for superusers and the operator's replication.
    const maxConnections = Number(parameters?.max_connections ?? 100);
    const reserved = 3 + 10;
    const api = configOf(onlyContainer('Deployment', 'api')).database.pool_size;
    const supervisor = configOf(onlyContainer('Deployment', 'supervisor')).database.pool_size;
    const apiReplicas = find('HorizontalPodAutoscaler', 'api').spec!.maxReplicas as number;
    const supervisorReplicas = find('Deployment', 'supervisor').spec!.replicas as number;
    // The migration holds one connection to check for the database, one to migrate.
    const needed = apiReplicas * api + supervisorReplicas * supervisor + 2;
    expect(needed, `max_connections ${maxConnections}`).to.be.at.most(maxConnections - reserved);
  });
});
