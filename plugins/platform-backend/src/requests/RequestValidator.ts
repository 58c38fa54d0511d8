import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  FieldError,
  LifetimeVerdict,
  OfferingWithSchema,
  PlatformResource,
  RequestVerdict,
  validateOfferingConfig,
} from '@idp-kit/plugin-platform-common';
import { OwnedEntities } from '../catalog/OwnedEntities';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { PolicyEngine } from '../policies/PolicyEngine';
import { QuotaLedger } from '../quota/QuotaLedger';
import { ResourceStore } from '../store/ResourceStore';
import { validateRequestBody } from '../schema/validateRequestBody';
import { TeamDirectory } from '../teams/TeamDirectory';
import {
  RequestFields,
  readRequestFields,
  withFieldProblems,
} from './requestFields';
import { resolveReferences } from './resolveReferences';
import { LifetimeRules, RequestPricing } from './RequestTerms';

/** A request that passed validation, in the form resources are recorded in. */
export interface ValidRequest {
  offering: string;
  name: string;
  team: string;
  environment: string;
  config: Record<string, unknown>;
  component?: string;
  system?: string;
}

/** The verdict on a request, with what the caller needs to act on it. */
export interface RequestDecision {
  verdict: RequestVerdict;
  /** Present when the request is valid, whatever the policies say. */
  request?: ValidRequest;
  offering?: OfferingWithSchema;
  /** The resources the request's configuration refers to. */
  dependsOn: string[];
  /** Whether a live resource already has the requested name. */
  nameTaken: boolean;
  /** How long a new resource lives. */
  lifetime?: LifetimeVerdict;
}

/** Who asks, as the validator needs to know. */
export interface RequestingUser {
  ref: string;
  credentials: BackstageCredentials;
}

/**
 * The one judge of requests to create or change resources: reads and checks
 * every field, asks the catalog about the team and the referenced entities,
 * validates the configuration against the offering's schema, resolves the
 * resources it refers to, then asks the policies. Create, dry run and change
 * all get the same verdict from here.
 */
export class RequestValidator {
  readonly #offerings: OfferingRegistry;
  readonly #store: ResourceStore;
  readonly #policies: PolicyEngine;
  readonly #quota: QuotaLedger;
  readonly #environments: string[];
  readonly #teams: TeamDirectory;
  readonly #ownedEntities: OwnedEntities;
  readonly #lifetimes: LifetimeRules;
  readonly #costs?: RequestPricing;

  constructor(options: {
    offerings: OfferingRegistry;
    store: ResourceStore;
    policies: PolicyEngine;
    quota: QuotaLedger;
    environments: string[];
    teams: TeamDirectory;
    ownedEntities: OwnedEntities;
    lifetimes: LifetimeRules;
    /** Prices requests; without it, verdicts carry no cost. */
    costs?: RequestPricing;
  }) {
    this.#offerings = options.offerings;
    this.#store = options.store;
    this.#policies = options.policies;
    this.#quota = options.quota;
    this.#environments = options.environments;
    this.#teams = options.teams;
    this.#ownedEntities = options.ownedEntities;
    this.#lifetimes = options.lifetimes;
    this.#costs = options.costs;
  }

  get environments(): string[] {
    return this.#environments;
  }

  /**
   * Judges a request for a new resource. `estimate` adds what only a dry run
   * shows: the team's quota use and the price.
   */
  async checkCreate(
    body: unknown,
    requester: RequestingUser,
    options: { estimate: boolean },
  ): Promise<RequestDecision> {
    const checked = await this.#checkFields(body, requester.credentials, {
      checkRefs: true,
    });
    const { request, offering } = checked;
    if (!request || !offering) {
      return refused(checked.errors);
    }
    // Neither answer depends on the other: one wait for both.
    const [live, { violations, approvals }] = await Promise.all([
      this.#store.findLive(request.team, request.environment, request.name),
      this.#policies.evaluate({
        action: 'create',
        offering,
        request,
        requester: requester.ref,
      }),
    ]);
    const nameTaken = Boolean(live);
    const errors = [...checked.errors];
    if (nameTaken) {
      errors.push({
        field: 'name',
        message: `is taken by a live resource of ${request.team} in ${request.environment}`,
      });
    }
    return {
      verdict: {
        allowed: errors.length === 0 && violations.length === 0,
        errors,
        violations,
        approvals,
        ...(options.estimate
          ? {
              quota: await this.#quota.usageOf(request.team, offering.id),
              cost: await this.#costs?.estimate(request),
            }
          : {}),
        lifetime: checked.lifetime,
      },
      request,
      offering,
      dependsOn: checked.dependsOn,
      nameTaken,
      lifetime: checked.lifetime,
    };
  }

  /** Judges a change of a resource's configuration; the rest stays as created. */
  async checkUpdate(
    resource: PlatformResource,
    config: unknown,
    requester: RequestingUser,
    options: { estimate: boolean },
  ): Promise<RequestDecision> {
    const checked = await this.#checkFields(
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
    return {
      verdict: {
        allowed: checked.errors.length === 0 && violations.length === 0,
        errors: checked.errors,
        violations,
        approvals,
        ...(options.estimate
          ? {
              quota: offering
                ? await this.#quota.usageOf(resource.team, offering.id)
                : undefined,
              cost: request
                ? await this.#costs?.estimate({
                    ...request,
                    previous: resource.config,
                  })
                : undefined,
            }
          : {}),
      },
      request,
      offering,
      dependsOn: checked.dependsOn,
      nameTaken: false,
    };
  }

  /**
   * Validates every field. `checkRefs` asks the catalog about the team and
   * the referenced entities; a change of configuration keeps those as
   * created.
   */
  async #checkFields(
    body: unknown,
    credentials: BackstageCredentials,
    options: { checkRefs: boolean },
  ): Promise<{
    errors: FieldError[];
    request?: ValidRequest;
    offering?: OfferingWithSchema;
    dependsOn: string[];
    lifetime?: LifetimeVerdict;
  }> {
    const known = {
      offerings: this.#offerings.list(),
      environments: this.#environments,
    };
    // The spec's contract first, whichever way the request came in.
    const shapeProblems = validateRequestBody('CreateResourceRequest', body);
    if (shapeProblems.length > 0) {
      return {
        errors: withFieldProblems(body, shapeProblems, known),
        dependsOn: [],
      };
    }
    const errors: FieldError[] = [];
    const fields = readRequestFields(
      body as Record<string, unknown>,
      errors,
      known,
    );
    const { offering, team, teamRef, environment } = fields;

    if (teamRef && options.checkRefs) {
      const problem = await this.#teams.problem(teamRef, credentials);
      if (problem) {
        errors.push({ field: 'team', message: problem });
      }
    }

    let lifetime: LifetimeVerdict | undefined;
    if (offering && environment) {
      const decided = this.#lifetimes.decide(
        offering.id,
        environment,
        fields.expiresAt,
      );
      lifetime = decided.verdict;
      if (decided.problem) {
        errors.push({ field: 'expiresAt', message: decided.problem });
      }
    }

    if (options.checkRefs && teamRef) {
      await this.#checkOwned(
        fields.component,
        'component',
        teamRef,
        credentials,
        errors,
      );
      await this.#checkOwned(
        fields.system,
        'system',
        teamRef,
        credentials,
        errors,
      );
    }

    let config: Record<string, unknown> | undefined;
    if (offering) {
      const validation = validateOfferingConfig(offering, fields.config);
      if (validation.valid) {
        config = validation.config;
      } else {
        errors.push(...validation.errors);
      }
    }

    const dependsOn =
      offering && config && team && environment
        ? await resolveReferences(this.#store, {
            offering,
            config,
            team,
            environment,
            errors,
          })
        : [];

    if (errors.length > 0 || !offering || !config) {
      return { errors, offering, dependsOn, lifetime };
    }
    return {
      errors,
      offering,
      dependsOn,
      lifetime,
      request: toValidRequest(fields, offering, config),
    };
  }

  /** That the catalog has the entity and the team or the platform team owns it. */
  async #checkOwned(
    entity: CompoundEntityRef | undefined,
    kind: 'component' | 'system',
    team: CompoundEntityRef,
    credentials: BackstageCredentials,
    errors: FieldError[],
  ) {
    if (!entity) {
      return;
    }
    const problem = await this.#ownedEntities.problem(
      entity,
      team,
      credentials,
    );
    if (problem) {
      errors.push({ field: kind, message: problem });
    }
  }
}

function toValidRequest(
  fields: RequestFields,
  offering: OfferingWithSchema,
  config: Record<string, unknown>,
): ValidRequest {
  return {
    offering: offering.id,
    name: fields.name!,
    team: fields.team!,
    environment: fields.environment!,
    config,
    component: fields.component && stringifyEntityRef(fields.component),
    system: fields.system && stringifyEntityRef(fields.system),
  };
}

function refused(errors: FieldError[]): RequestDecision {
  return {
    verdict: { allowed: false, errors, violations: [], approvals: [] },
    dependsOn: [],
    nameTaken: false,
  };
}
