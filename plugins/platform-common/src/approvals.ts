import {
  ApprovalRequirement,
  PlatformResource,
  RequestChannel,
} from './resources';

/**
 * Where a request for approval is: waiting, or how it ended.
 *
 * @public
 */
export type ApprovalState =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'withdrawn';

/**
 * One person's decision on a request, for the groups they decided for.
 *
 * @public
 */
export interface ApprovalDecision {
  actor: string;
  outcome: 'approved' | 'rejected';
  /** The approving groups this decision speaks for. */
  groups: string[];
  comment?: string;
  time: string;
}

/**
 * A create or change of a resource that waits for approval, or was decided.
 *
 * @public
 */
export interface ApprovalRequest {
  id: string;
  resourceId: string;
  /** The resource as it is now. */
  resource: PlatformResource;
  action: 'create' | 'update';
  state: ApprovalState;
  requirements: ApprovalRequirement[];
  /** The configuration asked for; for a change, what it becomes once approved. */
  config: Record<string, unknown>;
  requestedBy: string;
  requestedVia: RequestChannel;
  requestedAt: string;
  /** When an undecided request is rejected as expired. */
  expiresAt: string;
  /** Approving groups that have not approved yet. */
  awaiting: string[];
  decisions: ApprovalDecision[];
  decidedAt?: string;
  /** Whether the caller may approve or reject it now. */
  canDecide: boolean;
}
