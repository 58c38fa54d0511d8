import {
  PLATFORM_RESOURCE_TYPE,
  PlatformResource,
  teamEntityRef,
  teamNameOf,
} from '@idp-kit/plugin-platform-common';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/**
 * A filter the store turns into SQL: resources of one of these teams.
 *
 * @public
 */
export type PlatformResourceFilter = { property: 'team'; values: string[] };

/**
 * Conditions on a resource are evaluated against at least its team.
 *
 * @public
 */
export type PlatformResourceSubject = Pick<PlatformResource, 'team'> &
  Partial<PlatformResource>;

/**
 * The platform resource type in the permission framework.
 *
 * @public
 */
export const platformResourcePermissionResourceRef =
  createPermissionResourceRef<
    PlatformResourceSubject,
    PlatformResourceFilter
  >().with({ pluginId: 'platform', resourceType: PLATFORM_RESOURCE_TYPE });

/** The team names a list of ownership refs covers. */
function teamsOf(claims: string[]): string[] {
  return claims
    .filter(ref => ref.toLocaleLowerCase('en-US').startsWith('group:'))
    .map(ref => teamNameOf(ref));
}

/**
 * Allows resources owned by one of the given groups, typically the requesting
 * user's ownership refs.
 *
 * @public
 */
export const isOwnedByOneOf = createPermissionRule({
  name: 'IS_OWNED_BY_ONE_OF',
  description: 'Allows resources whose team is one of the given groups',
  resourceRef: platformResourcePermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Group entity refs, such as the user ownership refs'),
  }),
  apply: (resource, { claims }) =>
    claims.some(
      claim =>
        claim.toLocaleLowerCase('en-US') === teamEntityRef(resource.team),
    ),
  toQuery: ({ claims }) => ({ property: 'team', values: teamsOf(claims) }),
});

export const platformResourceRules = { isOwnedByOneOf };
