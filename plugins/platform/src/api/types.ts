import { ApprovalState, ResourceState } from '@idp-kit/plugin-platform-common';

/**
 * Filters of the offering list.
 *
 * @public
 */
export interface OfferingQuery {
  type?: string;
  tier?: string;
}

/**
 * Filters and paging of the resource list.
 *
 * @public
 */
export interface ResourceQuery {
  /** A team (group) name. */
  team?: string;
  environment?: string;
  /** An offering id. */
  offering?: string;
  /** A component entity ref, exactly as given when the resource was created. */
  component?: string;
  /** A system entity ref, exactly as given when the resource was created. */
  system?: string;
  state?: ResourceState;
  /** Page size, 1 to 500; the API's default is 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * Filters and paging of the requests for approval the user may decide.
 *
 * @public
 */
export interface ApprovalQuery {
  /** The API's default is `pending`, oldest first; other states come newest first. */
  state?: ApprovalState;
  /** Page size, 1 to 500; the API's default is 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export type {
  HealthSummary,
  ProvisionTimeStats,
  SupportTicket,
  SurveyAnswer,
  SurveyStatus,
  TicketCategory,
} from '@idp-kit/plugin-platform-common';
export { ticketCategories } from '@idp-kit/plugin-platform-common';
