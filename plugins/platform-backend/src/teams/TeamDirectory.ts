import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { teamEntityRef } from '@idp-kit/plugin-platform-common';
import { TrustedOrigins } from './TrustedOrigins';

/**
 * The platform's teams: whether a group is a team (a group in the catalog
 * that comes from a trusted origin) and who belongs to it. A team found is remembered for a while: a team's entity carries a relation
 * to each of its resources, so reading it costs more the more the team owns,
 * and every create and dry run asks. A refused team is asked about again.
 */
export class TeamDirectory {
  readonly #catalog: CatalogService;
  readonly #origins: TrustedOrigins;
  readonly #auth?: AuthService;
  readonly #userInfo?: UserInfoService;
  readonly #rememberMs: number;
  readonly #knownUntil = new Map<string, number>();

  constructor(options: {
    catalog: CatalogService;
    trustedOrigins: TrustedOrigins;
    /** With both, membership is answered; without, nobody is a member. */
    auth?: AuthService;
    userInfo?: UserInfoService;
    rememberMs?: number;
  }) {
    this.#catalog = options.catalog;
    this.#origins = options.trustedOrigins;
    this.#auth = options.auth;
    this.#userInfo = options.userInfo;
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

  /** The group refs of the groups a user belongs to; none for services. */
  async groupsOf(credentials: BackstageCredentials): Promise<string[]> {
    if (!this.#auth || !this.#userInfo) {
      return [];
    }
    if (!this.#auth.isPrincipal(credentials, 'user')) {
      return [];
    }
    const info = await this.#userInfo.getUserInfo(credentials);
    return info.ownershipEntityRefs
      .map(ref => ref.toLocaleLowerCase('en-US'))
      .filter(ref => ref.startsWith('group:'));
  }

  /** Whether the credentials are a user who belongs to the team. */
  async isMember(
    credentials: BackstageCredentials,
    team: string,
  ): Promise<boolean> {
    return (await this.groupsOf(credentials)).includes(teamEntityRef(team));
  }
}
