import { userInfoFromMembership } from './membership';
import {
  PlatformTestBackendOptions,
  startPlatformTestBackend,
} from './platformTestBackend';
import { teamGroup } from './teams';

/** Every production database waits for the platform team. */
export const productionDatabaseReview = {
  offering: 'postgresql-database',
  environment: 'production',
  approvers: 'platform-team',
  reason: 'Production databases are reviewed',
};

/** Large production databases wait for the platform team. */
export const largeProductionDatabaseReview = {
  offering: 'postgresql-database',
  environment: 'production',
  when: { size: 'large' },
  approvers: 'platform-team',
  reason: 'Large production databases are costly',
};

/**
 * The platform plugin with a platform team in the catalog to approve, and
 * each user signed in with the teams `membership` gives them.
 */
export async function startApprovalsTestBackend(
  options: PlatformTestBackendOptions & {
    membership?: Record<string, string[]>;
  } = {},
) {
  const { membership, ...backend } = options;
  return startPlatformTestBackend({
    entities: [teamGroup('team-alpha'), teamGroup('platform-team')],
    ...backend,
    features: [userInfoFromMembership(membership), ...(backend.features ?? [])],
  });
}
