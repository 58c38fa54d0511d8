import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRefParams } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { resourceRouteRef } from '../../routes';
import { ConfigValuesTable } from '../ConfigValue';
import { PlatformLayout } from '../PlatformLayout';
import { ResourceStateChip } from '../ResourceStateChip';
import { ResourceAbout } from './ResourceAbout';
import { ResourceActions } from './ResourceActions';
import { ResourceApprovalPanel } from './ResourceApprovalPanel';
import { ResourceHealth } from './ResourceHealth';
import { ResourceStateStepper } from './ResourceStateStepper';
import { ResourceTimeline } from './ResourceTimeline';
import { RevealSecretButton } from './RevealSecretButton';
import { useResourceApprovals } from './useResourceApprovals';
import { useResourceDetails } from './useResourceDetails';

const noEvents: never[] = [];

/**
 * One resource: its state as it changes, its approval if it needs one, its
 * timeline, and its actions.
 */
export function ResourcePage() {
  const { id } = useRouteRefParams(resourceRouteRef);
  const platformApi = useApi(platformApiRef);
  const details = useResourceDetails(id);
  const offeringId = details.value?.resource.offering;
  const offering = useAsync(
    async () => (offeringId ? platformApi.getOffering(offeringId) : undefined),
    [platformApi, offeringId],
  );
  const approvals = useResourceApprovals(
    details.value?.resource,
    details.value?.events ?? noEvents,
  );

  if (!details.value) {
    return (
      <PlatformLayout title="Resource">
        {details.error ? (
          <ResponseErrorPanel error={details.error} />
        ) : (
          <Progress />
        )}
      </PlatformLayout>
    );
  }

  const { resource, events } = details.value;
  const outputs = Object.keys(resource.outputs).length > 0;
  const latestApproval = approvals.value?.[0];
  const onDecided = () => {
    details.retry();
    approvals.retry();
  };
  return (
    <PlatformLayout
      title={resource.name}
      actions={<ResourceStateChip state={resource.state} />}
    >
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="State">
            <ResourceStateStepper
              resource={resource}
              events={events}
              approvals={approvals.value}
            />
            {resource.error && (
              <Typography color="error" variant="body2" paragraph>
                {resource.error}
              </Typography>
            )}
            {resource.expiryBlocked && (
              <Box mb={2}>
                <Alert severity="warning">{resource.expiryBlocked}</Alert>
              </Box>
            )}
            <ResourceActions
              resource={resource}
              offering={offering.value}
              onChanged={details.retry}
            />
          </InfoCard>
        </Grid>
        {(latestApproval || approvals.error) && (
          <Grid item xs={12}>
            <InfoCard title="Approval">
              {latestApproval ? (
                <ResourceApprovalPanel
                  request={latestApproval}
                  onDecided={onDecided}
                />
              ) : (
                <ResponseErrorPanel error={approvals.error!} />
              )}
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12} md={6}>
          <InfoCard title="About">
            <ResourceAbout
              resource={resource}
              offering={offering.value}
              onChanged={details.retry}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Configuration">
            <ConfigValuesTable values={resource.config} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Outputs">
            {outputs ? (
              <ConfigValuesTable values={resource.outputs} />
            ) : (
              <Typography variant="body2">
                Outputs appear once the resource is ready.
              </Typography>
            )}
            {(resource.state === 'ready' || resource.state === 'updating') && (
              <RevealSecretButton resourceId={resource.id} />
            )}
          </InfoCard>
        </Grid>
        {(resource.health || resource.drift) && (
          <Grid item xs={12} md={6}>
            <InfoCard title="Health">
              <ResourceHealth health={resource.health} drift={resource.drift} />
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12}>
          <InfoCard title="Timeline">
            <Box>
              <ResourceTimeline events={events} />
            </Box>
          </InfoCard>
        </Grid>
      </Grid>
    </PlatformLayout>
  );
}
