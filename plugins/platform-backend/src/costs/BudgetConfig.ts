import { Config } from '@backstage/config';

/** `platform.budgets`: each team's monthly budget, in the price list's currency. */
export class BudgetConfig {
  readonly #default?: number;
  readonly #teams: Map<string, number>;

  constructor(options: { default?: number; teams?: Record<string, number> }) {
    this.#default = options.default;
    this.#teams = new Map(Object.entries(options.teams ?? {}));
  }

  static fromConfig(config: Config): BudgetConfig {
    const budgets = config.getOptionalConfig('platform.budgets');
    const teams = budgets?.getOptionalConfig('teams');
    return new BudgetConfig({
      default: budgets?.getOptionalNumber('default'),
      teams: Object.fromEntries(
        (teams?.keys() ?? []).map(team => [team, teams!.getNumber(team)]),
      ),
    });
  }

  /** The team's budget, or null when it has none. */
  budgetOf(team: string): number | null {
    return this.#teams.get(team) ?? this.#default ?? null;
  }
}
