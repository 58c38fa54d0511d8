import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';

/** The test organisation: who belongs to which groups. */
export const testMembership: Record<string, string[]> = {
  'user:default/guest': ['group:default/team-alpha'],
  'user:default/alex': ['group:default/team-alpha'],
  'user:default/bea': ['group:default/team-beta'],
  'user:default/priya': ['group:default/platform-team'],
  'user:default/sam': ['group:default/platform-team'],
  'user:default/dana': ['group:default/dba'],
};

/** User info as the catalog would give it at sign-in, from `membership`. */
export function userInfoFromMembership(
  membership: Record<string, string[]> = testMembership,
) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(membership[ref] ?? [])],
        };
      },
    }),
  });
}
