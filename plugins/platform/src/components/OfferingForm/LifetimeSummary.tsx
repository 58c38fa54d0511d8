import { Lifetime, LifetimeVerdict } from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { lifetimeText } from '../Lifetime';

/**
 * How long the requested resource would live in the chosen environment, and
 * when it would expire once the request has been checked.
 */
export function LifetimeSummary(props: {
  /** The lifetime in the chosen environment, known before any check. */
  lifetime?: Lifetime;
  /** The dry run's lifetime, with the time the resource would expire. */
  verdict?: LifetimeVerdict;
}) {
  const { lifetime, verdict } = props;
  if (!lifetime && !verdict) {
    return null;
  }
  return (
    <Box component="section" aria-label="Lifetime">
      <Typography variant="h6" component="h3" gutterBottom>
        Lifetime
      </Typography>
      <Typography variant="body2">
        {lifetimeText(lifetime ?? verdict)}
      </Typography>
      {verdict?.expiresAt && (
        <Typography variant="body2">
          It would be deleted{' '}
          <time dateTime={verdict.expiresAt}>
            {new Date(verdict.expiresAt).toLocaleString()}
          </time>{' '}
          unless extended.
        </Typography>
      )}
    </Box>
  );
}
