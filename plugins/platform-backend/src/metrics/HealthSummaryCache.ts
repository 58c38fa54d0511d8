import { HealthSummary } from '@idp-kit/plugin-platform-common';
import { HealthStore } from './HealthStore';

/**
 * The health summary scans every resource, health check and survey answer
 * of its window: it is computed at most once per window size and interval,
 * however often the dashboard asks, and callers arriving while it is being
 * computed share that computation.
 */
export class HealthSummaryCache {
  readonly #store: Pick<HealthStore, 'summary'>;
  readonly #maxAgeMs: number;
  readonly #entries = new Map<
    number,
    { at: number; summary: Promise<HealthSummary> }
  >();

  constructor(
    store: Pick<HealthStore, 'summary'>,
    options?: { maxAgeMs?: number },
  ) {
    this.#store = store;
    this.#maxAgeMs = options?.maxAgeMs ?? 30_000;
  }

  summary(windowDays: number): Promise<HealthSummary> {
    const cached = this.#entries.get(windowDays);
    if (cached && Date.now() - cached.at < this.#maxAgeMs) {
      return cached.summary;
    }
    const summary = this.#store.summary({ windowDays });
    const entry = { at: Date.now(), summary };
    this.#entries.set(windowDays, entry);
    // A failure is not kept: the next caller asks again.
    summary.catch(() => {
      if (this.#entries.get(windowDays) === entry) {
        this.#entries.delete(windowDays);
      }
    });
    return summary;
  }
}
