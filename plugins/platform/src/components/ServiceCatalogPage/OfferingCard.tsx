import { memo } from 'react';
import { Link, LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { OfferingWithSchema } from '@idp-kit/plugin-platform-common';
import { createResourceRouteRef } from '../../routes';

function OfferingCardContent(props: { offering: OfferingWithSchema }) {
  const { offering } = props;
  const createLink = useRouteRef(createResourceRouteRef);
  return (
    <Card variant="outlined" component="article" aria-label={offering.name}>
      <CardContent>
        <Typography variant="h6" component="h3">
          {offering.name}
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {`${offering.type} · ${offering.tier} · v${offering.version}`}
        </Typography>
        <Typography variant="body2" paragraph>
          {offering.description}
        </Typography>
        <Typography variant="caption" display="block" gutterBottom>
          Owned by {offering.ownerTeam}
        </Typography>
        {offering.dependencies.map(dependency => (
          <Chip key={dependency} size="small" label={`needs ${dependency}`} />
        ))}
      </CardContent>
      <CardActions>
        <LinkButton
          to={createLink({ offeringId: offering.id })}
          color="primary"
          variant="contained"
          size="small"
          aria-label={`Create ${offering.name}`}
        >
          Create
        </LinkButton>
        {offering.documentationUrl && (
          <Link
            to={offering.documentationUrl}
            aria-label={`Documentation of ${offering.name}`}
          >
            Documentation
          </Link>
        )}
      </CardActions>
    </Card>
  );
}

/**
 * One offering of the service catalog. Memoized: filtering re-renders only
 * the cards whose offering changed.
 */
export const OfferingCard = memo(OfferingCardContent);
