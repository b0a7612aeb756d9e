import { collectDefaultMetrics, Registry } from 'prom-client';

/** A registry of the process's own; no global registry, so tests can build many. */
export function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
