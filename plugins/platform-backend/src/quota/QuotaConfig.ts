import { Config } from '@backstage/config';
import { teamNameOf } from '@idp-kit/plugin-platform-common';
import { readTeamKeyed } from '../teams/teamKeyed';

/** The limit of an offering that no quota names, unless configured. */
export const DEFAULT_OFFERING_LIMIT = 20;

/**
 * Per-team limits on live resources of each offering: `platform.quotas.defaults`
 * apply to every team, `platform.quotas.teams.<team>` override them, and an
 * offering neither names (one a module adds, say) is limited by
 * `platform.quotas.defaultLimit` rather than unlimited by omission.
 */
export class QuotaConfig {
  readonly #defaults: Record<string, number>;
  readonly #teams: Record<string, Record<string, number>>;
  readonly #defaultLimit: number;

  constructor(
    defaults: Record<string, number>,
    teams: Record<string, Record<string, number>>,
    defaultLimit = DEFAULT_OFFERING_LIMIT,
  ) {
    this.#defaults = defaults;
    this.#teams = Object.fromEntries(
      Object.entries(teams).map(([team, limits]) => [teamNameOf(team), limits]),
    );
    this.#defaultLimit = defaultLimit;
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
      readTeamKeyed(teamsConfig, 'platform.quotas.teams', (c, team) =>
        readLimits(c.getConfig(team)),
      ),
      quotas?.getOptionalNumber('defaultLimit'),
    );
  }

  /** No limit at all: for stores that are given their quota elsewhere. */
  static unlimited(): QuotaConfig {
    // The largest integer the usage column holds on every database.
    return new QuotaConfig({}, {}, 2_147_483_647);
  }

  /** The team's limit for the offering. */
  limitFor(team: string, offering: string): number {
    return (
      this.#teams[teamNameOf(team)]?.[offering] ??
      this.#defaults[offering] ??
      this.#defaultLimit
    );
  }
}
