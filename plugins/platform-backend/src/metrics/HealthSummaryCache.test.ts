import { HealthSummary } from '@idp-kit/plugin-platform-common';
import { HealthSummaryCache } from './HealthSummaryCache';

function countingStore() {
  const calls: number[] = [];
  let fail = false;
  return {
    calls,
    failNext() {
      fail = true;
    },
    async summary({ windowDays }: { windowDays: number }) {
      calls.push(windowDays);
      if (fail) {
        fail = false;
        throw new Error('database busy');
      }
      return { windowDays } as HealthSummary;
    },
  };
}

describe('HealthSummaryCache', () => {
  it('computes a window once while fresh, sharing it among concurrent callers', async () => {
    const store = countingStore();
    const cache = new HealthSummaryCache(store, { maxAgeMs: 60_000 });

    const answers = await Promise.all(
      Array.from({ length: 50 }, () => cache.summary(30)),
    );
    await cache.summary(30);
    await cache.summary(7);

    expect(answers.every(a => a.windowDays === 30)).toBe(true);
    expect(store.calls).toEqual([30, 7]);
  });

  it('computes again once the summary is older than its maximum age', async () => {
    const store = countingStore();
    const cache = new HealthSummaryCache(store, { maxAgeMs: 0 });

    await cache.summary(30);
    await new Promise(resolve => setTimeout(resolve, 5));
    await cache.summary(30);

    expect(store.calls).toEqual([30, 30]);
  });

  it('does not keep a failure', async () => {
    const store = countingStore();
    const cache = new HealthSummaryCache(store, { maxAgeMs: 60_000 });

    store.failNext();
    await expect(cache.summary(30)).rejects.toThrow('database busy');
    await expect(cache.summary(30)).resolves.toEqual({ windowDays: 30 });

    expect(store.calls).toEqual([30, 30]);
  });
});
