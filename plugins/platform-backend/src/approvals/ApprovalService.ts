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
  DecisionInput,
  StaleDecisionError,
} from './ApprovalStore';
import { ResourceChangeNotifier } from '../changes/ResourceChangeNotifier';
import { retryTransactionConflicts } from '../database/transactionConflict';
import { canonicalRef, decidesFor, groupsAmong } from './fourEyes';
import { ApprovedVerdict, JudgeApproved } from './JudgeApproved';
import { PLATFORM_ACTOR } from './moveResource';
import { NoLongerAllowedError } from './NoLongerAllowedError';

/** Decisions that lost a race are tried again on what the winner left. */
const DECISION_ATTEMPTS = 3;

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
  readonly #judge?: JudgeApproved;

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
    /**
     * Judges a request again when its last approval arrives; without it,
     * an approved request takes effect as it was recorded.
     */
    judge?: JudgeApproved;
  }) {
    this.#store = options.store;
    this.#resources = options.resources;
    this.#authorizer = options.authorizer;
    this.#groupsOf = options.groupsOf;
    this.#options = options.options;
    this.#notifier = options.notifier;
    this.#metrics = options.metrics;
    this.#changes = options.changes ?? new ResourceChangeNotifier();
    this.#judge = options.judge;
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
      const input: DecisionInput = {
        approval,
        actor: requester.ref,
        outcome,
        groups: decidesFor(approval, { ref: requester.ref, groups }, outcome),
        comment,
      };
      let decided: ApprovalRecord;
      let verdict: ApprovedVerdict | undefined;
      try {
        // The approval that completes the request has it judged again.
        if (
          outcome === 'approved' &&
          input.groups.length === approval.awaiting.length
        ) {
          verdict = await this.#judgeAgain(approval);
          input.judged = verdict && {
            dependsOn: verdict.dependsOn,
            refusal: refusalOf(verdict),
          };
        }
        decided = await this.#store.decide(input);
      } catch (error) {
        if (
          !(error instanceof StaleDecisionError) ||
          attempt >= DECISION_ATTEMPTS
        ) {
          throw error;
        }
        continue;
      }
      const answer = await this.#afterDecision(decided, requester, groups);
      const refusal = input.judged?.refusal;
      if (verdict && refusal && decided.state === 'rejected') {
        this.#metrics?.policyDenied(verdict.violations);
        throw new NoLongerAllowedError(
          `Resource '${resource.name}' may no longer have what was approved, so the request was rejected: ${refusal}`,
          verdict,
        );
      }
      return answer;
    }
  }

  /** The request judged again as it is to take effect, if there is a judge. */
  async #judgeAgain(
    approval: ApprovalRecord,
  ): Promise<ApprovedVerdict | undefined> {
    if (!this.#judge) {
      return undefined;
    }
    return this.#judge({
      action: approval.action,
      resource: await this.#resources.get(approval.resourceId),
      config: approval.config,
      requestedBy: approval.requestedBy,
    });
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
        canonicalRef(approval.requestedBy) !== canonicalRef(requester.ref) &&
        groupsAmong(approval.awaiting, groups).length > 0,
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
          const decided = await retryTransactionConflicts(() =>
            this.#store.decide({
              approval,
              actor: PLATFORM_ACTOR,
              outcome: 'expired',
              groups: [],
            }),
          );
          await this.#afterDecision(decided, undefined, []);
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

/** Why a request judged again may no longer go ahead; undefined if it may. */
function refusalOf(verdict: ApprovedVerdict): string | undefined {
  const reasons = [
    ...verdict.errors.map(e => `${e.field} ${e.message}`),
    ...verdict.violations.map(v => `${v.reason} (${v.policy})`),
  ];
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}
