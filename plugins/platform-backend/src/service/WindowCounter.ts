import { WindowLimit } from './RateLimitOptions';

/**
 * Counts calls per key in fixed windows, in this replica's memory. A key's
 * window starts with its first call; keys whose window has passed are
 * dropped once a window, so memory follows the callers of the last window.
 */
export class WindowCounter {
  readonly #limit: WindowLimit;
  readonly #now: () => number;
  readonly #windows = new Map<string, { count: number; endsAt: number }>();
  #sweepAt = 0;

  constructor(limit: WindowLimit, now: () => number) {
    this.#limit = limit;
    this.#now = now;
  }

  get limit(): WindowLimit {
    return this.#limit;
  }

  /**
   * Counts a call of the key; answers how many milliseconds are left of its
   * window when the call is over the limit, or undefined when it may go on.
   */
  count(key: string): number | undefined {
    const now = this.#now();
    this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + this.#limit.windowMs };
      this.#windows.set(key, window);
    }
    window.count++;
    return window.count > this.#limit.limit ? window.endsAt - now : undefined;
  }

  #sweep(now: number) {
    if (now < this.#sweepAt) {
      return;
    }
    for (const [key, window] of this.#windows) {
      if (window.endsAt <= now) {
        this.#windows.delete(key);
      }
    }
    this.#sweepAt = now + this.#limit.windowMs;
  }
}
