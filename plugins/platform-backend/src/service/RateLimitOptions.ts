import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** At most `limit` calls in each window of `windowMs`. */
export interface WindowLimit {
  windowMs: number;
  limit: number;
}

/** The limits of `platform.rateLimit`; an absent one counts nothing. */
export interface RateLimitOptions {
  perPrincipal?: WindowLimit;
  perAddress?: WindowLimit;
}

/** Ten a second on average: far above what a person or a template does. */
const DEFAULT_LIMIT: WindowLimit = { windowMs: 60_000, limit: 600 };

function readWindowLimit(config: Config, key: string): WindowLimit {
  const section = config.getOptionalConfig(key);
  if (!section) {
    return DEFAULT_LIMIT;
  }
  const windowMs = section.has('window')
    ? durationToMilliseconds(readDurationFromConfig(section, { key: 'window' }))
    : DEFAULT_LIMIT.windowMs;
  const limit = section.getOptionalNumber('limit') ?? DEFAULT_LIMIT.limit;
  if (!(windowMs >= 1000)) {
    throw new Error(
      `platform.rateLimit.${key}.window must be at least a second`,
    );
  }
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(
      `platform.rateLimit.${key}.limit must be a whole number from 1`,
    );
  }
  return { windowMs, limit };
}

/** Reads `platform.rateLimit`: on unless `enabled: false`, 600 a minute by default. */
export function readRateLimitOptions(config: Config): RateLimitOptions {
  const section = config.getOptionalConfig('platform.rateLimit');
  if (section?.getOptionalBoolean('enabled') === false) {
    return {};
  }
  if (!section) {
    return { perPrincipal: DEFAULT_LIMIT, perAddress: DEFAULT_LIMIT };
  }
  return {
    perPrincipal: readWindowLimit(section, 'perPrincipal'),
    perAddress: readWindowLimit(section, 'perAddress'),
  };
}
