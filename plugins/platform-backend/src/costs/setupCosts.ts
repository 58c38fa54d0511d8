import { Config } from '@backstage/config';
import { Offering } from '@idp-kit/plugin-platform-common';
import { ResourceStore } from '../store/ResourceStore';
import { BudgetConfig } from './BudgetConfig';
import { BudgetPolicy } from './BudgetPolicy';
import { CostEstimator } from './CostEstimator';
import { PriceList } from './PriceList';

/** The price list, the team budgets and the policy that keeps teams within them. */
export function setupCosts(options: {
  config: Config;
  offerings: Offering[];
  store: ResourceStore;
}) {
  const prices = PriceList.fromConfig(options.config, options.offerings);
  const costs = new CostEstimator({
    prices,
    budgets: BudgetConfig.fromConfig(options.config),
    liveResources: team => options.store.listPriced(team),
  });
  return { prices, costs, budgetPolicy: new BudgetPolicy(costs) };
}
