import { ServiceUnavailableError } from '@backstage/errors';

/**
 * A caller over its rate limit. Backstage's error handler answers with the
 * `statusCode` an error carries, so this is a 429 wherever it is thrown,
 * the actions' invoke route included. It keeps the name
 * ServiceUnavailableError ("try again later"): Backstage's MCP server hands
 * errors of known names to the assistant as a tool error with the message,
 * and any other as a bare protocol failure. Thrown before `audited()`, which
 * would take that name for an outage.
 */
export class TooManyRequestsError extends ServiceUnavailableError {
  readonly statusCode = 429;
  /** Seconds until the caller may try again, for `Retry-After`. */
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
