import { ResourceState } from '@internal/plugin-platform-common';

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
 * Provisioning times of a set of resources.
 *
 * @public
 */
export interface ProvisionTimeStats {
  count: number;
  averageSeconds: number;
  p50Seconds: number;
  p95Seconds: number;
}

/**
 * The platform's health figures over a recent window.
 *
 * @public
 */
export interface HealthSummary {
  windowDays: number;
  /** Percent (0–100) of requests made through the portal or scaffolder. */
  selfServiceRate: number | null;
  averageProvisionTime: {
    overall: ProvisionTimeStats | null;
    /** Keyed by offering id. */
    byOffering: Record<string, ProvisionTimeStats>;
  };
  /** Percent (0–100) of ready resources that were healthy. */
  availability: number | null;
  activeResources: {
    byState: Record<string, number>;
    byTeam: Record<string, number>;
    byEnvironment: Record<string, number>;
    total: number;
  };
  developerSatisfaction: {
    nps: number | null;
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
  };
}

/**
 * An answer to the developer satisfaction survey.
 *
 * @public
 */
export interface SurveyAnswer {
  /** 0 to 10. */
  score: number;
  comment?: string;
  createdAt: string;
}

/**
 * Whether the signed-in user may answer the survey now.
 *
 * @public
 */
export interface SurveyStatus {
  lastAnswer?: { score: number; createdAt: string };
  canAnswer: boolean;
}

/**
 * What a reported problem is about.
 *
 * @public
 */
export type TicketCategory =
  | 'provisioning'
  | 'access'
  | 'performance'
  | 'documentation'
  | 'other';

/**
 * Every ticket category, in the order forms list them.
 *
 * @public
 */
export const ticketCategories: TicketCategory[] = [
  'provisioning',
  'access',
  'performance',
  'documentation',
  'other',
];

/**
 * A problem a user reported about a resource.
 *
 * @public
 */
export interface SupportTicket {
  id: string;
  resourceId: string;
  category: TicketCategory;
  description: string;
  createdBy: string;
  createdAt: string;
  status: string;
}
