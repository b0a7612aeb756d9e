/**
 * Cleanups registered as resources are acquired, run in reverse order. A
 * failing cleanup does not stop the others; the first error is rethrown.
 */
export class Releasers {
  readonly #releasers: (() => unknown)[] = [];

  add(release: () => unknown): void {
    this.#releasers.push(release);
  }

  async releaseAll(): Promise<void> {
    let first: unknown;
    let failed = false;
    for (const release of this.#releasers.splice(0).reverse()) {
      try {
        await release();
      } catch (error) {
        if (!failed) first = error;
        failed = true;
      }
    }
    if (failed) throw first;
  }
}

/** Wraps an async function so that concurrent and later calls share the first call's promise. */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fn());
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
