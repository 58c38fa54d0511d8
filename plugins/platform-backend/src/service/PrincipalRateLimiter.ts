import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { TooManyRequestsError } from '../errors/TooManyRequestsError';
import { RateLimitOptions, readRateLimitOptions } from './RateLimitOptions';
import { principalRef } from './requester';
import { WindowCounter } from './WindowCounter';

/** Who makes a call: their credentials, and their address when it came over HTTP. */
export interface Caller {
  credentials?: BackstageCredentials;
  address?: string;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.|0:0:0:0:0:0:0:1$)/;

/**
 * The principal a call counts for: the user, or the service by its subject.
 * The backend's own plugins (`plugin:` subjects, such as the catalog's
 * sync) are not counted, as Backstage's limiter does not count loopback.
 */
function countedPrincipal(credentials?: BackstageCredentials) {
  const type = (credentials?.principal as { type?: string } | undefined)?.type;
  if (!credentials || (type !== 'user' && type !== 'service')) {
    return undefined;
  }
  // Refs are case-insensitive: one count per principal, however spelt.
  const ref = principalRef(credentials).toLocaleLowerCase('en-US');
  return ref.startsWith('service:plugin:') ? undefined : ref;
}

function describeWindow(windowMs: number): string {
  const seconds = Math.round(windowMs / 1000);
  if (seconds % 3600 === 0) {
    return seconds === 3600 ? 'an hour' : `${seconds / 3600} hours`;
  }
  if (seconds % 60 === 0) {
    return seconds === 60 ? 'a minute' : `${seconds / 60} minutes`;
  }
  return `${seconds} seconds`;
}

/**
 * Limits calls per principal (the user or service of the credentials,
 * wherever the call comes from, loopback included) and per client address
 * (loopback exempt: the backend's own calls and the MCP server's come from
 * there). Counts live in this replica's memory.
 */
export class PrincipalRateLimiter {
  readonly #perPrincipal?: WindowCounter;
  readonly #perAddress?: WindowCounter;

  static fromConfig(config: Config, options: { now?: () => number } = {}) {
    return new PrincipalRateLimiter(readRateLimitOptions(config), options.now);
  }

  constructor(options: RateLimitOptions, now: () => number = Date.now) {
    this.#perPrincipal =
      options.perPrincipal && new WindowCounter(options.perPrincipal, now);
    this.#perAddress =
      options.perAddress && new WindowCounter(options.perAddress, now);
  }

  /** Counts a call; throws {@link TooManyRequestsError} when it is over a limit. */
  take(caller: Caller): void {
    const principal = countedPrincipal(caller.credentials);
    const address =
      caller.address && !LOOPBACK.test(caller.address)
        ? caller.address
        : undefined;
    // Both are counted before either refuses, so each sees every call.
    const refusals = [
      this.#refusal(this.#perPrincipal, principal),
      this.#refusal(this.#perAddress, address),
    ].filter((r): r is TooManyRequestsError => r !== undefined);
    if (refusals.length > 0) {
      throw refusals.reduce((a, b) =>
        a.retryAfterSeconds >= b.retryAfterSeconds ? a : b,
      );
    }
  }

  #refusal(counter: WindowCounter | undefined, key: string | undefined) {
    const waitMs = counter && key ? counter.count(key) : undefined;
    if (waitMs === undefined) {
      return undefined;
    }
    const { limit, windowMs } = counter!.limit;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new TooManyRequestsError(
      `Too many requests from ${key}: at most ${limit} in ${describeWindow(
        windowMs,
      )}; try again in ${retryAfterSeconds} seconds`,
      retryAfterSeconds,
    );
  }
}
