/**
 * Starts the whole system for development: creates the database if it is
 * missing, applies migrations, then runs the API and one supervisor until
 * a signal, which it passes on to both.
 */
import { spawn } from 'node:child_process';

import { migrate } from '@mtm/migrations';
import { loadConfigOrReport } from '@mtm/shared';

const config = loadConfigOrReport(process.env);
if (!config) process.exit(1);

const applied = await migrate(config.database.url, { log: () => {} });
console.log(applied.length === 0 ? 'schema is up to date' : `applied migrations: ${applied.join(', ')}`);

// Each service in a process group of its own: Ctrl-C signals the whole
// terminal group, and a service that got it twice (from the terminal and from
// us) would take the second as "force". Only this script signals them.
const services = ['api', 'supervisor'].map((name) =>
  spawn(process.execPath, ['--import', 'tsx', `services/${name}/src/main.ts`], {
    stdio: 'inherit',
    env: process.env,
    detached: true,
  }),
);
process.on('exit', () => {
  for (const child of services) if (child.exitCode === null) child.kill('SIGKILL');
});

let stopping = false;
let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // Wrappers (pnpm, a shell) may relay the same keypress again: a repeat
    // within a second is that echo, a later one means "force the stop".
    const now = Date.now();
    if (stopping && now - firstSignalAt < 1_000) return;
    if (!stopping) firstSignalAt = now;
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
