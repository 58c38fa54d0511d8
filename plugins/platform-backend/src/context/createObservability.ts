import { Knex } from 'knex';
import { CostEstimator } from '../costs/CostEstimator';
import { PriceList } from '../costs/PriceList';
import { RetentionOptions } from '../housekeeping/RetentionOptions';
import { FeedbackStore } from '../metrics/FeedbackStore';
import { HealthStore } from '../metrics/HealthStore';
import { PlatformMetrics } from '../metrics/PlatformMetrics';

/** The health summary, the survey and support figures, and the metrics. */
export function createObservability(options: {
  db: Knex;
  retention: RetentionOptions;
  prices: PriceList;
  costs: CostEstimator;
}) {
  const { db, prices, costs } = options;
  const spend = prices.priced ? () => costs.platformSpend() : undefined;
  const health = new HealthStore(db, {
    healthChecksDays: options.retention.healthChecksDays,
    spend:
      spend &&
      (async () => {
        const { byTeamAndOffering: _detail, ...summary } = await spend();
        return summary;
      }),
  });
  const metrics = new PlatformMetrics({
    health,
    spend: spend && (async () => (await spend()).byTeamAndOffering),
  });
  return { health, feedback: new FeedbackStore(db), metrics };
}
