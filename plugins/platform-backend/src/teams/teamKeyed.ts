import { Config } from '@backstage/config';
import { teamNameOf } from '@idp-kit/plugin-platform-common';
import { parseRequestRef } from '../catalog/entityRefs';

/**
 * A config object keyed by team (`platform.quotas.teams`,
 * `platform.budgets.teams`), keyed by each team's canonical name, so that a
 * key written `Team-Beta` limits the team resources name `team-beta`. A key
 * that is no team, or two keys that are one team, are refused, naming them.
 */
export function readTeamKeyed<T>(
  config: Config | undefined,
  path: string,
  read: (config: Config, key: string) => T,
): Record<string, T> {
  const entries: Record<string, T> = {};
  const keyOf = new Map<string, string>();
  for (const key of config?.keys() ?? []) {
    const parsed = parseRequestRef(key, 'group');
    if (!parsed.ref) {
      throw new Error(
        `${path}.${key} is not a team: the key ${parsed.problem}`,
      );
    }
    const team = teamNameOf(parsed.ref);
    const earlier = keyOf.get(team);
    if (earlier !== undefined) {
      throw new Error(
        `${path}.${earlier} and ${path}.${key} name the same team ${team}: keep one`,
      );
    }
    keyOf.set(team, key);
    entries[team] = read(config!, key);
  }
  return entries;
}
