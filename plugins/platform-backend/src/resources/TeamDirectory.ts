import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Whether a team is a group in the catalog. A group that exists is
 * remembered for a while: a team's entity carries a relation to each of its
 * resources, so reading it costs more the more the team owns, and every
 * create and dry run asks. A group that does not exist is asked again.
 */
export class TeamDirectory {
  readonly #catalog: CatalogService;
  readonly #rememberMs: number;
  readonly #existsUntil = new Map<string, number>();

  constructor(catalog: CatalogService, options?: { rememberMs?: number }) {
    this.#catalog = catalog;
    this.#rememberMs = options?.rememberMs ?? 30_000;
  }

  async exists(
    team: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const ref = stringifyEntityRef(
      parseEntityRef(team, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
    if ((this.#existsUntil.get(ref) ?? 0) > Date.now()) {
      return true;
    }
    const {
      items: [group],
    } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: [ref], fields: ['kind'] },
      { credentials },
    );
    if (!group) {
      this.#existsUntil.delete(ref);
      return false;
    }
    this.#existsUntil.set(ref, Date.now() + this.#rememberMs);
    return true;
  }
}
