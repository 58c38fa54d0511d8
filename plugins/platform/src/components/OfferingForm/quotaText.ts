import { QuotaUsage } from '@idp-kit/plugin-platform-common';

/** "3 of 5 PostgreSQL Database resources used". */
export function quotaText(quota: QuotaUsage, offeringName: string): string {
  if (quota.limit === undefined) {
    const noun = quota.used === 1 ? 'resource' : 'resources';
    return `${quota.used} ${offeringName} ${noun} used, no limit`;
  }
  return `${quota.used} of ${quota.limit} ${offeringName} resources used`;
}
