import { useMemo } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { resourcesRouteRef } from '../../routes';
import { ResourceList } from '../ResourceList';
import { QuotaList } from './QuotaList';
import { TeamSpendSummary } from './TeamSpendSummary';

/** Resources shown on a team's page; the rest are on the resources page. */
export const TEAM_CARD_LIMIT = 10;

/**
 * A team's platform resources, its use of each offering's quota and, when
 * offerings are priced, its spend against its budget.
 */
export function TeamResourcesCard() {
  const { entity } = useEntity();
  const team = entity.metadata.name;
  const platformApi = useApi(platformApiRef);
  const resourcesLink = useRouteRef(resourcesRouteRef);
  const data = useAsync(async () => {
    const [page, quotas, offerings] = await Promise.all([
      platformApi.listResources({ team, limit: TEAM_CARD_LIMIT }),
      platformApi.listQuotas(team),
      platformApi.listOfferings(),
    ]);
    return { page, quotas, offerings };
  }, [platformApi, team]);
  const offeringNames = useMemo(
    () =>
      new Map(
        (data.value?.offerings ?? []).map(offering => [
          offering.id,
          offering.name,
        ]),
      ),
    [data.value],
  );

  let content: JSX.Element;
  if (data.loading) {
    content = <Progress />;
  } else if (data.error) {
    content = <ResponseErrorPanel error={data.error} />;
  } else {
    const { page, quotas, offerings } = data.value!;
    const priced = offerings.some(offering => offering.currency !== undefined);
    content = (
      <>
        {page.items.length === 0 ? (
          <EmptyState
            missing="data"
            title={`${team} has no platform resources`}
            description="Request one from the service catalog on the Platform page."
          />
        ) : (
          <ResourceList
            resources={page.items}
            offeringNames={offeringNames}
            label={`Resources of ${team}`}
          />
        )}
        {page.nextCursor && (
          <Typography variant="body2">
            Showing the newest {page.items.length}.
          </Typography>
        )}
        <Typography variant="subtitle2" component="h3">
          Quota use
        </Typography>
        <QuotaList quotas={quotas} offeringNames={offeringNames} />
        {priced && (
          <TeamSpendSummary team={team} offeringNames={offeringNames} />
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Platform resources"
      deepLink={{ title: 'All resources', link: resourcesLink() }}
    >
      {content}
    </InfoCard>
  );
}
