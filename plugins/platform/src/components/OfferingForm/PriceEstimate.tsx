import { CostEstimate } from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatMoney } from '../Costs';

/** "Team spend after this request: €900.00 of budget €1,500.00 a month". */
function teamSpendText(cost: CostEstimate, subject: string): string {
  const after = `Team spend after this ${subject}: ${formatMoney(
    cost.teamMonthly,
    cost.currency,
  )}`;
  return cost.budget === null
    ? `${after} a month (no budget)`
    : `${after} of budget ${formatMoney(cost.budget, cost.currency)} a month`;
}

/** The headline: the price a month, or for a change the difference it makes. */
function headline(cost: CostEstimate, change: boolean): string {
  if (!change) {
    return `${formatMoney(cost.monthly, cost.currency)} a month`;
  }
  return cost.monthly === 0
    ? 'No change in price'
    : `${formatMoney(cost.monthly, cost.currency, { signed: true })} a month`;
}

/**
 * What a request costs a month, line by line, and what its team then spends
 * against its budget; for a change, the difference it makes. Nothing when
 * the platform prices nothing.
 */
export function PriceEstimate(props: {
  /** The dry run's estimate; undefined until the request can be checked. */
  cost?: CostEstimate;
  /** Whether the offering has a price, so an estimate is to come. */
  priced: boolean;
  /** Whether the request changes a resource rather than creating one. */
  change?: boolean;
}) {
  const { cost, priced, change = false } = props;
  if (!cost && !priced) {
    return null;
  }
  const overBudget =
    cost !== undefined &&
    cost.budget !== null &&
    cost.teamMonthly > cost.budget;
  return (
    <Box component="section" aria-label="Estimated price">
      <Typography variant="h6" component="h3" gutterBottom>
        Estimated price
      </Typography>
      {cost ? (
        <>
          <Typography variant="h5" component="p">
            {headline(cost, change)}
          </Typography>
          {cost.breakdown.length > 0 && (
            <>
              {change && (
                <Typography variant="body2" color="textSecondary">
                  The new configuration costs:
                </Typography>
              )}
              <Box component="ul" pl={2} my={1} aria-label="Price breakdown">
                {cost.breakdown.map((line, index) => (
                  <Typography key={index} component="li" variant="body2">
                    {line.item}: {formatMoney(line.monthly, cost.currency)}
                  </Typography>
                ))}
              </Box>
            </>
          )}
          <Typography
            variant="body2"
            color={overBudget ? 'error' : 'textPrimary'}
          >
            {teamSpendText(cost, change ? 'change' : 'request')}
          </Typography>
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          The price shows once the request can be checked.
        </Typography>
      )}
    </Box>
  );
}
