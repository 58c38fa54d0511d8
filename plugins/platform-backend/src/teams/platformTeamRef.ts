import { Config } from '@backstage/config';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { parseRequestRef } from '../catalog/entityRefs';

/** The group entity ref of the platform team (`platform.teams.platformTeam`). */
export function platformTeamRef(config: Config): string {
  const value =
    config.getOptionalString('platform.teams.platformTeam') ??
    'group:default/platform-team';
  const parsed = parseRequestRef(value, 'group');
  if (!parsed.ref) {
    throw new Error(`platform.teams.platformTeam ${parsed.problem}`);
  }
  return stringifyEntityRef(parsed.ref);
}
