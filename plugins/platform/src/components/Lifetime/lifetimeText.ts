import { Lifetime } from '@idp-kit/plugin-platform-common';
import { durationInWords } from './isoDuration';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * What a lifetime means for a new resource: "Expires after 7 days (at most
 * 30 days)", or "Never expires".
 */
export function lifetimeText(lifetime: Lifetime | undefined): string {
  const max = lifetime?.max ? durationInWords(lifetime.max) : undefined;
  if (lifetime?.default) {
    const after = `Expires after ${durationInWords(lifetime.default)}`;
    return max ? `${after} (at most ${max})` : `${after} (no maximum)`;
  }
  return max
    ? `Never expires unless you choose an expiry (at most ${max})`
    : 'Never expires';
}

function count(amount: number, unit: string): string {
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/**
 * How long until `expiresAt`, in the largest whole unit: "expires in 6
 * days", "expires in 3 hours", "expired". Undefined when it never expires.
 */
export function timeLeftText(
  expiresAt: string | null | undefined,
  now: number = Date.now(),
): string | undefined {
  if (!expiresAt) {
    return undefined;
  }
  const left = Date.parse(expiresAt) - now;
  if (left <= 0) {
    return 'expired';
  }
  if (left >= DAY_MS) {
    return `expires in ${count(Math.floor(left / DAY_MS), 'day')}`;
  }
  if (left >= HOUR_MS) {
    return `expires in ${count(Math.floor(left / HOUR_MS), 'hour')}`;
  }
  return `expires in ${count(
    Math.max(1, Math.floor(left / MINUTE_MS)),
    'minute',
  )}`;
}
