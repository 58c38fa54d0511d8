import {
  ApprovalRequirement,
  CreateResourceRequest,
  Offering,
  PlatformResource,
  PolicyViolation,
} from '@idp-kit/plugin-platform-common';

/**
 * What a policy sees of a request to create or change a resource.
 *
 * @public
 */
export interface PolicyContext {
  /** `create` for a new resource, `update` for a change to an existing one. */
  action: 'create' | 'update';
  offering: Offering;
  request: CreateResourceRequest & { config: Record<string, unknown> };
  /** The user or service entity ref of the requester. */
  requester: string;
  /**
   * For a change, the resource as it is now. For a create judged again when
   * its approval arrives, the resource that waited: it holds its place in
   * the team's quota and counts in the team's spend already.
   */
  resource?: PlatformResource;
}

/**
 * A rule that decides whether a request may go ahead, and always says why not.
 *
 * @public
 */
export interface PlatformPolicy {
  /** A stable identifier, shown with each violation. */
  id: string;
  /** What the policy enforces, in words a developer understands. */
  description: string;
  /**
   * Returns every violation of this policy (an empty list when it allows the
   * request), or an outcome that may also ask for approvals: the request then
   * waits until a member of each approving group approves it.
   */
  evaluate(context: PolicyContext): Promise<PolicyViolation[] | PolicyOutcome>;
}

/**
 * A policy's answer: refuse (violations), allow once approved (approvals),
 * or allow (neither).
 *
 * @public
 */
export interface PolicyOutcome {
  violations?: PolicyViolation[];
  approvals?: ApprovalRequirement[];
}
