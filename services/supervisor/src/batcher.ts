/**
 * Gathers items into batches and writes them with at most `workers` writes
 * in flight. A batch is sealed when it holds `batchSize` items or when its
 * first item has waited `lingerMs`. Each `add` resolves with the outcome the
 * writer reports for that item, after its batch was written: the caller acks
 * only then.
 */
export interface BatcherOptions<T, R> {
  batchSize: number;
  lingerMs: number;
  workers: number;
  /** Returns one outcome per item, in order. A throw rejects every item of the batch. */
  write: (items: T[]) => Promise<R[]>;
}

export interface BatcherStats {
  /** Batches being written right now. */
  activeWorkers: number;
  /** Highest `activeWorkers` seen since the batcher was created. */
  peakActiveWorkers: number;
  batchesWritten: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (outcome: R) => void;
  reject: (error: unknown) => void;
}

export class Batcher<T, R> {
  readonly #options: BatcherOptions<T, R>;
  #open: Pending<T, R>[] = [];
  #lingerTimer: NodeJS.Timeout | undefined;
  readonly #sealed: Pending<T, R>[][] = [];
  readonly #writes = new Set<Promise<void>>();
  readonly stats: BatcherStats = { activeWorkers: 0, peakActiveWorkers: 0, batchesWritten: 0 };

  constructor(options: BatcherOptions<T, R>) {
    this.#options = options;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#open.push({ item, resolve, reject });
      if (this.#open.length >= this.#options.batchSize) this.#seal();
      else this.#lingerTimer ??= setTimeout(() => this.#seal(), this.#options.lingerMs);
    });
  }

  /** Seals the open batch now and resolves once every batch handed in so far is written. */
  async flush(): Promise<void> {
    this.#seal();
    while (this.#writes.size > 0 || this.#sealed.length > 0) {
      await Promise.allSettled([...this.#writes]);
    }
  }

  #seal(): void {
    clearTimeout(this.#lingerTimer);
    this.#lingerTimer = undefined;
    if (this.#open.length === 0) return;
    this.#sealed.push(this.#open);
    this.#open = [];
    this.#dispatch();
  }

  #dispatch(): void {
    while (this.stats.activeWorkers < this.#options.workers && this.#sealed.length > 0) {
      const batch = this.#sealed.shift()!;
      this.stats.activeWorkers += 1;
      this.stats.peakActiveWorkers = Math.max(this.stats.peakActiveWorkers, this.stats.activeWorkers);
      const write = this.#write(batch).finally(() => {
        this.#writes.delete(write);
        this.stats.activeWorkers -= 1;
        this.stats.batchesWritten += 1;
        this.#dispatch();
      });
      this.#writes.add(write);
    }
  }

  async #write(batch: Pending<T, R>[]): Promise<void> {
    try {
      const outcomes = await this.#options.write(batch.map((pending) => pending.item));
      batch.forEach((pending, index) => pending.resolve(outcomes[index]!));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
