import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  CreateResourceRequest,
  FieldError,
  LifetimeVerdict,
  OfferingWithSchema,
  PlatformResource,
  QuotaUsage,
  RequestChannel,
  RequestVerdict,
  liveResourceStates,
  platformResourceCreatePermission,
  platformResourceDeletePermission,
  platformResourceReadPermission,
  platformResourceSecretReadPermission,
  platformResourceUpdatePermission,
  resourceNameProblem,
  validateOfferingConfig,
} from '@idp-kit/plugin-platform-common';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import { SecretBox } from '../secrets/SecretBox';
import { PolicyEngine } from '../policies/PolicyEngine';
import { QuotaConfig } from '../policies/QuotaConfig';
import { QuotaExceededError } from './QuotaExceededError';
import { InvalidRequestError, PolicyDeniedError } from './RequestErrors';
import { ResourceFilter, ResourceStore } from './ResourceStore';
import { ApprovalRequests, PendingRequest } from './ApprovalRequests';
import { LifetimeRules, RequestPricing } from './RequestTerms';
import { OwnedEntities } from '../catalog/OwnedEntities';
import { TeamDirectory } from '../catalog/TeamDirectory';
import { parseRequestRef, teamNameOf } from '../catalog/entityRefs';

/** Who asks, and through which channel. */
export interface Requester {
  ref: string;
  channel: RequestChannel;
  credentials: BackstageCredentials;
}

type CheckedRequest = {
  errors: FieldError[];
  offering?: OfferingWithSchema;
  request?: CreateResourceRequest & { config: Record<string, unknown> };
  dependsOn: string[];
  lifetime?: LifetimeVerdict;
};

function optionalString(
  body: Record<string, unknown>,
  key: string,
  errors: FieldError[],
): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.push({ field: key, message: 'must be a string' });
    return undefined;
  }
  return value;
}

/** The team of a request body as a group ref, or undefined with the problem recorded. */
function requestTeam(
  body: Record<string, unknown>,
  errors: FieldError[],
): CompoundEntityRef | undefined {
  const value = optionalString(body, 'team', errors);
  if (!value) {
    if (!errors.some(e => e.field === 'team')) {
      errors.push({ field: 'team', message: 'is required' });
    }
    return undefined;
  }
  const parsed = parseRequestRef(value, 'group');
  if (!parsed.ref) {
    errors.push({ field: 'team', message: parsed.problem });
  }
  return parsed.ref;
}

// Control characters (NUL above all) have no place in any field, and
// PostgreSQL refuses NUL in text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const MAX_FIELD_LENGTH = 255;

/**
 * Paths of strings in a request body that are too long or hold control
 * characters; walked without recursion, so no body can exhaust the stack.
 */
function unsafeStrings(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Array<[unknown, string]> = [[body, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (CONTROL_CHARACTERS.test(value)) {
        errors.push({
          field: path,
          message: 'must not contain control characters',
        });
      } else if (value.length > MAX_FIELD_LENGTH) {
        errors.push({
          field: path,
          message: `must be at most ${MAX_FIELD_LENGTH} characters`,
        });
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value).reverse()) {
        pending.push([inner, path ? `${path}.${key}` : key]);
      }
    }
  }
  return errors;
}

/**
 * Decides on requests to create, change and delete resources: validation,
 * then policies, then the store.
 */
export class ResourceService {
  readonly #offerings: OfferingRegistry;
  readonly #store: ResourceStore;
  readonly #policies: PolicyEngine;
  readonly #quotas: QuotaConfig;
  readonly #environments: string[];
  readonly #teams: TeamDirectory;
  readonly #ownedEntities: OwnedEntities;
  readonly #authorizer: ResourceAuthorizer;
  readonly #secrets: SecretBox;
  readonly #approvals?: ApprovalRequests;
  readonly #lifetimes: LifetimeRules;
  readonly #costs?: RequestPricing;
  readonly #onChange: (resource: PlatformResource) => void;
  readonly #metrics?: PlatformMetrics;
  readonly #isMember: (
    credentials: BackstageCredentials,
    team: string,
  ) => Promise<boolean>;

  constructor(options: {
    offerings: OfferingRegistry;
    store: ResourceStore;
    policies: PolicyEngine;
    quotas: QuotaConfig;
    environments: string[];
    teams: TeamDirectory;
    ownedEntities: OwnedEntities;
    authorizer: ResourceAuthorizer;
    secrets: SecretBox;
    /** Where requests that a policy wants approved wait; without it, they are refused. */
    approvals?: ApprovalRequests;
    /** How long resources live. */
    lifetimes: LifetimeRules;
    /** Prices requests; without it, verdicts carry no cost. */
    costs?: RequestPricing;
    onChange?: (resource: PlatformResource) => void;
    metrics?: PlatformMetrics;
    /** Whether the credentials belong to a member of the team, for the self-service figure. */
    isMember?: (
      credentials: BackstageCredentials,
      team: string,
    ) => Promise<boolean>;
  }) {
    this.#metrics = options.metrics;
    this.#isMember = options.isMember ?? (async () => false);
    this.#authorizer = options.authorizer;
    this.#secrets = options.secrets;
    this.#approvals = options.approvals;
    this.#lifetimes = options.lifetimes;
    this.#costs = options.costs;
    this.#offerings = options.offerings;
    this.#store = options.store;
    this.#policies = options.policies;
    this.#quotas = options.quotas;
    this.#environments = options.environments;
    this.#teams = options.teams;
    this.#ownedEntities = options.ownedEntities;
    this.#onChange = options.onChange ?? (() => {});
  }

  get environments(): string[] {
    return this.#environments;
  }

  #mayCreateFor(team: string, requester: Requester): Promise<boolean> {
    return this.#authorizer.allows(
      platformResourceCreatePermission,
      { team },
      requester.credentials,
    );
  }

  #notMemberReason(team: string, requester: Requester): string {
    return `${requester.ref} may not act for team ${team}: only its members and the platform team may`;
  }

  /** Loads a resource the requester holds the permission on. */
  async #authorized(
    id: string,
    permission:
      | typeof platformResourceReadPermission
      | typeof platformResourceUpdatePermission
      | typeof platformResourceDeletePermission
      | typeof platformResourceSecretReadPermission,
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

  async get(id: string, requester: Requester): Promise<PlatformResource> {
    return this.#authorized(id, platformResourceReadPermission, requester);
  }

  /** The newest `limit` events before the event `before`, oldest first. */
  async events(
    id: string,
    requester: Requester,
    page: { limit: number; before?: number },
  ) {
    await this.#authorized(id, platformResourceReadPermission, requester);
    return this.#store.listEventPage(id, page);
  }

  /** Live resources that depend on this one and block its deletion. */
  async dependents(id: string, requester: Requester, page: { limit: number }) {
    await this.#authorized(id, platformResourceReadPermission, requester);
    return this.#store.findDependents(id, page);
  }

  async list(filter: ResourceFilter, requester: Requester) {
    const scope = await this.#authorizer.listScope(
      platformResourceReadPermission,
      requester.credentials,
    );
    return this.#store.list({ ...filter, scope });
  }

  /** The decrypted connection secrets of a resource. */
  async secret(
    id: string,
    requester: Requester,
  ): Promise<Record<string, string>> {
    const resource = await this.#authorized(
      id,
      platformResourceSecretReadPermission,
      requester,
    );
    const sealed = await this.#store.findSecrets(id);
    if (!sealed) {
      throw new NotFoundError(`Resource '${resource.name}' has no secrets`);
    }
    return this.#secrets.open(id, sealed);
  }

  /**
   * The canonical ref of the component or system in a request; with `check`,
   * also that the catalog has it and the team or the platform team owns it.
   */
  async #ownedEntity(
    fields: Record<string, unknown>,
    kind: 'component' | 'system',
    options: {
      team?: CompoundEntityRef;
      credentials: BackstageCredentials;
      errors: FieldError[];
      check: boolean;
    },
  ): Promise<string | undefined> {
    const value = optionalString(fields, kind, options.errors);
    if (!value) {
      return undefined;
    }
    const parsed = parseRequestRef(value, kind);
    if (!parsed.ref) {
      options.errors.push({ field: kind, message: parsed.problem });
      return undefined;
    }
    if (options.check && options.team) {
      const problem = await this.#ownedEntities.problem(
        parsed.ref,
        options.team,
        options.credentials,
      );
      if (problem) {
        options.errors.push({ field: kind, message: problem });
      }
    }
    return stringifyEntityRef(parsed.ref);
  }

  /**
   * Validates a request. `checkRefs` asks the catalog about the team and the
   * referenced entities; a change of configuration keeps those as created.
   */
  async #checkRequest(
    body: unknown,
    credentials: BackstageCredentials,
    options: { checkRefs: boolean },
  ): Promise<CheckedRequest> {
    const errors: FieldError[] = [];
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return {
        errors: [{ field: 'body', message: 'must be a JSON object' }],
        dependsOn: [],
      };
    }
    const fields = body as Record<string, unknown>;
    const unsafe = unsafeStrings(fields);
    if (unsafe.length > 0) {
      return { errors: unsafe, dependsOn: [] };
    }

    const offeringId = optionalString(fields, 'offering', errors);
    const offering = offeringId ? this.#offerings.find(offeringId) : undefined;
    if (!offeringId && !errors.some(e => e.field === 'offering')) {
      errors.push({ field: 'offering', message: 'is required' });
    } else if (offeringId && !offering) {
      errors.push({
        field: 'offering',
        message: `'${offeringId}' is not an offering; choose one of ${this.#offerings
          .list()
          .map(o => o.id)
          .join(', ')}`,
      });
    }

    const name = fields.name;
    const nameProblem = resourceNameProblem(name);
    if (nameProblem) {
      errors.push({ field: 'name', message: nameProblem });
    }

    const teamRef = requestTeam(fields, errors);
    const team = teamRef && teamNameOf(teamRef);
    if (teamRef && options.checkRefs) {
      const problem = await this.#teams.problem(teamRef, credentials);
      if (problem) {
        errors.push({ field: 'team', message: problem });
      }
    }

    const environment = optionalString(fields, 'environment', errors);
    if (!environment && !errors.some(e => e.field === 'environment')) {
      errors.push({ field: 'environment', message: 'is required' });
    } else if (environment && !this.#environments.includes(environment)) {
      errors.push({
        field: 'environment',
        message: `must be one of: ${this.#environments.join(', ')}`,
      });
    }

    const askedExpiry = optionalString(fields, 'expiresAt', errors);
    let lifetime: LifetimeVerdict | undefined;
    if (offering && environment && this.#environments.includes(environment)) {
      const decided = this.#lifetimes.decide(
        offering.id,
        environment,
        askedExpiry,
      );
      lifetime = decided.verdict;
      if (decided.problem) {
        errors.push({ field: 'expiresAt', message: decided.problem });
      }
    }

    const component = await this.#ownedEntity(fields, 'component', {
      team: teamRef,
      credentials,
      errors,
      check: options.checkRefs,
    });
    const system = await this.#ownedEntity(fields, 'system', {
      team: teamRef,
      credentials,
      errors,
      check: options.checkRefs,
    });

    let config: Record<string, unknown> | undefined;
    if (offering) {
      const validation = validateOfferingConfig(offering, fields.config ?? {});
      if (validation.valid) {
        config = validation.config;
      } else {
        errors.push(...validation.errors);
      }
    }

    const dependsOn: string[] = [];
    if (offering && config && team && environment) {
      for (const field of offering.configurations) {
        const target = config[field.name];
        if (!field.resourceRef || typeof target !== 'string') {
          continue;
        }
        const upstream = await this.#store.findLive(team, environment, target);
        if (!upstream || upstream.offering !== field.resourceRef) {
          errors.push({
            field: `config.${field.name}`,
            message: `no ${field.resourceRef} named '${target}' exists for ${team} in ${environment}`,
          });
        } else {
          dependsOn.push(upstream.id);
        }
      }
    }

    if (errors.length > 0 || !offering || !config) {
      return { errors, offering, dependsOn, lifetime };
    }
    return {
      errors,
      offering,
      dependsOn,
      lifetime,
      request: {
        offering: offering.id,
        name: name as string,
        team: team!,
        environment: environment!,
        config,
        component,
        system,
      },
    };
  }

  async #quota(team: string, offering: string): Promise<QuotaUsage> {
    const used = (await this.#store.usage(team)).get(offering) ?? 0;
    return {
      team,
      offering,
      used,
      limit: this.#quotas.limitFor(team, offering),
    };
  }

  /**
   * Refuses a request for a team the requester may not act for before
   * anything of that team is looked up, so that neither names in use nor
   * quota use can be learned. A team that is not even well-formed is left
   * for validation to report.
   */
  async #refuseForeignTeam(body: unknown, requester: Requester) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return;
    }
    const value = (body as Record<string, unknown>).team;
    const parsed =
      typeof value === 'string' ? parseRequestRef(value, 'group') : undefined;
    if (!parsed?.ref) {
      return;
    }
    const team = teamNameOf(parsed.ref);
    if (!(await this.#mayCreateFor(team, requester))) {
      throw new NotAllowedError(this.#notMemberReason(team, requester));
    }
  }

  /** Runs every check of a create, recording nothing. */
  async dryRun(body: unknown, requester: Requester): Promise<RequestVerdict> {
    await this.#refuseForeignTeam(body, requester);
    const checked = await this.#checkRequest(body, requester.credentials, {
      checkRefs: true,
    });
    const { request, offering } = checked;
    if (!request || !offering) {
      return {
        allowed: false,
        errors: checked.errors,
        violations: [],
        approvals: [],
      };
    }
    const errors = [...checked.errors];
    if (
      await this.#store.findLive(
        request.team,
        request.environment,
        request.name,
      )
    ) {
      errors.push({
        field: 'name',
        message: `is taken by a live resource of ${request.team} in ${request.environment}`,
      });
    }
    const { violations, approvals } = await this.#policies.evaluate({
      action: 'create',
      offering,
      request,
      requester: requester.ref,
    });
    return {
      allowed: errors.length === 0 && violations.length === 0,
      errors,
      violations,
      approvals,
      quota: await this.#quota(request.team, offering.id),
      cost: await this.#costs?.estimate(request),
      lifetime: checked.lifetime,
    };
  }

  async create(body: unknown, requester: Requester): Promise<PlatformResource> {
    await this.#refuseForeignTeam(body, requester);
    const checked = await this.#checkRequest(body, requester.credentials, {
      checkRefs: true,
    });
    const { request, offering } = checked;
    if (!request || !offering) {
      throw new InvalidRequestError(checked.errors);
    }
    if (
      await this.#store.findLive(
        request.team,
        request.environment,
        request.name,
      )
    ) {
      throw new ConflictError(
        `A live resource named '${request.name}' already exists for ${request.team} in ${request.environment}`,
      );
    }
    const { violations, approvals } = await this.#policies.evaluate({
      action: 'create',
      offering,
      request,
      requester: requester.ref,
    });
    if (violations.length > 0) {
      this.#metrics?.policyDenied(violations);
      throw new PolicyDeniedError(violations);
    }
    const pending: PendingRequest | undefined =
      approvals.length > 0
        ? {
            action: 'create',
            requirements: approvals,
            config: request.config,
            dependsOn: checked.dependsOn,
            requestedBy: requester.ref,
            requestedVia: requester.channel,
          }
        : undefined;
    const gate = pending && this.#approvalGate(approvals);
    try {
      const resource = await this.#store.create(
        {
          ...request,
          dependsOn: checked.dependsOn,
          createdBy: requester.ref,
          createdVia: requester.channel,
          selfService: await this.#isMember(
            requester.credentials,
            request.team,
          ),
          expiresAt: checked.lifetime?.expiresAt ?? null,
        },
        {
          quotaLimit: this.#quotas.limitFor(request.team, offering.id),
          state: pending ? 'awaiting-approval' : 'pending',
          within:
            gate && pending
              ? (tx, created) => gate.requestWithin(tx, created, pending)
              : undefined,
        },
      );
      this.#metrics?.resourceCreated(resource);
      if (gate && pending) {
        gate.requested(resource, pending);
      }
      this.#onChange(resource);
      return resource;
    } catch (error) {
      if (error instanceof QuotaExceededError) {
        const quotaViolations = [{ policy: 'quota', reason: error.message }];
        this.#metrics?.policyDenied(quotaViolations);
        throw new PolicyDeniedError(quotaViolations);
      }
      throw error;
    }
  }

  /** A day-2 change of configuration, checked like a create. */
  async update(
    id: string,
    body: unknown,
    requester: Requester,
    options?: { dryRun?: boolean },
  ): Promise<PlatformResource | RequestVerdict> {
    const resource = await this.#authorized(
      id,
      platformResourceUpdatePermission,
      requester,
    );
    const config =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>).config
        : undefined;
    const checked = await this.#checkRequest(
      {
        offering: resource.offering,
        name: resource.name,
        team: resource.team,
        environment: resource.environment,
        component: resource.component,
        system: resource.system,
        config: config ?? {},
      },
      requester.credentials,
      { checkRefs: false },
    );
    const { request, offering } = checked;
    const { violations, approvals } =
      request && offering
        ? await this.#policies.evaluate({
            action: 'update',
            offering,
            request,
            requester: requester.ref,
            resource,
          })
        : { violations: [], approvals: [] };
    if (options?.dryRun) {
      return {
        allowed: checked.errors.length === 0 && violations.length === 0,
        errors: checked.errors,
        violations,
        approvals,
        quota: offering
          ? await this.#quota(resource.team, offering.id)
          : undefined,
        cost: request
          ? await this.#costs?.estimate({
              ...request,
              previous: resource.config,
            })
          : undefined,
      };
    }
    if (!request) {
      throw new InvalidRequestError(checked.errors);
    }
    if (violations.length > 0) {
      throw new PolicyDeniedError(violations);
    }
    if (approvals.length > 0) {
      return this.#awaitApprovalOfChange(resource, requester, {
        action: 'update',
        requirements: approvals,
        config: request.config,
        dependsOn: checked.dependsOn,
        previousState: resource.state,
        requestedBy: requester.ref,
        requestedVia: requester.channel,
      });
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
        dependsOn: checked.dependsOn,
        error: null,
      },
    });
    this.#onChange(updated);
    return updated;
  }

  /** Where requests wait for approval; refuses them when nothing can approve. */
  #approvalGate(approvals: { reason: string; policy: string }[]) {
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
    this.#onChange(waiting);
    return waiting;
  }

  /** Starts deleting a resource, unless live resources depend on it. */
  async delete(id: string, requester: Requester): Promise<PlatformResource> {
    const resource = await this.#authorized(
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
    const deleting = await this.#store.transition({
      id,
      from: liveResourceStates.filter(s => s !== 'deleting'),
      to: 'deleting',
      type: 'delete-requested',
      actor: requester.ref,
      message: `Deletion requested through the ${requester.channel}`,
      // A request that waited for approval is withdrawn with it.
      within: this.#approvals
        ? tx => this.#approvals!.withdrawWithin(tx, id)
        : undefined,
    });
    this.#onChange(deleting);
    return deleting;
  }

  /** Tries a failed resource again: provisioning if it never became ready, else its last change. */
  async retry(id: string, requester: Requester): Promise<PlatformResource> {
    const resource = await this.#authorized(
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
    this.#onChange(retried);
    return retried;
  }

  /** A team's use of each offering, for its members and the platform team. */
  async quotas(name: string, requester: Requester): Promise<QuotaUsage[]> {
    if (
      !(await this.#authorizer.allows(
        platformResourceReadPermission,
        { team: name },
        requester.credentials,
      ))
    ) {
      throw new NotAllowedError(
        `${requester.ref} may not read the quotas of team ${name}`,
      );
    }
    const usage = await this.#store.usage(name);
    return this.#offerings.list().map(o => ({
      team: name,
      offering: o.id,
      used: usage.get(o.id) ?? 0,
      limit: this.#quotas.limitFor(name, o.id),
    }));
  }
}
