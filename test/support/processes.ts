import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  /** Port logged by the service once it has started. */
  port: number;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  /** Every log line the process wrote, parsed. */
  logs: Record<string, unknown>[];
}

/**
 * Runs a service's composition root as its own process, configured only by
 * environment variables, and resolves once it logs that it started.
 */
export async function spawnService(
  service: 'api' | 'supervisor',
  env: Record<string, string>,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOGGING_FORMAT: 'json', LOGGING_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const started = new Promise<number>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          entry = { message: line };
        }
        logs.push(entry);
        if (process.env.TEST_LOG_LEVEL !== undefined) console.log(`[${service}] ${line}`);
        if (typeof entry.port === 'number' && /started|listening/.test(String(entry.message)))
          resolve(entry.port);
      });
    }
    void exited.then((code) =>
      reject(new Error(`${service} exited (${code}) before it started: ${JSON.stringify(logs.slice(-5))}`)),
    );
  });
  return { child, port: await started, exited, logs };
}
