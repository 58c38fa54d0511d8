import { CostEstimate } from './costs';
import { LifetimeVerdict } from './lifetimes';

/**
 * Where a resource is in its life cycle.
 *
 * @public
 */
export type ResourceState =
  | 'awaiting-approval'
  | 'pending'
  | 'provisioning'
  | 'ready'
  | 'failed'
  | 'updating'
  | 'deleting'
  | 'deleted'
  | 'rejected';

/**
 * States in which a resource exists, or is being made to exist.
 *
 * @public
 */
export const liveResourceStates: ResourceState[] = [
  'awaiting-approval',
  'pending',
  'provisioning',
  'ready',
  'failed',
  'updating',
  'deleting',
];

/**
 * How a request reached the platform, for the self-service metric.
 *
 * @public
 */
export type RequestChannel = 'portal' | 'scaffolder' | 'api' | 'mcp';

/**
 * A resource a team requested from an offering.
 *
 * @public
 */
export interface PlatformResource {
  id: string;
  offering: string;
  name: string;
  team: string;
  environment: string;
  state: ResourceState;
  config: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /** Resource ids this resource depends on. */
  dependsOn: string[];
  component?: string;
  system?: string;
  error?: string;
  createdBy: string;
  createdVia: RequestChannel;
  createdAt: string;
  updatedAt: string;
  /** What the last reconcile saw of a ready resource. */
  health?: { healthy: boolean; message?: string; checkedAt: string };
  /** Fields whose actual value differs from the desired configuration. */
  drift?: { field: string; desired: unknown; actual: unknown }[];
  /** When the resource is deleted for having lived its time; null when never. */
  expiresAt?: string | null;
  /** Why an expired resource is still here: the resources that depend on it. */
  expiryBlocked?: string;
}

/**
 * One entry of a resource's timeline.
 *
 * @public
 */
export interface ResourceEvent {
  id: number;
  resourceId: string;
  time: string;
  type: string;
  state: ResourceState;
  actor: string;
  message: string;
  attempt?: number;
}

/**
 * The fields a request to create a resource carries.
 *
 * @public
 */
export interface CreateResourceRequest {
  offering: string;
  name: string;
  team: string;
  environment: string;
  config?: Record<string, unknown>;
  component?: string;
  system?: string;
  /** When the resource should expire (ISO 8601), within the environment's maximum; the default lifetime when absent or null. */
  expiresAt?: string | null;
}

/**
 * A policy's refusal, with the reason shown to the requester.
 *
 * @public
 */
export interface PolicyViolation {
  policy: string;
  reason: string;
  field?: string;
}

/**
 * A policy's condition for letting a request go ahead: a decision by a
 * member of the approving group, who is not the requester.
 *
 * @public
 */
export interface ApprovalRequirement {
  policy: string;
  reason: string;
  /** The entity ref of the group whose members may decide. */
  approvers: string;
}

/**
 * A team's use of one offering against its quota.
 *
 * @public
 */
export interface QuotaUsage {
  team: string;
  offering: string;
  used: number;
  /** The most live resources of this offering the team may have (absent only from older servers). */
  limit?: number;
}

/**
 * What a dry run of a create or change says, with nothing recorded.
 *
 * @public
 */
export interface RequestVerdict {
  allowed: boolean;
  errors: { field: string; message: string }[];
  violations: PolicyViolation[];
  /** What must be approved before anything is provisioned; empty when nothing. */
  approvals: ApprovalRequirement[];
  quota?: QuotaUsage;
  /** The price of the request and the team's spend after it, when offerings are priced. */
  cost?: CostEstimate;
  /** The lifetime the resource would get. */
  lifetime?: LifetimeVerdict;
}

/**
 * A page of a list, with the cursor of the next page when there is one.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * An active policy as described to users.
 *
 * @public
 */
export interface PolicyDescription {
  id: string;
  description: string;
  source: string;
}
