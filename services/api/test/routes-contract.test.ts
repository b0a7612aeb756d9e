import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect } from 'chai';
import { parse } from 'yaml';

import { type RunningApi, startApi } from './harness.js';

const SPEC = fileURLToPath(new URL('../../../openapi.yaml', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD /path/{param}` for every route registered on the app, nested routers included. */
function servedOperations(stack: Layer[]): Set<string> {
  const operations = new Set<string>();
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) {
        for (const method of Object.keys(layer.route.methods)) {
          operations.add(`${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
        }
      }
    } else if (layer.handle?.stack) {
      for (const operation of servedOperations(layer.handle.stack)) operations.add(operation);
    }
  }
  return operations;
}

function documentedOperations(): Set<string> {
  const spec = parse(readFileSync(SPEC, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const operations = new Set<string>();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of Object.keys(item)) {
      if (METHODS.includes(method)) operations.add(`${method.toUpperCase()} ${path}`);
    }
  }
  return operations;
}

describe('the routes and the contract', () => {
  let running: RunningApi;

  before(async () => {
    running = await startApi();
  });

  after(async () => {
    await running?.stop();
  });

  it('documents in openapi.yaml every route the app serves, and serves every documented operation', () => {
    const router = (running.api.app as unknown as { router: { stack: Layer[] } }).router;
    // Swagger UI's own pages serve the contract; they are not part of it.
    const served = [...servedOperations(router.stack)].filter(
      (operation) => !operation.includes(' /swagger'),
    );
    const documented = [...documentedOperations()];
    expect(served.length).to.be.at.least(10);
    expect(
      served.filter((operation) => !documented.includes(operation)),
      'served but not documented',
    ).to.deep.equal([]);
    expect(
      documented.filter((operation) => !served.includes(operation)),
      'documented but not served',
    ).to.deep.equal([]);
  });
});
