import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Checks the component or system a resource is requested for: it must be in
 * the catalog and belong to the resource's team or to the platform team, so
 * that no team hangs its resources on another team's software.
 */
export class OwnedEntities {
  readonly #catalog: CatalogService;
  readonly #platformTeam: string;

  /** `platformTeam` is the group entity ref of the platform team. */
  constructor(options: { catalog: CatalogService; platformTeam: string }) {
    this.#catalog = options.catalog;
    this.#platformTeam = options.platformTeam.toLocaleLowerCase('en-US');
  }

  /** Why the entity cannot be used by the team, or undefined when it can. */
  async problem(
    entity: CompoundEntityRef,
    team: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    const ref = stringifyEntityRef(entity);
    const teamRef = stringifyEntityRef(team).toLocaleLowerCase('en-US');
    const {
      items: [found],
    } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: [ref], fields: ['kind', 'metadata', 'spec.owner'] },
      { credentials },
    );
    // Whether it exists elsewhere is not told: the answer is the same.
    if (!found) {
      return `'${ref}' is not in the catalog`;
    }
    const owner = found.spec?.owner;
    let ownerRef: string | undefined;
    try {
      ownerRef =
        typeof owner === 'string'
          ? stringifyEntityRef(
              parseEntityRef(owner, {
                defaultKind: 'group',
                defaultNamespace: found.metadata.namespace ?? 'default',
              }),
            ).toLocaleLowerCase('en-US')
          : undefined;
    } catch {
      ownerRef = undefined;
    }
    if (ownerRef !== teamRef && ownerRef !== this.#platformTeam) {
      return `'${ref}' must be owned by ${teamRef} or by the platform team (${
        this.#platformTeam
      })`;
    }
    return undefined;
  }
}
