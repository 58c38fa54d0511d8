import { Config } from '@backstage/config';
import { teamNameOf } from '@idp-kit/plugin-platform-common';
import { readTeamKeyed } from '../teams/teamKeyed';

/** `platform.budgets`: each team's monthly budget, in the price list's currency. */
export class BudgetConfig {
  readonly #default?: number;
  readonly #teams: Map<string, number>;

  constructor(options: { default?: number; teams?: Record<string, number> }) {
    this.#default = options.default;
    this.#teams = new Map(
      Object.entries(options.teams ?? {}).map(([team, budget]) => [
        teamNameOf(team),
        budget,
      ]),
    );
  }

  static fromConfig(config: Config): BudgetConfig {
    const budgets = config.getOptionalConfig('platform.budgets');
    const teams = budgets?.getOptionalConfig('teams');
    return new BudgetConfig({
      default: budgets?.getOptionalNumber('default'),
      teams: readTeamKeyed(teams, 'platform.budgets.teams', (c, team) =>
        c.getNumber(team),
      ),
    });
  }

  /** The team's budget, or null when it has none. */
  budgetOf(team: string): number | null {
    return this.#teams.get(teamNameOf(team)) ?? this.#default ?? null;
  }
}
