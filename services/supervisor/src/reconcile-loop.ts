import type { Logger } from '@mtm/shared';

/**
 * Runs a full reconcile at most once at a time. Requests made while one runs
 * are folded into a single run after it, so a burst of commands costs two
 * runs, not one each. Runs on a timer as well, so a replica that missed a
 * command converges anyway.
 */
export class ReconcileLoop {
  readonly #run: () => Promise<void>;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(run: () => Promise<void>, options: { logger: Logger; intervalMs: number }) {
    this.#run = run;
    this.#logger = options.logger;
    this.#intervalMs = options.intervalMs;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.request(), this.#intervalMs);
  }

  stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    return this.#queued ?? this.#running ?? Promise.resolve();
  }

  /** Resolves after a run that started after this call has finished. Never rejects. */
  request(): Promise<void> {
    if (this.#queued) return this.#queued;
    if (!this.#running) return (this.#running = this.#runOnce());
    this.#queued = this.#running.then(() => {
      this.#queued = undefined;
      return (this.#running = this.#runOnce());
    });
    return this.#queued;
  }

  async #runOnce(): Promise<void> {
    try {
      await this.#run();
    } catch (error) {
      this.#logger.error('reconcile failed; the next one will retry', { reason: String(error) });
    } finally {
      this.#running = undefined;
    }
  }
}
