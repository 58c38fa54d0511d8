import {
  FieldError,
  PlatformResource,
  PolicyViolation,
} from '@idp-kit/plugin-platform-common';

/** A create or change that waited for approval, as it is about to take effect. */
export interface ApprovedRequest {
  action: 'create' | 'update';
  /**
   * The resource as it is now. For a create, the one that waited: it holds
   * its place in the quota and counts in its team's spend already.
   */
  resource: PlatformResource;
  /** The configuration it asked for. */
  config: Record<string, unknown>;
  /** Who asked, as recorded. */
  requestedBy: string;
}

/** What an approved request is found to be, judged again. */
export interface ApprovedVerdict {
  errors: FieldError[];
  violations: PolicyViolation[];
  /** The resources its configuration refers to now. */
  dependsOn: string[];
}

/**
 * Judges an approved request again, the way requests are judged when they
 * are made: time passed while it waited, and the team's quota and budget,
 * the resources it refers to and the rules may have changed meanwhile.
 */
export type JudgeApproved = (
  request: ApprovedRequest,
) => Promise<ApprovedVerdict>;
