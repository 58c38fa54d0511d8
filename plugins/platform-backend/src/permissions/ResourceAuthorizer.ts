import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionRuleset,
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import { PLATFORM_RESOURCE_TYPE } from '@idp-kit/plugin-platform-common';
import { PlatformResourceFilter, PlatformResourceSubject } from './rules';

/** Which resources a list may show: all, none, or those matching a filter. */
export type ListScope =
  | { type: 'all' }
  | { type: 'none' }
  | { type: 'filter'; filter: PermissionCriteria<PlatformResourceFilter> };

/**
 * Asks the permission framework about platform resources, applying
 * conditional decisions to single resources in memory and to lists in SQL.
 */
export class ResourceAuthorizer {
  readonly #permissions: PermissionsService;
  readonly #allows: (
    decision: PolicyDecision,
    resource: PlatformResourceSubject | undefined,
  ) => boolean;
  readonly #transform: ReturnType<
    typeof createConditionTransformer<PlatformResourceFilter>
  >;

  constructor(
    permissions: PermissionsService,
    ruleset: PermissionRuleset<PlatformResourceSubject, PlatformResourceFilter>,
  ) {
    this.#permissions = permissions;
    this.#allows = createConditionAuthorizer(ruleset);
    this.#transform = createConditionTransformer(ruleset);
  }

  /** Whether the credentials hold the permission on this (existing or would-be) resource. */
  async allows(
    permission: ResourcePermission<typeof PLATFORM_RESOURCE_TYPE>,
    resource: PlatformResourceSubject,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    return this.#allows(decision, resource);
  }

  /** Whether the permission holds for a team's resources, for many teams from one decision. */
  async teamTest(
    permission: ResourcePermission<typeof PLATFORM_RESOURCE_TYPE>,
    credentials: BackstageCredentials,
  ): Promise<(team: string) => boolean> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    return team => this.#allows(decision, { team });
  }

  async listScope(
    permission: ResourcePermission<typeof PLATFORM_RESOURCE_TYPE>,
    credentials: BackstageCredentials,
  ): Promise<ListScope> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return { type: 'all' };
    }
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return { type: 'filter', filter: this.#transform(decision.conditions) };
    }
    return { type: 'none' };
  }
}
