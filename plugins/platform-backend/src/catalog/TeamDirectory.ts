import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TrustedOrigins } from './TrustedOrigins';

/**
 * Whether a team is a group in the catalog that comes from a trusted origin.
 * A team found is remembered for a while: a team's entity carries a relation
 * to each of its resources, so reading it costs more the more the team owns,
 * and every create and dry run asks. A refused team is asked about again.
 */
export class TeamDirectory {
  readonly #catalog: CatalogService;
  readonly #origins: TrustedOrigins;
  readonly #rememberMs: number;
  readonly #knownUntil = new Map<string, number>();

  constructor(options: {
    catalog: CatalogService;
    trustedOrigins: TrustedOrigins;
    rememberMs?: number;
  }) {
    this.#catalog = options.catalog;
    this.#origins = options.trustedOrigins;
    this.#rememberMs = options.rememberMs ?? 30_000;
  }

  /** Why the group cannot be a team, or undefined when it can. */
  async problem(
    team: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    const ref = stringifyEntityRef(team);
    if ((this.#knownUntil.get(ref) ?? 0) > Date.now()) {
      return undefined;
    }
    this.#knownUntil.delete(ref);
    const {
      items: [group],
    } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: [ref], fields: ['kind', 'metadata.annotations'] },
      { credentials },
    );
    if (!group) {
      return `'${ref}' is not a group in the catalog`;
    }
    const origin = group.metadata?.annotations?.[ANNOTATION_ORIGIN_LOCATION];
    if (!this.#origins.includes(origin)) {
      return `'${ref}' is not a team of the platform: its group comes from ${
        origin ?? 'an unknown origin'
      }, which is not one of the organisation's trusted origins (platform.teams.trustedOrigins)`;
    }
    this.#knownUntil.set(ref, Date.now() + this.#rememberMs);
    return undefined;
  }
}
