import { InfoCard, Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { OfferingWithSchema } from '@internal/plugin-platform-common';

/** One offering of the service catalog. */
export function OfferingCard(props: { offering: OfferingWithSchema }) {
  const { offering } = props;
  return (
    <InfoCard
      title={offering.name}
      subheader={`${offering.type} · ${offering.tier} · v${offering.version}`}
    >
      <Typography variant="body2" paragraph>
        {offering.description}
      </Typography>
      <Typography variant="caption" display="block">
        Owned by {offering.ownerTeam}
      </Typography>
      {offering.dependencies.map(dependency => (
        <Chip key={dependency} size="small" label={`needs ${dependency}`} />
      ))}
      {offering.documentationUrl && (
        <Typography variant="body2">
          <Link to={offering.documentationUrl}>Documentation</Link>
        </Typography>
      )}
    </InfoCard>
  );
}
