import { QuotaUsage } from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { quotaText } from '../OfferingForm/quotaText';

/** How much of each offering's quota a team uses. */
export function QuotaList(props: {
  quotas: QuotaUsage[];
  offeringNames: Map<string, string>;
}) {
  if (props.quotas.length === 0) {
    return <Typography variant="body2">No quota applies.</Typography>;
  }
  return (
    <>
      {props.quotas.map(quota => {
        const text = quotaText(
          quota,
          props.offeringNames.get(quota.offering) ?? quota.offering,
        );
        return (
          <Box key={quota.offering} my={1}>
            <Typography variant="body2">{text}</Typography>
            {quota.limit !== undefined && quota.limit > 0 && (
              <LinearProgress
                variant="determinate"
                aria-label={text}
                color={quota.used >= quota.limit ? 'secondary' : 'primary'}
                value={Math.min(100, (quota.used / quota.limit) * 100)}
              />
            )}
          </Box>
        );
      })}
    </>
  );
}
