import { InputError } from '@backstage/errors';

/**
 * The longest an action waits for a resource. Provisioning gives up well
 * within it once the engine starts on a resource (five attempts of at most
 * five minutes each, with backoff, by default), and a waiting step holds one
 * of the scaffolder's task slots.
 */
export const MAX_WAIT_SECONDS = 2 * 60 * 60;

/** How long an action waits when its template does not say. */
export const DEFAULT_WAIT_SECONDS = 600;

export const timeoutSecondsDescription = `How long to wait before failing the step, in seconds; default ${DEFAULT_WAIT_SECONDS}, at most ${MAX_WAIT_SECONDS} (2 hours)`;

/**
 * The `timeoutSeconds` input in milliseconds. The scaffolder checks the
 * input schema before a step runs; this gives a caller of the handler
 * itself the same limit and names the input.
 */
export function waitTimeoutMs(timeoutSeconds: number | undefined): number {
  const seconds = timeoutSeconds ?? DEFAULT_WAIT_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WAIT_SECONDS) {
    throw new InputError(
      `timeoutSeconds must be a whole number of seconds from 1 to ${MAX_WAIT_SECONDS} (2 hours); got ${seconds}`,
    );
  }
  return seconds * 1000;
}
