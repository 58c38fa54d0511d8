import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalRequest,
  CreateResourceRequest,
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
const CHANNEL_HEADERS = { 'x-platform-channel': 'portal' };

type QueryValues = Record<string, string | number | undefined>;

function queryString(values: QueryValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function jsonInit(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', ...CHANNEL_HEADERS },
    body: JSON.stringify(body),
  };
}

/**
 * Calls the Platform API backend as the signed-in user.
 *
 * @public
 */
export class PlatformClient implements PlatformApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listOfferings(query?: OfferingQuery): Promise<OfferingWithSchema[]> {
    const body = await this.#request<{ items: OfferingWithSchema[] }>(
      `/offerings${queryString({ type: query?.type, tier: query?.tier })}`,
    );
    return body.items;
  }

  async getOffering(id: string): Promise<OfferingWithSchema> {
    return this.#request(`/offerings/${encodeURIComponent(id)}`);
  }

  async createResource(
    request: CreateResourceRequest,
  ): Promise<PlatformResource> {
    return this.#request('/resources', jsonInit('POST', request));
  }

  async checkCreateResource(
    request: CreateResourceRequest,
  ): Promise<RequestVerdict> {
    return this.#verdict('/resources?dryRun=true', jsonInit('POST', request));
  }

  async listResources(query?: ResourceQuery): Promise<Page<PlatformResource>> {
    return this.#request(`/resources${queryString({ ...query })}`);
  }

  async getResource(id: string): Promise<PlatformResource> {
    return this.#request(this.#resourcePath(id));
  }

  async listResourceEvents(id: string): Promise<ResourceEvent[]> {
    const body = await this.#request<{ items: ResourceEvent[] }>(
      `${this.#resourcePath(id)}/events`,
    );
    return body.items;
  }

  async listResourceDependents(id: string): Promise<PlatformResource[]> {
    const body = await this.#request<{ items: PlatformResource[] }>(
      `${this.#resourcePath(id)}/dependents`,
    );
    return body.items;
  }

  async getResourceSecret(id: string): Promise<Record<string, string>> {
    const body = await this.#request<{ secrets: Record<string, string> }>(
      `${this.#resourcePath(id)}/secret`,
    );
    return body.secrets;
  }

  async updateResource(
    id: string,
    config: Record<string, unknown>,
  ): Promise<PlatformResource> {
    return this.#request(this.#resourcePath(id), jsonInit('PATCH', { config }));
  }

  async checkUpdateResource(
    id: string,
    config: Record<string, unknown>,
  ): Promise<RequestVerdict> {
    return this.#verdict(
      `${this.#resourcePath(id)}?dryRun=true`,
      jsonInit('PATCH', { config }),
    );
  }

  async deleteResource(id: string): Promise<PlatformResource> {
    return this.#request(this.#resourcePath(id), {
      method: 'DELETE',
      headers: CHANNEL_HEADERS,
    });
  }

  async retryResource(id: string): Promise<PlatformResource> {
    return this.#request(`${this.#resourcePath(id)}/retry`, {
      method: 'POST',
      headers: CHANNEL_HEADERS,
    });
  }

  async extendResource(
    id: string,
    expiresAt: string,
  ): Promise<PlatformResource> {
    return this.#request(
      `${this.#resourcePath(id)}/extend`,
      jsonInit('POST', { expiresAt }),
    );
  }

  async listApprovals(query?: ApprovalQuery): Promise<Page<ApprovalRequest>> {
    return this.#request(`/approvals${queryString({ ...query })}`);
  }

  async listResourceApprovals(resourceId: string): Promise<ApprovalRequest[]> {
    const body = await this.#request<{ items: ApprovalRequest[] }>(
      `${this.#resourcePath(resourceId)}/approvals`,
    );
    return body.items;
  }

  async approveResource(
    id: string,
    comment?: string,
  ): Promise<ApprovalRequest> {
    return this.#decide(id, 'approve', comment);
  }

  async rejectResource(id: string, comment?: string): Promise<ApprovalRequest> {
    return this.#decide(id, 'reject', comment);
  }

  async listPolicies(): Promise<PolicyDescription[]> {
    const body = await this.#request<{ items: PolicyDescription[] }>(
      '/policies',
    );
    return body.items;
  }

  async listQuotas(team: string): Promise<QuotaUsage[]> {
    const body = await this.#request<{ items: QuotaUsage[] }>(
      `/quotas${queryString({ team })}`,
    );
    return body.items;
  }

  async getTeamSpend(team: string): Promise<TeamSpend> {
    return this.#request(`/spend${queryString({ team })}`);
  }

  async getHealthSummary(): Promise<HealthSummary> {
    return this.#request('/health/summary');
  }

  async getSurveyStatus(): Promise<SurveyStatus> {
    return this.#request('/feedback/survey');
  }

  async answerSurvey(answer: {
    score: number;
    comment?: string;
  }): Promise<SurveyAnswer> {
    return this.#request('/feedback/survey', jsonInit('POST', answer));
  }

  async reportProblem(
    resourceId: string,
    problem: { category: TicketCategory; description: string },
  ): Promise<SupportTicket> {
    return this.#request(
      `${this.#resourcePath(resourceId)}/tickets`,
      jsonInit('POST', problem),
    );
  }

  async listTickets(query?: { team?: string }): Promise<SupportTicket[]> {
    const body = await this.#request<{ items: SupportTicket[] }>(
      `/tickets${queryString({ team: query?.team })}`,
    );
    return body.items;
  }

  #resourcePath(id: string): string {
    return `/resources/${encodeURIComponent(id)}`;
  }

  async #decide(
    id: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<ApprovalRequest> {
    return this.#request(
      `${this.#resourcePath(id)}/${decision}`,
      jsonInit('POST', comment ? { comment } : {}),
    );
  }

  /** A dry run: a 400 lists invalid fields, which is a verdict too. */
  async #verdict(path: string, init: RequestInit): Promise<RequestVerdict> {
    try {
      const verdict = await this.#request<RequestVerdict>(path, init);
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
        init.method === 'POST'
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

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('platform');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
