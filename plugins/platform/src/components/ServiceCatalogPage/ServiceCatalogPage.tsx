import { useMemo, useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { PlatformLayout } from '../PlatformLayout';
import { OfferingCard } from './OfferingCard';
import { OfferingFilters } from './OfferingFilters';
import {
  distinctValues,
  filterOfferings,
  OfferingFilter,
} from './filterOfferings';

/** The service catalog: every offering teams can request. */
export function ServiceCatalogPage() {
  const platformApi = useApi(platformApiRef);
  const {
    value: offerings,
    loading,
    error,
  } = useAsync(() => platformApi.listOfferings(), [platformApi]);
  const [filter, setFilter] = useState<OfferingFilter>({
    type: '',
    tier: '',
    search: '',
  });

  const types = useMemo(
    () => distinctValues(offerings ?? [], 'type'),
    [offerings],
  );
  const tiers = useMemo(
    () => distinctValues(offerings ?? [], 'tier'),
    [offerings],
  );
  const shown = useMemo(
    () => filterOfferings(offerings ?? [], filter),
    [offerings, filter],
  );

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!offerings?.length) {
    content = (
      <EmptyState
        missing="content"
        title="No offerings yet"
        description="The platform team has not published any offering."
      />
    );
  } else {
    content = (
      <>
        <OfferingFilters
          filter={filter}
          types={types}
          tiers={tiers}
          onChange={setFilter}
        />
        <Box my={2}>
          <Typography variant="body2" role="status">
            {shown.length === offerings.length
              ? `${offerings.length} offerings`
              : `${shown.length} of ${offerings.length} offerings`}
          </Typography>
        </Box>
        <Grid container spacing={3}>
          {shown.map(offering => (
            <Grid item xs={12} md={6} lg={4} key={offering.id}>
              <OfferingCard offering={offering} />
            </Grid>
          ))}
        </Grid>
      </>
    );
  }

  return <PlatformLayout title="Service catalog">{content}</PlatformLayout>;
}
