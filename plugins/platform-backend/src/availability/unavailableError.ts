import { ServiceUnavailableError } from '@backstage/errors';
import { UnavailableCause, describeDependency } from './unavailableCause';

/** What a 503 tells clients to wait before they try again. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The error clients see (and the audit log records) in place of the one
 * that was thrown: what is out of reach, without addresses or a stack.
 */
export function unavailableError(
  cause: UnavailableCause,
): ServiceUnavailableError {
  const error = new ServiceUnavailableError(
    `The Platform API cannot reach ${describeDependency(
      cause,
    )} right now; try again in ${RETRY_AFTER_SECONDS} seconds`,
  );
  delete error.stack;
  return error;
}
