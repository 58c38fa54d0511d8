import { Link, StructuredMetadataTable } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ApprovalRequest } from '@idp-kit/plugin-platform-common';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { resourceRouteRef } from '../../routes';
import {
  ApprovalRequirementList,
  ConfigurationTable,
  DecisionButtons,
  entityName,
} from '../Approvals';

const actions: Record<ApprovalRequest['action'], string> = {
  create: 'Create',
  update: 'Change of configuration',
};

/**
 * One request waiting for the user's decision: the resource, who asked for
 * what and why it needs approval, and the buttons to decide.
 */
export function ApprovalRequestCard(props: {
  request: ApprovalRequest;
  offeringName: string;
  /** Called after the user decided, to read the list again. */
  onDecided: () => void;
}) {
  const { request, offeringName, onDecided } = props;
  const { resource } = request;
  const resourceLink = useRouteRef(resourceRouteRef);
  const headingId = `approval-request-${request.id}`;
  return (
    <Card component="article" aria-labelledby={headingId}>
      <CardContent>
        <Typography variant="h5" component="h2" id={headingId}>
          <Link to={resourceLink({ id: resource.id })}>{resource.name}</Link>
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          {actions[request.action]} of {offeringName}
        </Typography>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <StructuredMetadataTable
              options={{ titleFormat: key => key }}
              metadata={{
                Offering: offeringName,
                Team: resource.team,
                Environment: resource.environment,
                Action: actions[request.action],
                'Requested by': entityName(request.requestedBy, 'user'),
                Requested: new Date(request.requestedAt).toLocaleString(),
                Expires: new Date(request.expiresAt).toLocaleString(),
              }}
            />
            <Typography variant="subtitle2" component="h3">
              Why it needs approval
            </Typography>
            <ApprovalRequirementList requirements={request.requirements} />
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2" component="h3">
              Requested configuration
            </Typography>
            <ConfigurationTable
              config={request.config}
              current={
                request.action === 'update' ? resource.config : undefined
              }
            />
          </Grid>
        </Grid>
      </CardContent>
      <CardActions>
        {request.canDecide ? (
          <DecisionButtons request={request} onDecided={onDecided} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            Waiting for approval by{' '}
            {request.awaiting
              .map(group => entityName(group, 'group'))
              .join(', ')}
            .
          </Typography>
        )}
      </CardActions>
    </Card>
  );
}
