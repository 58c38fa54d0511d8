import { LoggerService } from '@backstage/backend-plugin-api';
import { UnavailableCause, describeDependency } from './unavailableCause';

const DEFAULT_PROBE_INTERVAL_MS = 2_000;
const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

interface Outage {
  since: number;
  lastFailureAt: number;
  refused: number;
  failures: number;
}

/**
 * Keeps an outage of what the platform depends on to two log lines: one
 * when the first failure is seen, one when it is over, with what happened
 * in between counted rather than logged. The outage is over once the probe
 * (a round trip to the database) succeeds and nothing has failed for a
 * probe interval: a service the platform calls may still be failing while
 * the database answers.
 */
export class OutageMonitor {
  readonly #logger: LoggerService;
  readonly #probe: () => Promise<unknown>;
  readonly #probeIntervalMs: number;
  readonly #probeTimeoutMs: number;
  #outage?: Outage;
  #timer?: NodeJS.Timeout;
  #stopped = false;

  constructor(options: {
    logger: LoggerService;
    probe: () => Promise<unknown>;
    probeIntervalMs?: number;
    probeTimeoutMs?: number;
  }) {
    this.#logger = options.logger;
    this.#probe = options.probe;
    this.#probeIntervalMs =
      options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  }

  /** Whether an outage is under way. */
  get active(): boolean {
    return this.#outage !== undefined;
  }

  /**
   * Something failed for lack of a dependency; `refused` when a request was
   * answered 503 because of it.
   */
  failed(cause: UnavailableCause, options?: { refused?: boolean }) {
    const now = Date.now();
    if (!this.#outage) {
      this.#outage = {
        since: now,
        lastFailureAt: now,
        refused: 0,
        failures: 0,
      };
      this.#logger.error(
        `The Platform API is unavailable until it can reach ${describeDependency(
          cause,
        )} again, and answers 503 with Retry-After meanwhile: ${cause.detail}`,
      );
      this.#scheduleProbe();
    }
    this.#outage.lastFailureAt = now;
    this.#outage.failures += 1;
    if (options?.refused) {
      this.#outage.refused += 1;
    }
  }

  /** Stops probing; for shutdown. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #scheduleProbe() {
    if (this.#stopped) {
      return;
    }
    this.#timer = setTimeout(() => this.#check(), this.#probeIntervalMs);
    this.#timer.unref?.();
  }

  async #check() {
    const answered = await this.#answers();
    const outage = this.#outage;
    if (!outage) {
      return;
    }
    const quietMs = Date.now() - outage.lastFailureAt;
    if (!answered || quietMs < this.#probeIntervalMs) {
      this.#scheduleProbe();
      return;
    }
    this.#outage = undefined;
    this.#logger.info(
      `The Platform API is available again after ${(
        (Date.now() - outage.since) /
        1000
      ).toFixed(1)} s; ${outage.refused} request(s) were answered 503 and ${
        outage.failures - outage.refused
      } background operation(s) failed meanwhile`,
    );
  }

  async #answers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#probe(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('probe timed out')),
            this.#probeTimeoutMs,
          );
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
