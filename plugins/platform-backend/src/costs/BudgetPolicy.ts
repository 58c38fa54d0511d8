import { PlatformPolicy, PolicyContext } from '@idp-kit/plugin-platform-node';
import { PolicyViolation } from '@idp-kit/plugin-platform-common';
import { CostEstimator } from './CostEstimator';

const money = (value: number, currency: string) =>
  `${value.toFixed(2)} ${currency}`;

/**
 * Refuses a request that would take its team's estimated monthly spend
 * over the team's budget (platform.budgets). A change that lowers the
 * spend is never refused.
 */
export class BudgetPolicy implements PlatformPolicy {
  readonly id = 'budget';
  readonly description =
    "A request may not take its team's estimated monthly spend over the team's budget (platform.budgets)";
  readonly #costs: CostEstimator;

  constructor(costs: CostEstimator) {
    this.#costs = costs;
  }

  async evaluate(context: PolicyContext): Promise<PolicyViolation[]> {
    const { team } = context.request;
    if (this.#costs.budgetOf(team) === null) {
      return [];
    }
    const change = context.action === 'update';
    const cost = await this.#costs.estimate({
      team,
      offering: context.offering.id,
      config: context.request.config,
      previous: change ? context.resource?.config : undefined,
    });
    if (!cost || cost.budget === null || cost.monthly <= 0) {
      return [];
    }
    // A create judged again once approved counts in the spend already.
    const teamMonthly =
      !change && context.resource
        ? Math.round((cost.teamMonthly - cost.monthly) * 100) / 100
        : cost.teamMonthly;
    if (teamMonthly <= cost.budget) {
      return [];
    }
    return [
      {
        policy: this.id,
        reason: `Team ${team} would spend ${money(
          teamMonthly,
          cost.currency,
        )} a month with this request (${
          context.action === 'update' ? '+' : ''
        }${money(cost.monthly, cost.currency)}), over its budget of ${money(
          cost.budget,
          cost.currency,
        )}`,
      },
    ];
  }
}
