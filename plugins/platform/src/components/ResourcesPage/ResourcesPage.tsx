import { useMemo, useState } from 'react';
import {
  EmptyState,
  LinkButton,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { useEnvironments } from '../../hooks/useEnvironments';
import { useUserTeams } from '../../hooks/useUserTeams';
import { rootRouteRef } from '../../routes';
import { PlatformLayout } from '../PlatformLayout';
import { ResourceFilter, ResourceFilters } from './ResourceFilters';
import { ResourcesTable } from './ResourcesTable';

/** Resources per page of the list. */
export const PAGE_SIZE = 25;

const noFilter: ResourceFilter = {
  team: '',
  environment: '',
  offering: '',
  state: '',
};

/** Every resource the user may see, filtered and a page at a time. */
export function ResourcesPage() {
  const platformApi = useApi(platformApiRef);
  const catalogLink = useRouteRef(rootRouteRef);
  const environments = useEnvironments();
  const teams = useUserTeams();
  const offerings = useAsync(() => platformApi.listOfferings(), [platformApi]);
  const [filter, setFilter] = useState(noFilter);
  // The cursors of the pages before and including the current one.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];

  const page = useAsync(
    () =>
      platformApi.listResources({
        team: filter.team || undefined,
        environment: filter.environment || undefined,
        offering: filter.offering || undefined,
        state: filter.state || undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [platformApi, filter, cursor],
  );

  const offeringNames = useMemo(
    () =>
      new Map(
        (offerings.value ?? []).map(offering => [offering.id, offering.name]),
      ),
    [offerings.value],
  );

  const onFilterChange = (next: ResourceFilter) => {
    setFilter(next);
    setCursors([undefined]);
  };

  const filtered = Object.values(filter).some(Boolean);
  const emptyContent = (
    <Box p={2}>
      <EmptyState
        missing="data"
        title={filtered ? 'No resource matches' : 'No resources yet'}
        description={
          filtered
            ? 'Try other filters.'
            : 'Request one from the service catalog.'
        }
        action={
          filtered ? undefined : (
            <LinkButton to={catalogLink()} color="primary" variant="contained">
              Open the service catalog
            </LinkButton>
          )
        }
      />
    </Box>
  );

  return (
    <PlatformLayout title="Resources">
      <Box mb={2}>
        <ResourceFilters
          filter={filter}
          teams={teams.value ?? []}
          environments={environments.value ?? []}
          offerings={offerings.value ?? []}
          onChange={onFilterChange}
        />
      </Box>
      {page.error ? (
        <ResponseErrorPanel error={page.error} />
      ) : (
        <ResourcesTable
          resources={page.value?.items ?? []}
          offeringNames={offeringNames}
          loading={page.loading}
          emptyContent={emptyContent}
        />
      )}
      <Box
        mt={2}
        display="flex"
        justifyContent="flex-end"
        component="nav"
        aria-label="Pages of resources"
      >
        <Button
          disabled={cursors.length === 1 || page.loading}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Previous page
        </Button>
        <Button
          disabled={!page.value?.nextCursor || page.loading}
          onClick={() => setCursors([...cursors, page.value!.nextCursor])}
        >
          Next page
        </Button>
      </Box>
    </PlatformLayout>
  );
}
