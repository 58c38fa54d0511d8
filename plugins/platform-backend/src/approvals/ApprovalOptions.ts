import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** How long a request waits for a decision before it expires. */
export interface ApprovalOptions {
  expireAfterMs: number;
}

const DEFAULT_EXPIRE_AFTER_MS = 7 * 24 * 3_600_000;

export function readApprovalOptions(config: Config): ApprovalOptions {
  const key = 'platform.approvals.expireAfter';
  if (!config.has(key)) {
    return { expireAfterMs: DEFAULT_EXPIRE_AFTER_MS };
  }
  const expireAfterMs = durationToMilliseconds(
    readDurationFromConfig(config, { key }),
  );
  if (!(expireAfterMs > 0)) {
    throw new Error(`${key} must be a positive duration`);
  }
  return { expireAfterMs };
}
