import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { resourceRouteRef } from '../../routes';
import { ResourceTimeline } from '../ResourcePage/ResourceTimeline';
import { useResourceDetails } from '../ResourcePage/useResourceDetails';
import { pendingExpiry, ResourceExpiry } from '../Lifetime';
import { ResourceStateChip } from '../ResourceStateChip';

const title = 'Platform resource';

/**
 * A resource's state, offering, environment, health, time left with a way
 * to extend it, and latest events.
 */
export function ResourceStatus(props: { id: string }) {
  const platformApi = useApi(platformApiRef);
  const resourceLink = useRouteRef(resourceRouteRef);
  const details = useResourceDetails(props.id);
  const offeringId = details.value?.resource.offering;
  const offering = useAsync(
    async () => (offeringId ? platformApi.getOffering(offeringId) : undefined),
    [platformApi, offeringId],
  );

  if (!details.value) {
    return (
      <InfoCard title={title}>
        {details.error ? (
          <ResponseErrorPanel error={details.error} />
        ) : (
          <Progress />
        )}
      </InfoCard>
    );
  }

  const { resource, events } = details.value;
  const health = resource.health;
  return (
    <InfoCard
      title={title}
      deepLink={{
        title: 'Open the resource',
        link: resourceLink({ id: resource.id }),
      }}
    >
      <StructuredMetadataTable
        options={{ titleFormat: key => key }}
        metadata={{
          State: <ResourceStateChip state={resource.state} />,
          Offering: offering.value?.name ?? resource.offering,
          Environment: resource.environment,
          Team: resource.team,
          Health: health ? (
            <>
              {health.healthy ? (
                <StatusOK>Healthy</StatusOK>
              ) : (
                <StatusError>Unhealthy</StatusError>
              )}
              {health.message ? ` — ${health.message}` : ''}
            </>
          ) : (
            'Not checked yet'
          ),
          ...(pendingExpiry(resource)
            ? {
                Lifetime: (
                  <ResourceExpiry
                    resource={resource}
                    offering={offering.value}
                    onExtended={details.retry}
                  />
                ),
              }
            : {}),
        }}
      />
      {resource.error && (
        <Typography color="error" variant="body2">
          {resource.error}
        </Typography>
      )}
      <Typography variant="subtitle2" component="h3">
        Latest events
      </Typography>
      <ResourceTimeline events={events} limit={3} />
    </InfoCard>
  );
}
