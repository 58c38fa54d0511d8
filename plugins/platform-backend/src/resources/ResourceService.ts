import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ApprovalRequirement,
  CreateResourceRequest,
  PlatformResource,
  QuotaUsage,
  RequestVerdict,
  liveResourceStates,
  platformResourceDeletePermission,
  platformResourceReadPermission,
  platformResourceSecretReadPermission,
  platformResourceUpdatePermission,
} from '@idp-kit/plugin-platform-common';
import { ResourceChangeNotifier } from '../changes/ResourceChangeNotifier';
import {
  InvalidRequestError,
  PolicyDeniedError,
} from '../errors/RequestErrors';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { QuotaLedger } from '../quota/QuotaLedger';
import { RequestValidator } from '../requests/RequestValidator';
import { SecretBox } from '../secrets/SecretBox';
import { ResourceFilter } from '../store/resourceRows';
import { ResourceStore } from '../store/ResourceStore';
import { TeamDirectory } from '../teams/TeamDirectory';
import { ApprovalRequests, PendingRequest } from './ApprovalRequests';
import { ResourceAccess, Requester } from './ResourceAccess';

/**
 * What people and templates ask of resources: to see them, to create,
 * change, retry and delete them. Each request is authorized, judged by the
 * validator and recorded by the store; whoever needs to know is told.
 */
export class ResourceService {
  readonly #validator: RequestValidator;
  readonly #store: ResourceStore;
  readonly #access: ResourceAccess;
  readonly #quota: QuotaLedger;
  readonly #offerings: OfferingRegistry;
  readonly #teams: TeamDirectory;
  readonly #secrets: SecretBox;
  readonly #changes: ResourceChangeNotifier;
  readonly #approvals?: ApprovalRequests;
  readonly #metrics?: PlatformMetrics;

  constructor(options: {
    validator: RequestValidator;
    store: ResourceStore;
    access: ResourceAccess;
    quota: QuotaLedger;
    offerings: OfferingRegistry;
    teams: TeamDirectory;
    secrets: SecretBox;
    changes: ResourceChangeNotifier;
    /** Where requests that a policy wants approved wait; without it, they are refused. */
    approvals?: ApprovalRequests;
    metrics?: PlatformMetrics;
  }) {
    this.#validator = options.validator;
    this.#store = options.store;
    this.#access = options.access;
    this.#quota = options.quota;
    this.#offerings = options.offerings;
    this.#teams = options.teams;
    this.#secrets = options.secrets;
    this.#changes = options.changes;
    this.#approvals = options.approvals;
    this.#metrics = options.metrics;
  }

  get environments(): string[] {
    return this.#validator.environments;
  }

  async get(id: string, requester: Requester): Promise<PlatformResource> {
    return this.#access.load(id, platformResourceReadPermission, requester);
  }

  /** The newest `limit` events before the event `before`, oldest first. */
  async events(
    id: string,
    requester: Requester,
    page: { limit: number; before?: number },
  ) {
    await this.#access.load(id, platformResourceReadPermission, requester);
    return this.#store.events.page(id, page);
  }

  /** Live resources that depend on this one and block its deletion. */
  async dependents(id: string, requester: Requester, page: { limit: number }) {
    await this.#access.load(id, platformResourceReadPermission, requester);
    return this.#store.findDependents(id, page);
  }

  async list(filter: ResourceFilter, requester: Requester) {
    const scope = await this.#access.listScope(requester);
    return this.#store.list({ ...filter, scope });
  }

  /** The decrypted connection secrets of a resource. */
  async secret(
    id: string,
    requester: Requester,
  ): Promise<Record<string, string>> {
    const resource = await this.#access.load(
      id,
      platformResourceSecretReadPermission,
      requester,
    );
    const sealed = await this.#store.secrets.find(id);
    if (!sealed) {
      throw new NotFoundError(`Resource '${resource.name}' has no secrets`);
    }
    return this.#secrets.open(id, sealed);
  }

  /** A team's use of each offering, for its members and the platform team. */
  async quotas(team: string, requester: Requester): Promise<QuotaUsage[]> {
    await this.#access.assertMayReadTeam(team, requester, 'quotas');
    return this.#quota.usageOfAll(
      team,
      this.#offerings.list().map(o => o.id),
    );
  }

  /** Runs every check of a create, recording nothing. */
  async dryRun(
    request: CreateResourceRequest,
    requester: Requester,
  ): Promise<RequestVerdict> {
    await this.#access.refuseForeignTeam(request.team, requester);
    const decision = await this.#validator.checkCreate(request, requester, {
      estimate: true,
    });
    return decision.verdict;
  }

  async create(
    asked: CreateResourceRequest,
    requester: Requester,
  ): Promise<PlatformResource> {
    await this.#access.refuseForeignTeam(asked.team, requester);
    const decision = await this.#validator.checkCreate(asked, requester, {
      estimate: false,
    });
    const { request, offering, verdict } = decision;
    if (!request || !offering) {
      throw new InvalidRequestError(verdict.errors);
    }
    if (decision.nameTaken) {
      throw new ConflictError(
        `A live resource named '${request.name}' already exists for ${request.team} in ${request.environment}`,
      );
    }
    this.#refuseViolations(verdict);
    const pending = this.#pendingRequest(verdict.approvals, requester, {
      action: 'create',
      config: request.config,
      dependsOn: decision.dependsOn,
    });
    const gate = pending && this.#approvalGate(verdict.approvals);
    const resource = await this.#store
      .create(
        {
          ...request,
          dependsOn: decision.dependsOn,
          createdBy: requester.ref,
          createdVia: requester.channel,
          selfService: await this.#teams.isMember(
            requester.credentials,
            request.team,
          ),
          expiresAt: decision.lifetime?.expiresAt ?? null,
        },
        {
          state: pending ? 'awaiting-approval' : 'pending',
          within:
            gate && pending
              ? (tx, created) => gate.requestWithin(tx, created, pending)
              : undefined,
        },
      )
      .catch(error => {
        // The quota, claimed as the resource is recorded, is a policy too.
        if (error instanceof PolicyDeniedError) {
          this.#metrics?.policyDenied(error.violations);
        }
        throw error;
      });
    this.#metrics?.resourceCreated(resource);
    if (gate && pending) {
      gate.requested(resource, pending);
    }
    this.#changes.requested(resource.id);
    return resource;
  }

  /** A day-2 change of configuration, checked like a create. */
  async update(
    id: string,
    change: { config?: Record<string, unknown> },
    requester: Requester,
    options?: { dryRun?: boolean },
  ): Promise<PlatformResource | RequestVerdict> {
    const resource = await this.#access.load(
      id,
      platformResourceUpdatePermission,
      requester,
    );
    const decision = await this.#validator.checkUpdate(
      resource,
      change.config,
      requester,
      { estimate: Boolean(options?.dryRun) },
    );
    const { request, verdict } = decision;
    if (options?.dryRun) {
      return verdict;
    }
    if (!request) {
      throw new InvalidRequestError(verdict.errors);
    }
    if (verdict.violations.length > 0) {
      throw new PolicyDeniedError(verdict.violations);
    }
    const pending = this.#pendingRequest(verdict.approvals, requester, {
      action: 'update',
      config: request.config,
      dependsOn: decision.dependsOn,
      previousState: resource.state,
    });
    if (pending) {
      return this.#awaitApprovalOfChange(resource, requester, pending);
    }
    const updated = await this.#store.transition({
      id,
      from: ['ready', 'failed'],
      to: 'updating',
      type: 'update-requested',
      actor: requester.ref,
      message: `Configuration change requested through the ${requester.channel}`,
      // A changed reference (an API gateway's upstream) moves the dependency.
      changes: {
        config: request.config,
        dependsOn: decision.dependsOn,
        error: null,
      },
    });
    this.#changes.requested(updated.id);
    return updated;
  }

  /** Starts deleting a resource, unless live resources depend on it. */
  async delete(id: string, requester: Requester): Promise<PlatformResource> {
    const resource = await this.#access.load(
      id,
      platformResourceDeletePermission,
      requester,
    );
    const dependents = await this.#store.findDependents(id);
    if (dependents.length > 0) {
      throw new ConflictError(
        `Resource '${resource.name}' is used by ${dependents
          .map(d => `${d.offering} '${d.name}'`)
          .join(', ')}; delete those first`,
      );
    }
    const approvals = this.#approvals;
    const deleting = await this.#store.transition({
      id,
      from: liveResourceStates.filter(s => s !== 'deleting'),
      to: 'deleting',
      type: 'delete-requested',
      actor: requester.ref,
      message: `Deletion requested through the ${requester.channel}`,
      // A request that waited for approval is withdrawn with it.
      within: approvals ? tx => approvals.withdrawWithin(tx, id) : undefined,
    });
    this.#changes.requested(deleting.id);
    return deleting;
  }

  /** Tries a failed resource again: provisioning if it never became ready, else its last change. */
  async retry(id: string, requester: Requester): Promise<PlatformResource> {
    const resource = await this.#access.load(
      id,
      platformResourceUpdatePermission,
      requester,
    );
    const neverReady = Object.keys(resource.outputs).length === 0;
    const retried = await this.#store.transition({
      id,
      from: ['failed'],
      to: neverReady ? 'pending' : 'updating',
      type: 'retry-requested',
      actor: requester.ref,
      message: `Retry requested through the ${requester.channel}`,
      changes: { error: null },
    });
    this.#changes.requested(retried.id);
    return retried;
  }

  #refuseViolations(verdict: RequestVerdict) {
    if (verdict.violations.length > 0) {
      this.#metrics?.policyDenied(verdict.violations);
      throw new PolicyDeniedError(verdict.violations);
    }
  }

  /** The request for approval a create or change makes, if policies ask for one. */
  #pendingRequest(
    approvals: ApprovalRequirement[],
    requester: Requester,
    request: Pick<
      PendingRequest,
      'action' | 'config' | 'dependsOn' | 'previousState'
    >,
  ): PendingRequest | undefined {
    if (approvals.length === 0) {
      return undefined;
    }
    return {
      ...request,
      requirements: approvals,
      requestedBy: requester.ref,
      requestedVia: requester.channel,
    };
  }

  /** Where requests wait for approval; refuses them when nothing can approve. */
  #approvalGate(approvals: ApprovalRequirement[]): ApprovalRequests {
    if (!this.#approvals) {
      throw new PolicyDeniedError(
        approvals.map(a => ({
          policy: a.policy,
          reason: `${a.reason}, and approvals are not available here`,
        })),
      );
    }
    return this.#approvals;
  }

  /** Holds a change of configuration until it is approved; the resource keeps its configuration meanwhile. */
  async #awaitApprovalOfChange(
    resource: PlatformResource,
    requester: Requester,
    pending: PendingRequest,
  ): Promise<PlatformResource> {
    const gate = this.#approvalGate(pending.requirements);
    const waiting = await this.#store.transition({
      id: resource.id,
      from: ['ready', 'failed'],
      to: 'awaiting-approval',
      type: 'update-requested',
      actor: requester.ref,
      message: `Configuration change requested through the ${requester.channel}`,
      within: tx => gate.requestWithin(tx, resource, pending),
    });
    gate.requested(waiting, pending);
    this.#changes.requested(waiting.id);
    return waiting;
  }
}
