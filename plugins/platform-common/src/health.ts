/**
 * Provisioning times of a set of resources, in seconds.
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
 * How requests fared with approvals over the window.
 *
 * @public
 */
export interface ApprovalStats {
  /** Requests for approval made in the window, of creates and changes. */
  requested: number;
  /** Percent (0–100) of resources created in the window that needed approval; null when none were created. */
  share: number | null;
  /** Requests decided in the window by a person (approved or rejected). */
  decided: number;
  /** Time from request to decision, over those decided; null when none were. */
  waitP50Seconds: number | null;
  waitP95Seconds: number | null;
}

/**
 * The platform's success criteria over a window of days
 * (`GET /health/summary`).
 *
 * @public
 */
export interface HealthSummary {
  windowDays: number;
  /** Percent (0–100) of resources requested by members of the owning team; null when none were requested. */
  selfServiceRate: number | null;
  averageProvisionTime: {
    overall: ProvisionTimeStats | null;
    /** Keyed by offering id. */
    byOffering: Record<string, ProvisionTimeStats>;
  };
  /** Percent (0–100) of reconcile checks that found resources healthy; null without checks. */
  availability: number | null;
  /**
   * The days `availability` covers: the window, or fewer when health checks
   * are kept for fewer days (`platform.retention.healthChecksDays`).
   */
  availabilityWindowDays?: number;
  activeResources: {
    total: number;
    byState: Record<string, number>;
    byTeam: Record<string, number>;
    byEnvironment: Record<string, number>;
  };
  /** Estimated monthly spend on live resources (absent from older servers). */
  spend?: {
    currency: string;
    total: number;
    byTeam: Record<string, number>;
    byOffering: Record<string, number>;
  };
  /** Requests that waited for approval (absent from older servers). */
  approvals?: ApprovalStats;
  developerSatisfaction: {
    /** Net Promoter Score: percent promoters (9–10) minus percent detractors (0–6). */
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
  lastAnswer?: SurveyAnswer;
  canAnswer: boolean;
}

/**
 * Every kind of problem a developer can report on a resource, in the order
 * forms list them.
 *
 * @public
 */
export const ticketCategories = [
  'provisioning',
  'access',
  'performance',
  'documentation',
  'other',
] as const;

/**
 * What a reported problem is about.
 *
 * @public
 */
export type TicketCategory = (typeof ticketCategories)[number];

/**
 * A problem a user reported about a resource.
 *
 * @public
 */
export interface SupportTicket {
  id: string;
  resourceId: string;
  team: string;
  category: TicketCategory;
  description: string;
  createdBy: string;
  createdAt: string;
  status: 'open' | 'closed';
}
