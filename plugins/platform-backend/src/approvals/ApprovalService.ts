import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  ApprovalRequest,
  ApprovalState,
  Page,
  PlatformResource,
  platformResourceApprovePermission,
  platformResourceReadPermission,
} from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import {
  ApprovalRequests,
  PendingRequest,
} from '../resources/ApprovalRequests';
import { Requester } from '../resources/ResourceAccess';
import { ResourceStore } from '../store/ResourceStore';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalOptions } from './ApprovalOptions';
import {
  ApprovalRecord,
  ApprovalStore,
  StaleDecisionError,
} from './ApprovalStore';
import { ResourceChangeNotifier } from '../changes/ResourceChangeNotifier';

/** Decisions that lost a race are tried again on what the winner left. */
const DECISION_ATTEMPTS = 3;

/** The engine's name on the timeline, for expiries. */
const PLATFORM_ACTOR = 'platform-engine';

/**
 * Requests that wait for approval: recording them, deciding them with four
 * eyes, expiring them, and telling the people involved.
 */
export class ApprovalService implements ApprovalRequests {
  readonly #store: ApprovalStore;
  readonly #resources: ResourceStore;
  readonly #authorizer: ResourceAuthorizer;
  readonly #groupsOf: (credentials: BackstageCredentials) => Promise<string[]>;
  readonly #options: ApprovalOptions;
  readonly #notifier?: ApprovalNotifier;
  readonly #metrics?: PlatformMetrics;
  readonly #changes: ResourceChangeNotifier;

  constructor(options: {
    store: ApprovalStore;
    resources: ResourceStore;
    authorizer: ResourceAuthorizer;
    /** The groups a signed-in user belongs to; none for services. */
    groupsOf: (credentials: BackstageCredentials) => Promise<string[]>;
    options: ApprovalOptions;
    notifier?: ApprovalNotifier;
    metrics?: PlatformMetrics;
    changes?: ResourceChangeNotifier;
  }) {
    this.#store = options.store;
    this.#resources = options.resources;
    this.#authorizer = options.authorizer;
    this.#groupsOf = options.groupsOf;
    this.#options = options.options;
    this.#notifier = options.notifier;
    this.#metrics = options.metrics;
    this.#changes = options.changes ?? new ResourceChangeNotifier();
  }

  async requestWithin(
    tx: Knex.Transaction,
    resource: PlatformResource,
    request: PendingRequest,
  ): Promise<void> {
    await this.#store.insertWithin(tx, resource.id, {
      ...request,
      expiresAt: new Date(
        Date.now() + this.#options.expireAfterMs,
      ).toISOString(),
    });
  }

  requested(resource: PlatformResource, request: PendingRequest): void {
    this.#notifier?.requested(resource, request);
  }

  withdrawWithin(tx: Knex.Transaction, resourceId: string): Promise<void> {
    return this.#store.withdrawWithin(tx, resourceId);
  }

  /** Approves or rejects what a resource waits on, for the caller's groups. */
  async decide(
    resourceId: string,
    outcome: 'approved' | 'rejected',
    requester: Requester,
    comment?: string,
  ): Promise<ApprovalRequest> {
    const resource = await this.#resources.get(resourceId);
    if (
      !(await this.#authorizer.allows(
        platformResourceApprovePermission,
        resource,
        requester.credentials,
      ))
    ) {
      throw new NotAllowedError(
        `${requester.ref} may not decide on requests for approval`,
      );
    }
    const groups = await this.#groupsOf(requester.credentials);
    for (let attempt = 1; ; attempt++) {
      const approval = await this.#store.findPending(resourceId);
      if (!approval) {
        throw new ConflictError(
          `Resource '${resource.name}' does not wait for approval; it is ${
            (await this.#resources.get(resourceId)).state
          }`,
        );
      }
      const speaksFor = this.#checkDecider(
        approval,
        requester,
        groups,
        outcome,
      );
      try {
        const decided = await this.#store.decide({
          approval,
          actor: requester.ref,
          outcome,
          groups: speaksFor,
          comment,
        });
        return await this.#afterDecision(decided, requester, groups);
      } catch (error) {
        if (
          !(error instanceof StaleDecisionError) ||
          attempt >= DECISION_ATTEMPTS
        ) {
          throw error;
        }
      }
    }
  }

  /**
   * The approving groups the caller decides for; refuses the requester
   * themself (four eyes) and anyone in none of the groups.
   */
  #checkDecider(
    approval: ApprovalRecord,
    requester: Requester,
    groups: string[],
    outcome: 'approved' | 'rejected',
  ): string[] {
    const approvers = [...new Set(approval.requirements.map(r => r.approvers))];
    if (approval.requestedBy === requester.ref) {
      throw new NotAllowedError(
        `${
          requester.ref
        } made this request and may not decide on it: another member of ${approvers.join(
          ' or ',
        )} must`,
      );
    }
    // Approving speaks for the groups still to approve; rejecting, for any.
    const open = outcome === 'approved' ? approval.awaiting : approvers;
    const speaksFor = open.filter(group => groups.includes(group));
    if (speaksFor.length === 0) {
      throw new NotAllowedError(
        `${requester.ref} is not a member of ${open.join(
          ' or ',
        )}, who decide on this request`,
      );
    }
    return speaksFor;
  }

  async #afterDecision(
    approval: ApprovalRecord,
    requester: Requester | undefined,
    groups: string[],
  ): Promise<ApprovalRequest> {
    const resource = await this.#resources.get(approval.resourceId);
    if (approval.state !== 'pending') {
      this.#metrics?.approvalDecided(
        resource.offering,
        approval.state,
        (Date.parse(approval.decidedAt!) - Date.parse(approval.requestedAt)) /
          1000,
      );
      this.#notifier?.decided(resource, approval);
      this.#changes.requested(resource.id);
    }
    return this.#toRequest(approval, resource, requester, groups);
  }

  #toRequest(
    approval: ApprovalRecord,
    resource: PlatformResource,
    requester: Requester | undefined,
    groups: string[],
  ): ApprovalRequest {
    const {
      version: _version,
      dependsOn: _dependsOn,
      previousState: _previous,
      ...rest
    } = approval;
    return {
      ...rest,
      resource,
      canDecide:
        approval.state === 'pending' &&
        requester !== undefined &&
        approval.requestedBy !== requester.ref &&
        approval.awaiting.some(group => groups.includes(group)),
    };
  }

  /** What the caller may decide (pending), or could have decided (other states). */
  async list(
    requester: Requester,
    query: { state: ApprovalState; limit: number; cursor?: string },
  ): Promise<Page<ApprovalRequest>> {
    const groups = await this.#groupsOf(requester.credentials);
    const page = await this.#store.listForGroups({
      ...query,
      groups,
      actor: requester.ref,
    });
    const items = await Promise.all(
      page.items.map(async approval =>
        this.#toRequest(
          approval,
          await this.#resources.get(approval.resourceId),
          requester,
          groups,
        ),
      ),
    );
    return { items, nextCursor: page.nextCursor };
  }

  /** A resource's requests for approval, for those who may read the resource. */
  async listForResource(
    resourceId: string,
    requester: Requester,
  ): Promise<ApprovalRequest[]> {
    const resource = await this.#resources.get(resourceId);
    if (
      !(await this.#authorizer.allows(
        platformResourceReadPermission,
        resource,
        requester.credentials,
      ))
    ) {
      throw new NotAllowedError(`${requester.ref} may not read this resource`);
    }
    const groups = await this.#groupsOf(requester.credentials);
    const approvals = await this.#store.listForResource(resourceId);
    return approvals.map(approval =>
      this.#toRequest(approval, resource, requester, groups),
    );
  }

  /** Rejects every request whose time to wait is up; returns how many. */
  async expireDue(signal?: AbortSignal): Promise<number> {
    let expired = 0;
    for (;;) {
      const due = await this.#store.listExpired(new Date().toISOString(), 50);
      if (due.length === 0 || signal?.aborted) {
        return expired;
      }
      for (const approval of due) {
        try {
          await this.#afterDecision(
            await this.#store.decide({
              approval,
              actor: PLATFORM_ACTOR,
              outcome: 'expired',
              groups: [],
            }),
            undefined,
            [],
          );
          expired++;
        } catch (error) {
          // Decided meanwhile, by a person or another replica.
          if (!(error instanceof StaleDecisionError)) {
            throw error;
          }
        }
      }
    }
  }
}
