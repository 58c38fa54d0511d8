import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** One headline number of the platform's health, with what it means. */
export function HealthFigure(props: {
  title: string;
  /** Undefined when there is nothing to measure yet. */
  value?: string;
  caption: string;
}) {
  return (
    <InfoCard title={props.title} noPadding={false}>
      <Typography variant="h3" component="p">
        {props.value ?? '—'}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.caption}
      </Typography>
    </InfoCard>
  );
}
