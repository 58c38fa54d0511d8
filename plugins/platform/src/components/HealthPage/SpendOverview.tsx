import { HealthSummary } from '@idp-kit/plugin-platform-common';
import Grid from '@material-ui/core/Grid';
import { formatMoney } from '../Costs';
import { BreakdownChart } from './BreakdownChart';
import { HealthFigure } from './HealthFigure';

/** Keys the amounts by offering name, where the name is known. */
function byName(
  amounts: Record<string, number>,
  names: Map<string, string>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(amounts).map(([id, amount]) => [
      names.get(id) ?? id,
      amount,
    ]),
  );
}

/**
 * What the live resources are estimated to cost a month: in total, per
 * team and per offering. A row of the health page's grid.
 */
export function SpendOverview(props: {
  spend: NonNullable<HealthSummary['spend']>;
  offeringNames: Map<string, string>;
}) {
  const { spend, offeringNames } = props;
  const money = (amount: number) => formatMoney(amount, spend.currency);
  return (
    <>
      <Grid item xs={12} md={4}>
        <HealthFigure
          title="Estimated monthly spend"
          value={money(spend.total)}
          caption="What the live resources cost a month, at the platform's prices"
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <BreakdownChart
          title="Monthly spend by team"
          counts={spend.byTeam}
          kind="bar"
          formatValue={money}
          valueLabel="Monthly spend"
          emptyText="No live resources cost anything."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <BreakdownChart
          title="Monthly spend by offering"
          counts={byName(spend.byOffering, offeringNames)}
          kind="bar"
          formatValue={money}
          valueLabel="Monthly spend"
          emptyText="No live resources cost anything."
        />
      </Grid>
    </>
  );
}
