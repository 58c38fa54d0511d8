import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalRequest,
  CreateResourceRequest,
  ApiListResources,
  PlatformApiClient,
  PlatformApiResponse,
  OfferingWithSchema,
  Page,
  PlatformResource,
  PolicyDescription,
  QuotaUsage,
  RequestVerdict,
  ResourceEvent,
  TeamSpend,
} from '@idp-kit/plugin-platform-common';
import { PlatformApi } from './PlatformApi';
import { requestProblems } from './requestProblems';
import {
  ApprovalQuery,
  HealthSummary,
  OfferingQuery,
  ResourceQuery,
  SupportTicket,
  SurveyAnswer,
  SurveyStatus,
  TicketCategory,
} from './types';

/** Tells the API that requests come from the portal, for the self-service rate. */
const PORTAL = { 'x-platform-channel': 'portal' } as const;

/** The filters that are set: an empty filter is no filter. */
function present<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  ) as Partial<T>;
}

/**
 * Calls the Platform API backend as the signed-in user, through the client
 * generated from the API's OpenAPI spec.
 *
 * @public
 */
export class PlatformClient implements PlatformApi {
  readonly #api: PlatformApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#api = new PlatformApiClient(options);
  }

  async listOfferings(query?: OfferingQuery): Promise<OfferingWithSchema[]> {
    const body = await this.#json<{ items: OfferingWithSchema[] }>(
      this.#api.listOfferings({
        query: present({ type: query?.type, tier: query?.tier }),
      }),
    );
    return body.items;
  }

  async getOffering(id: string): Promise<OfferingWithSchema> {
    return this.#json(this.#api.getOffering({ path: { id } }));
  }

  async listEnvironments(): Promise<string[]> {
    const body = await this.#json<{ items: string[] }>(
      this.#api.listEnvironments(),
    );
    return body.items;
  }

  async createResource(
    request: CreateResourceRequest,
  ): Promise<PlatformResource> {
    return this.#json(
      this.#api.createResource({ body: request, header: PORTAL }),
    );
  }

  async checkCreateResource(
    request: CreateResourceRequest,
  ): Promise<RequestVerdict> {
    return this.#verdict(
      this.#api.createResource({
        body: request,
        query: { dryRun: 'true' },
        header: PORTAL,
      }),
      'create',
    );
  }

  async listResources(query?: ResourceQuery): Promise<Page<PlatformResource>> {
    // The API lists live and deleted resources; it refuses other states.
    const filter = present({ ...query }) as ApiListResources['query'];
    return this.#json(this.#api.listResources({ query: filter }));
  }

  async getResource(id: string): Promise<PlatformResource> {
    return this.#json(this.#api.getResource({ path: { id } }));
  }

  async listResourceEvents(id: string): Promise<ResourceEvent[]> {
    const body = await this.#json<{ items: ResourceEvent[] }>(
      this.#api.listResourceEvents({ path: { id } }),
    );
    return body.items;
  }

  async listResourceDependents(id: string): Promise<PlatformResource[]> {
    const body = await this.#json<{ items: PlatformResource[] }>(
      this.#api.listResourceDependents({ path: { id } }),
    );
    return body.items;
  }

  async getResourceSecret(id: string): Promise<Record<string, string>> {
    const body = await this.#json<{ secrets: Record<string, string> }>(
      this.#api.getResourceSecret({ path: { id } }),
    );
    return body.secrets;
  }

  async updateResource(
    id: string,
    config: Record<string, unknown>,
  ): Promise<PlatformResource> {
    return this.#json(
      this.#api.updateResource({
        path: { id },
        body: { config },
        header: PORTAL,
      }),
    );
  }

  async checkUpdateResource(
    id: string,
    config: Record<string, unknown>,
  ): Promise<RequestVerdict> {
    return this.#verdict(
      this.#api.updateResource({
        path: { id },
        body: { config },
        query: { dryRun: 'true' },
        header: PORTAL,
      }),
      'update',
    );
  }

  async deleteResource(id: string): Promise<PlatformResource> {
    return this.#json(
      this.#api.deleteResource({ path: { id }, header: PORTAL }),
    );
  }

  async retryResource(id: string): Promise<PlatformResource> {
    return this.#json(
      this.#api.retryResource({ path: { id }, header: PORTAL }),
    );
  }

  async extendResource(
    id: string,
    expiresAt: string,
  ): Promise<PlatformResource> {
    return this.#json(
      this.#api.extendResource({
        path: { id },
        body: { expiresAt },
        header: PORTAL,
      }),
    );
  }

  async listApprovals(query?: ApprovalQuery): Promise<Page<ApprovalRequest>> {
    return this.#json(
      this.#api.listApprovals({ query: present({ ...query }) }),
    );
  }

  async listResourceApprovals(resourceId: string): Promise<ApprovalRequest[]> {
    const body = await this.#json<{ items: ApprovalRequest[] }>(
      this.#api.listResourceApprovals({ path: { id: resourceId } }),
    );
    return body.items;
  }

  async approveResource(
    id: string,
    comment?: string,
  ): Promise<ApprovalRequest> {
    return this.#json(
      this.#api.approveResource({
        path: { id },
        body: comment ? { comment } : {},
        header: PORTAL,
      }),
    );
  }

  async rejectResource(id: string, comment?: string): Promise<ApprovalRequest> {
    return this.#json(
      this.#api.rejectResource({
        path: { id },
        body: comment ? { comment } : {},
        header: PORTAL,
      }),
    );
  }

  async listPolicies(): Promise<PolicyDescription[]> {
    const body = await this.#json<{ items: PolicyDescription[] }>(
      this.#api.listPolicies(),
    );
    return body.items;
  }

  async listQuotas(team: string): Promise<QuotaUsage[]> {
    const body = await this.#json<{ items: QuotaUsage[] }>(
      this.#api.listQuotas({ query: { team } }),
    );
    return body.items;
  }

  async getTeamSpend(team: string): Promise<TeamSpend> {
    return this.#json(this.#api.getTeamSpend({ query: { team } }));
  }

  async getHealthSummary(): Promise<HealthSummary> {
    return this.#json(this.#api.getHealthSummary());
  }

  async getSurveyStatus(): Promise<SurveyStatus> {
    return this.#json(this.#api.getSurveyStatus());
  }

  async answerSurvey(answer: {
    score: number;
    comment?: string;
  }): Promise<SurveyAnswer> {
    return this.#json(this.#api.answerSurvey({ body: answer }));
  }

  async reportProblem(
    resourceId: string,
    problem: { category: TicketCategory; description: string },
  ): Promise<SupportTicket> {
    return this.#json(
      this.#api.reportProblem({ path: { id: resourceId }, body: problem }),
    );
  }

  async listTickets(query?: { team?: string }): Promise<SupportTicket[]> {
    const body = await this.#json<{ items: SupportTicket[] }>(
      this.#api.listTickets({ query: present({ team: query?.team }) }),
    );
    return body.items;
  }

  /** A dry run: a 400 lists invalid fields, which is a verdict too. */
  async #verdict(
    call: Promise<PlatformApiResponse<unknown>>,
    action: 'create' | 'update',
  ): Promise<RequestVerdict> {
    try {
      const verdict = await this.#json<RequestVerdict>(call);
      // Servers from before approvals leave the list out: nothing to approve.
      return { ...verdict, approvals: verdict.approvals ?? [] };
    } catch (error) {
      const { errors } = requestProblems(error);
      if (error instanceof ResponseError && error.statusCode === 400) {
        if (errors.length > 0) {
          return { allowed: false, errors, violations: [], approvals: [] };
        }
      }
      // A request for a team the user may not act for is refused before it
      // is checked; the form shows that beside the team.
      if (
        error instanceof ResponseError &&
        error.statusCode === 403 &&
        action === 'create'
      ) {
        return {
          allowed: false,
          errors: [],
          violations: [
            {
              policy: 'team-membership',
              field: 'team',
              reason: error.body.error.message,
            },
          ],
          approvals: [],
        };
      }
      throw error;
    }
  }

  /** The JSON body of a successful call, as the API's public types say. */
  async #json<T>(call: Promise<PlatformApiResponse<unknown>>): Promise<T> {
    const response = await call;
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as Response);
    }
    return (await response.json()) as T;
  }
}
