import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { OfferingCard } from './OfferingCard';

/** The service catalog: every offering teams can request. */
export function ServiceCatalogPage() {
  const platformApi = useApi(platformApiRef);
  const {
    value: offerings,
    loading,
    error,
  } = useAsync(() => platformApi.listOfferings(), [platformApi]);

  return (
    <Page themeId="tool">
      <Header
        title="Platform"
        subtitle="Self-service infrastructure with guardrails"
      />
      <Content>
        <ContentHeader title="Service catalog" />
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        <Grid container spacing={3}>
          {offerings?.map(offering => (
            <Grid item xs={12} md={6} lg={4} key={offering.id}>
              <OfferingCard offering={offering} />
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
