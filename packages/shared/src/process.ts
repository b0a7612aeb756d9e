import { type Config, loadConfig } from './config.js';
import { ConfigError } from './errors.js';
import type { Logger } from './logger.js';

/**
 * For composition roots: the configuration of this process, or undefined
 * after printing why it is invalid and setting a failing exit code.
 */
export function loadConfigOrReport(env: Record<string, string | undefined>): Config | undefined {
  try {
    return loadConfig({ env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return undefined;
  }
}

/** How long a forced stop may take to give its work back before the process exits anyway. */
const FORCED_EXIT_MS = 5_000;

/**
 * First SIGTERM/SIGINT: `stop()` drains (it bounds its own drain by
 * `timeout`). A second signal calls `force()`, which gives up what is in
 * flight. Either way the process exits if it is still there `FORCED_EXIT_MS`
 * later: a statement stuck on a lock or a half-open connection cannot be
 * interrupted. The exit timers are unref'd, so they fire only if something
 * still holds the process.
 */
export function handleStopSignals(options: {
  logger: Logger;
  timeout: number;
  stop: () => Promise<void>;
  force?: () => void;
}): void {
  const { logger, timeout } = options;
  let stopping = false;
  const exitAfter = (ms: number, reason: string): void => {
    setTimeout(() => {
      logger.error('stop did not finish: exiting', { reason });
      process.exit(1);
    }, ms).unref();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('second signal: forcing the stop', { signal });
      options.force?.();
      exitAfter(options.force ? FORCED_EXIT_MS : 0, `second ${signal}`);
      return;
    }
    stopping = true;
    logger.info('stopping', { signal, deadline_ms: timeout });
    exitAfter(timeout + FORCED_EXIT_MS, 'graceful shutdown timed out');
    options.stop().then(
      () => logger.info('stopped'),
      (error: unknown) => {
        logger.error('stop failed', { reason: String(error) });
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
