import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createPlatformResourceConditionalDecision,
  platformResourceConditions,
} from '@idp-kit/plugin-platform-backend';
import {
  PLATFORM_RESOURCE_TYPE,
  platformResourceApprovePermission,
} from '@idp-kit/plugin-platform-common';

/** Members of this group may act for every team. */
export const PLATFORM_TEAM = 'group:default/platform-team';

/**
 * Platform resources belong to teams: the platform team may act for any
 * team, everyone else only for the teams they belong to; approving is open
 * to the members of each request's approving group. Other plugins'
 * permissions are allowed, as in a fresh Backstage app.
 */
export class PlatformPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!request.permission.name.startsWith('platform.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    // Who may approve is named by each request's approving group, across
    // teams; the platform checks membership and four eyes itself.
    if (request.permission.name === platformResourceApprovePermission.name) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes(PLATFORM_TEAM)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(request.permission, PLATFORM_RESOURCE_TYPE)) {
      return createPlatformResourceConditionalDecision(
        request.permission,
        platformResourceConditions.isOwnedByOneOf({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
