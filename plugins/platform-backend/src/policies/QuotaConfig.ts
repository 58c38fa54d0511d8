import { Config } from '@backstage/config';

/**
 * Per-team limits on live resources of each offering: `platform.quotas.defaults`
 * apply to every team, `platform.quotas.teams.<team>` override them.
 */
export class QuotaConfig {
  readonly #defaults: Record<string, number>;
  readonly #teams: Record<string, Record<string, number>>;

  constructor(
    defaults: Record<string, number>,
    teams: Record<string, Record<string, number>>,
  ) {
    this.#defaults = defaults;
    this.#teams = teams;
  }

  static fromConfig(config: Config): QuotaConfig {
    const quotas = config.getOptionalConfig('platform.quotas');
    const readLimits = (c?: Config) =>
      Object.fromEntries(
        (c?.keys() ?? []).map(offering => [offering, c!.getNumber(offering)]),
      );
    const teamsConfig = quotas?.getOptionalConfig('teams');
    return new QuotaConfig(
      readLimits(quotas?.getOptionalConfig('defaults')),
      Object.fromEntries(
        (teamsConfig?.keys() ?? []).map(team => [
          team,
          readLimits(teamsConfig!.getConfig(team)),
        ]),
      ),
    );
  }

  /** The team's limit for the offering, or undefined when it has none. */
  limitFor(team: string, offering: string): number | undefined {
    return this.#teams[team]?.[offering] ?? this.#defaults[offering];
  }
}
