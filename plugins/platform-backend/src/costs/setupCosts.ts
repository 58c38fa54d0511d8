import { Config } from '@backstage/config';
import { Offering } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { PricedUsage } from '../store/PricedUsage';
import { BudgetConfig } from './BudgetConfig';
import { BudgetGuard } from './BudgetGuard';
import { BudgetPolicy } from './BudgetPolicy';
import { CostEstimator } from './CostEstimator';
import { PriceList } from './PriceList';

/**
 * The price list, the team budgets, the policy that judges requests by them
 * and the guard that keeps them as requests are recorded.
 */
export function setupCosts(options: {
  config: Config;
  offerings: Offering[];
  db: Knex;
}) {
  const prices = PriceList.fromConfig(options.config, options.offerings);
  const budgets = BudgetConfig.fromConfig(options.config);
  const priced = new PricedUsage(options.db);
  const costs = new CostEstimator({
    prices,
    budgets,
    liveResources: team => priced.list(team),
  });
  return {
    prices,
    costs,
    budgetPolicy: new BudgetPolicy(costs),
    budgetGuard: new BudgetGuard({ budgets, prices }),
  };
}
