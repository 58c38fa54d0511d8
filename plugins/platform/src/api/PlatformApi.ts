import { createApiRef } from '@backstage/frontend-plugin-api';
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

/**
 * The Platform API as the browser sees it.
 *
 * @public
 */
export interface PlatformApi {
  listOfferings(query?: OfferingQuery): Promise<OfferingWithSchema[]>;
  getOffering(id: string): Promise<OfferingWithSchema>;
  /** The environments resources can be requested for, in the configured order. */
  listEnvironments(): Promise<string[]>;

  /** Requests a resource; it starts `pending`. */
  createResource(request: CreateResourceRequest): Promise<PlatformResource>;
  /**
   * Runs every check of a create and records nothing. Invalid fields come
   * back as the verdict's `errors` rather than as a failure.
   */
  checkCreateResource(request: CreateResourceRequest): Promise<RequestVerdict>;
  /** Newest first, one page at a time. */
  listResources(query?: ResourceQuery): Promise<Page<PlatformResource>>;
  getResource(id: string): Promise<PlatformResource>;
  /** The newest 100 events of the resource's timeline, oldest first. */
  listResourceEvents(id: string): Promise<ResourceEvent[]>;
  /** Live resources that depend on this one, the first 50 of them. */
  listResourceDependents(id: string): Promise<PlatformResource[]>;
  /** The connection secrets; refused unless the user may read them. */
  getResourceSecret(id: string): Promise<Record<string, string>>;
  /** Changes the configuration; the resource becomes `updating`. */
  updateResource(
    id: string,
    config: Record<string, unknown>,
  ): Promise<PlatformResource>;
  /** Runs every check of a configuration change and records nothing. */
  checkUpdateResource(
    id: string,
    config: Record<string, unknown>,
  ): Promise<RequestVerdict>;
  /** Starts deleting; refused while other live resources depend on it. */
  deleteResource(id: string): Promise<PlatformResource>;
  /** Tries a failed resource again. */
  retryResource(id: string): Promise<PlatformResource>;
  /**
   * Moves the resource's expiry to `expiresAt` (ISO 8601); refused with a
   * field error `expiresAt` when past the lifetime maximum from now.
   */
  extendResource(id: string, expiresAt: string): Promise<PlatformResource>;

  /** Requests for approval the user may decide; pending ones oldest first. */
  listApprovals(query?: ApprovalQuery): Promise<Page<ApprovalRequest>>;
  /** Every request for approval of the resource, newest first. */
  listResourceApprovals(resourceId: string): Promise<ApprovalRequest[]>;
  /**
   * Approves what the resource waits on, for the user's approving groups.
   * Refused to the requester and to users outside the approving groups.
   */
  approveResource(id: string, comment?: string): Promise<ApprovalRequest>;
  /** Rejects what the resource waits on; same rules as approving. */
  rejectResource(id: string, comment?: string): Promise<ApprovalRequest>;

  listPolicies(): Promise<PolicyDescription[]>;
  /** A team's use and limit of every offering. */
  listQuotas(team: string): Promise<QuotaUsage[]>;
  /** A team's estimated monthly spend per offering, and its budget. */
  getTeamSpend(team: string): Promise<TeamSpend>;

  getHealthSummary(): Promise<HealthSummary>;
  getSurveyStatus(): Promise<SurveyStatus>;
  /** Records the user's survey answer; refused within 30 days of the last. */
  answerSurvey(answer: {
    score: number;
    comment?: string;
  }): Promise<SurveyAnswer>;

  /** Opens a ticket about a resource. */
  reportProblem(
    resourceId: string,
    problem: { category: TicketCategory; description: string },
  ): Promise<SupportTicket>;
  /** The newest 50 tickets, of a team if given. */
  listTickets(query?: { team?: string }): Promise<SupportTicket[]>;
}

/**
 * Reference to the {@link PlatformApi}.
 *
 * @public
 */
export const platformApiRef = createApiRef<PlatformApi>().with({
  id: 'plugin.platform.api',
  pluginId: 'platform',
});
