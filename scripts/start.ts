/**
 * Starts the whole system for development: creates the database if it is
 * missing, applies migrations, then runs the API and one supervisor until
 * a signal, which it passes on to both.
 */
import { spawn } from 'node:child_process';

import { migrate } from '@mtm/migrations';
import { ConfigError, loadConfig } from '@mtm/shared';

let config;
try {
  config = loadConfig({ env: process.env });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const applied = await migrate(config.database.url, { log: () => {} });
console.log(applied.length === 0 ? 'schema is up to date' : `applied migrations: ${applied.join(', ')}`);

const services = ['api', 'supervisor'].map((name) =>
  spawn(process.execPath, ['--import', 'tsx', `services/${name}/src/main.ts`], {
    stdio: 'inherit',
    env: process.env,
  }),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    for (const child of services) child.kill(signal);
  });
}

const codes = await Promise.all(
  services.map(
    (child) =>
      new Promise<number>((resolve) => {
        child.on('exit', (code, signal) => {
          // One service dying stops the other: a half-running system helps nobody.
          if (!stopping) {
            stopping = true;
            for (const other of services) if (other !== child) other.kill('SIGTERM');
          }
          resolve(code ?? (signal === null ? 1 : 128));
        });
      }),
  ),
);
process.exitCode = codes.find((code) => code !== 0) ?? 0;
