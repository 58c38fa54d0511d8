import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { TeamSpend } from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { errorMessage } from '../../api/errorMessage';
import { platformApiRef } from '../../api/PlatformApi';
import { formatMoney } from '../Costs';

/** "€820.00 of €1,500.00 budget a month". */
function spendText(spend: TeamSpend): string {
  const monthly = formatMoney(spend.monthly, spend.currency);
  return spend.budget === null
    ? `${monthly} a month, no budget`
    : `${monthly} of ${formatMoney(
        spend.budget,
        spend.currency,
      )} budget a month`;
}

/**
 * A team's estimated monthly spend against its budget, and what each
 * offering adds to it. Read on its own, so that a failure leaves the rest
 * of the card alone.
 */
export function TeamSpendSummary(props: {
  team: string;
  offeringNames: Map<string, string>;
}) {
  const { team, offeringNames } = props;
  const platformApi = useApi(platformApiRef);
  const spend = useAsync(
    () => platformApi.getTeamSpend(team),
    [platformApi, team],
  );

  let content: JSX.Element;
  if (spend.loading) {
    content = <Progress />;
  } else if (spend.error || !spend.value) {
    content = (
      <Typography variant="body2" color="error">
        The spend could not be read: {spend.error && errorMessage(spend.error)}
      </Typography>
    );
  } else {
    const { budget, monthly, currency, byOffering } = spend.value;
    const text = spendText(spend.value);
    content = (
      <>
        <Typography variant="body2">{text}</Typography>
        {budget !== null && budget > 0 && (
          <LinearProgress
            variant="determinate"
            aria-label={text}
            color={monthly > budget ? 'secondary' : 'primary'}
            value={Math.min(100, (monthly / budget) * 100)}
          />
        )}
        <Box
          component="ul"
          pl={2}
          my={1}
          aria-label={`Spend of ${team} by offering`}
        >
          {Object.entries(byOffering)
            .sort(([, first], [, second]) => second - first)
            .map(([offering, amount]) => (
              <Typography key={offering} component="li" variant="body2">
                {offeringNames.get(offering) ?? offering}:{' '}
                {formatMoney(amount, currency)}
              </Typography>
            ))}
        </Box>
      </>
    );
  }

  return (
    <Box component="section" aria-label="Estimated monthly spend" mt={2}>
      <Typography variant="subtitle2" component="h3">
        Estimated monthly spend
      </Typography>
      {content}
    </Box>
  );
}
