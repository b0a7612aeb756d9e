import { expect } from 'chai';

import { Batcher } from '../src/batcher.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Batcher', () => {
  it('seals a batch as soon as it holds batchSize items', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, string>({
      batchSize: 3,
      lingerMs: 60_000,
      workers: 1,
      write: async (items) => {
        batches.push(items);
        return items.map((item) => `stored ${item}`);
      },
    });
    const outcomes = await Promise.all([1, 2, 3].map((item) => batcher.add(item)));
    expect(batches).to.deep.equal([[1, 2, 3]]);
    expect(outcomes).to.deep.equal(['stored 1', 'stored 2', 'stored 3']);
  });

  it('writes a partial batch once its first item has lingered', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, boolean>({
      batchSize: 100,
      lingerMs: 20,
      workers: 1,
      write: async (items) => {
        batches.push(items);
        return items.map(() => true);
      },
    });
    await Promise.all([batcher.add(1), batcher.add(2)]);
    expect(batches).to.deep.equal([[1, 2]]);
  });

  it('never writes more than `workers` batches at once, and reaches that many', async () => {
    const gates: { resolve: () => void }[] = [];
    const batcher = new Batcher<number, boolean>({
      batchSize: 1,
      lingerMs: 1,
      workers: 3,
      write: async (items) => {
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        return items.map(() => true);
      },
    });
    const all = Promise.all(Array.from({ length: 10 }, (_, index) => batcher.add(index)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batcher.stats.activeWorkers).to.equal(3);
    while (batcher.stats.batchesWritten < 10) {
      gates.shift()?.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await all;
    expect(batcher.stats.peakActiveWorkers).to.equal(3);
    expect(batcher.stats.activeWorkers).to.equal(0);
  });

  it('rejects every item of a batch whose write throws', async () => {
    const batcher = new Batcher<number, boolean>({
      batchSize: 2,
      lingerMs: 5,
      workers: 1,
      write: async () => {
        throw new Error('database gone');
      },
    });
    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(results.map((result) => result.status)).to.deep.equal(['rejected', 'rejected']);
  });

  it('flush resolves only after every batch handed in is written', async () => {
    let written = 0;
    const batcher = new Batcher<number, boolean>({
      batchSize: 2,
      lingerMs: 60_000,
      workers: 1,
      write: async (items) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        written += items.length;
        return items.map(() => true);
      },
    });
    for (let index = 0; index < 5; index += 1) void batcher.add(index);
    await batcher.flush();
    expect(written).to.equal(5);
  });
});
