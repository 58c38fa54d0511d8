import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  PlatformResource,
  RequestChannel,
  platformResourceCreatePermission,
  platformResourceDeletePermission,
  platformResourceReadPermission,
  platformResourceSecretReadPermission,
  platformResourceUpdatePermission,
  teamNameOf,
} from '@idp-kit/plugin-platform-common';
import { parseRequestRef } from '../catalog/entityRefs';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import { ResourceStore } from '../store/ResourceStore';

/** Who asks, and through which channel. */
export interface Requester {
  ref: string;
  channel: RequestChannel;
  credentials: BackstageCredentials;
}

type ResourcePermission =
  | typeof platformResourceReadPermission
  | typeof platformResourceUpdatePermission
  | typeof platformResourceDeletePermission
  | typeof platformResourceSecretReadPermission;

/** Loads resources for requesters who hold the permission, and refuses the rest. */
export class ResourceAccess {
  readonly #store: ResourceStore;
  readonly #authorizer: ResourceAuthorizer;

  constructor(options: {
    store: ResourceStore;
    authorizer: ResourceAuthorizer;
  }) {
    this.#store = options.store;
    this.#authorizer = options.authorizer;
  }

  /** Loads a resource the requester holds the permission on. */
  async load(
    id: string,
    permission: ResourcePermission,
    requester: Requester,
  ): Promise<PlatformResource> {
    const resource = await this.#store.get(id);
    if (
      !(await this.#authorizer.allows(
        permission,
        resource,
        requester.credentials,
      ))
    ) {
      // Which team owns the resource is not for this requester to learn.
      throw new NotAllowedError(
        `${requester.ref} may not ${permission.attributes.action} this resource`,
      );
    }
    return resource;
  }

  /** Refuses unless the requester may read the team's resources. */
  async assertMayReadTeam(team: string, requester: Requester, what: string) {
    if (
      !(await this.#authorizer.allows(
        platformResourceReadPermission,
        { team },
        requester.credentials,
      ))
    ) {
      throw new NotAllowedError(
        `${requester.ref} may not read the ${what} of team ${team}`,
      );
    }
  }

  /**
   * Refuses a request for a team the requester may not act for before
   * anything of that team is looked up, so that neither names in use nor
   * quota use can be learned. A team that is not even well-formed is left
   * for validation to report.
   */
  async refuseForeignTeam(team: unknown, requester: Requester) {
    const parsed =
      typeof team === 'string' ? parseRequestRef(team, 'group') : undefined;
    if (!parsed?.ref) {
      return;
    }
    const name = teamNameOf(parsed.ref);
    if (
      !(await this.#authorizer.allows(
        platformResourceCreatePermission,
        { team: name },
        requester.credentials,
      ))
    ) {
      throw new NotAllowedError(
        `${requester.ref} may not act for team ${name}: only its members and the platform team may`,
      );
    }
  }

  /** What of the resources the requester may list. */
  listScope(requester: Requester) {
    return this.#authorizer.listScope(
      platformResourceReadPermission,
      requester.credentials,
    );
  }
}
