import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { teamNameOf } from '@idp-kit/plugin-platform-common';

/** Members of this group may request resources for any team. */
export const PLATFORM_TEAM_REF = 'group:default/platform-team';

function sortedUnique(names: string[]): string[] {
  return [...new Set(names)].sort((first, second) =>
    first.localeCompare(second),
  );
}

/**
 * The teams (group names) the signed-in user may request resources for:
 * their own groups, or every group for the platform team.
 */
export function useUserTeams() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const groups = ownershipEntityRefs.filter(ref =>
      ref.toLocaleLowerCase('en-US').startsWith('group:'),
    );
    if (
      groups.some(ref => ref.toLocaleLowerCase('en-US') === PLATFORM_TEAM_REF)
    ) {
      const { items } = await catalogApi.getEntities({
        filter: { kind: 'Group' },
        fields: ['metadata.name', 'metadata.namespace'],
      });
      return sortedUnique(
        items.map(group =>
          teamNameOf({
            namespace: group.metadata.namespace,
            name: group.metadata.name,
          }),
        ),
      );
    }
    return sortedUnique(groups.map(ref => teamNameOf(ref)));
  }, [identityApi, catalogApi]);
}
