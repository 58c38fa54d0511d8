import { CostEstimate, TeamSpend } from '@idp-kit/plugin-platform-common';
import { BudgetConfig } from './BudgetConfig';
import { PriceList } from './PriceList';

/** Live resources of one team, offering and configuration, as far as their price goes. */
export interface PricedResources {
  team: string;
  offering: string;
  config: Record<string, unknown>;
  /** How many live resources share this configuration. */
  count: number;
}

/** What the platform spends, in total, per team and per offering. */
export interface PlatformSpend {
  currency: string;
  total: number;
  byTeam: Record<string, number>;
  byOffering: Record<string, number>;
  /** Per team, then per offering; for the metric. */
  byTeamAndOffering: Record<string, Record<string, number>>;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * Prices requests and adds up what teams spend, from the price list and
 * the live resources (those waiting for approval included: they will cost
 * once approved).
 */
export class CostEstimator {
  readonly #prices: PriceList;
  readonly #budgets: BudgetConfig;
  readonly #liveResources: (team?: string) => Promise<PricedResources[]>;

  constructor(options: {
    prices: PriceList;
    budgets: BudgetConfig;
    liveResources: (team?: string) => Promise<PricedResources[]>;
  }) {
    this.#prices = options.prices;
    this.#budgets = options.budgets;
    this.#liveResources = options.liveResources;
  }

  get currency(): string {
    return this.#prices.currency;
  }

  budgetOf(team: string): number | null {
    return this.#budgets.budgetOf(team);
  }

  async teamSpend(team: string): Promise<TeamSpend> {
    const byOffering: Record<string, number> = {};
    for (const resources of await this.#liveResources(team)) {
      const { monthly } = this.#prices.priceOf(
        resources.offering,
        resources.config,
      );
      byOffering[resources.offering] = cents(
        (byOffering[resources.offering] ?? 0) + monthly * resources.count,
      );
    }
    return {
      team,
      currency: this.currency,
      monthly: cents(Object.values(byOffering).reduce((a, b) => a + b, 0)),
      byOffering,
      budget: this.#budgets.budgetOf(team),
    };
  }

  async platformSpend(): Promise<PlatformSpend> {
    const byTeamAndOffering: Record<string, Record<string, number>> = {};
    for (const resources of await this.#liveResources()) {
      const { monthly } = this.#prices.priceOf(
        resources.offering,
        resources.config,
      );
      const team = (byTeamAndOffering[resources.team] ??= {});
      team[resources.offering] = cents(
        (team[resources.offering] ?? 0) + monthly * resources.count,
      );
    }
    const byTeam: Record<string, number> = {};
    const byOffering: Record<string, number> = {};
    for (const [team, offerings] of Object.entries(byTeamAndOffering)) {
      for (const [offering, monthly] of Object.entries(offerings)) {
        byTeam[team] = cents((byTeam[team] ?? 0) + monthly);
        byOffering[offering] = cents((byOffering[offering] ?? 0) + monthly);
      }
    }
    return {
      currency: this.currency,
      total: cents(Object.values(byTeam).reduce((a, b) => a + b, 0)),
      byTeam,
      byOffering,
      byTeamAndOffering,
    };
  }

  /**
   * The price of a request, and the team's spend after it; a change is
   * priced as the difference from the configuration it replaces. Undefined
   * when no offering has a price.
   */
  async estimate(request: {
    team: string;
    offering: string;
    config: Record<string, unknown>;
    previous?: Record<string, unknown>;
  }): Promise<CostEstimate | undefined> {
    if (!this.#prices.priced) {
      return undefined;
    }
    const price = this.#prices.priceOf(request.offering, request.config);
    const before = request.previous
      ? this.#prices.priceOf(request.offering, request.previous).monthly
      : 0;
    const monthly = cents(price.monthly - before);
    const spend = await this.teamSpend(request.team);
    return {
      monthly,
      currency: this.currency,
      breakdown: price.breakdown,
      teamMonthly: cents(spend.monthly + monthly),
      budget: spend.budget,
    };
  }
}
