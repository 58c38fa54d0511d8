import { Config } from '@backstage/config';

/** How the provisioning engine paces its work (`platform.provisioning`). */
export interface EngineOptions {
  /** Resources one replica works on at once. */
  concurrency: number;
  /** Attempts before a provision or update is failed. Deletion never gives up. */
  maxAttempts: number;
  attemptTimeoutMs: number;
  /**
   * How long an aborted attempt may take to stop before the wait for it is
   * put on the timeline; its retry waits for it regardless. Also how long
   * shutting down waits for attempts in flight.
   */
  abortGraceMs: number;
  /** How long a claim lasts unless renewed; a crashed replica's work is picked up after it. */
  leaseMs: number;
  /** How often to look for work created by other replicas or due for a retry. */
  sweepIntervalMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
}

export const defaultEngineOptions: EngineOptions = {
  concurrency: 16,
  maxAttempts: 5,
  attemptTimeoutMs: 5 * 60_000,
  abortGraceMs: 10_000,
  leaseMs: 30_000,
  sweepIntervalMs: 5_000,
  backoffInitialMs: 2_000,
  backoffMaxMs: 5 * 60_000,
};

export function readEngineOptions(config: Config): EngineOptions {
  const c = config.getOptionalConfig('platform.provisioning');
  const seconds = (key: string, fallbackMs: number) => {
    const value = c?.getOptionalNumber(key);
    return value === undefined ? fallbackMs : value * 1000;
  };
  const d = defaultEngineOptions;
  return {
    concurrency: c?.getOptionalNumber('concurrency') ?? d.concurrency,
    maxAttempts: c?.getOptionalNumber('maxAttempts') ?? d.maxAttempts,
    attemptTimeoutMs: seconds('attemptTimeoutSeconds', d.attemptTimeoutMs),
    abortGraceMs: seconds('abortGraceSeconds', d.abortGraceMs),
    leaseMs: seconds('leaseSeconds', d.leaseMs),
    sweepIntervalMs: seconds('sweepIntervalSeconds', d.sweepIntervalMs),
    backoffInitialMs: seconds('backoffInitialSeconds', d.backoffInitialMs),
    backoffMaxMs: seconds('backoffMaxSeconds', d.backoffMaxMs),
  };
}

/** Capped exponential backoff with full jitter, as the attempt count grows. */
export function backoffDelay(options: EngineOptions, attempt: number): number {
  const ceiling = Math.min(
    options.backoffMaxMs,
    options.backoffInitialMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
