import {
  ApprovalRequirement,
  PolicyDescription,
  PolicyViolation,
} from '@idp-kit/plugin-platform-common';
import {
  PlatformPolicy,
  PolicyContext,
  PolicyOutcome,
} from '@idp-kit/plugin-platform-node';
import { unavailableCause } from '../availability/unavailableCause';
import { canonicalEntityRef } from '../catalog/entityRefs';

/** Every policy's answer on one request, together. */
export interface PolicyVerdict {
  violations: PolicyViolation[];
  approvals: ApprovalRequirement[];
}

/**
 * A policy's answer, with the approving groups it names in the canonical
 * form every ref is compared in; an approver that is no group ref is the
 * policy's error.
 */
function asOutcome(answer: PolicyViolation[] | PolicyOutcome): PolicyOutcome {
  const outcome = Array.isArray(answer) ? { violations: answer } : answer;
  if (!outcome.approvals?.length) {
    return outcome;
  }
  return {
    ...outcome,
    approvals: outcome.approvals.map(approval => ({
      ...approval,
      approvers: canonicalEntityRef(
        String(approval.approvers),
        'group',
        'The approvers it named',
      ),
    })),
  };
}

/** One entry per approving group and reason, however many policies ask. */
function distinct(approvals: ApprovalRequirement[]): ApprovalRequirement[] {
  const seen = new Set<string>();
  return approvals.filter(approval => {
    const key = `${approval.approvers}\n${approval.reason}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** Runs every policy on a request and gathers every violation and approval. */
export class PolicyEngine {
  readonly #policies: { policy: PlatformPolicy; source: string }[];

  constructor(policies: { policy: PlatformPolicy; source: string }[]) {
    const seen = new Map<string, string>();
    for (const { policy, source } of policies) {
      const previous = seen.get(policy.id);
      if (previous) {
        throw new Error(
          `Policy '${policy.id}' is defined twice: by ${previous} and by ${source}`,
        );
      }
      seen.set(policy.id, source);
    }
    this.#policies = policies;
  }

  describe(): PolicyDescription[] {
    return this.#policies.map(({ policy, source }) => ({
      id: policy.id,
      description: policy.description,
      source,
    }));
  }

  async evaluate(context: PolicyContext): Promise<PolicyVerdict> {
    const outcomes = await Promise.all(
      this.#policies.map(async ({ policy }): Promise<PolicyOutcome> => {
        try {
          return asOutcome(await policy.evaluate(context));
        } catch (error) {
          // The platform's own database or a service it needs being out of
          // reach is no verdict: the request is answered 503, to retry.
          if (unavailableCause(error)) {
            throw error;
          }
          // A broken policy refuses rather than letting a request slip through.
          return {
            violations: [
              {
                policy: policy.id,
                reason: `The policy could not be evaluated: ${error}`,
              },
            ],
          };
        }
      }),
    );
    return {
      violations: outcomes.flatMap(o => o.violations ?? []),
      approvals: distinct(outcomes.flatMap(o => o.approvals ?? [])),
    };
  }
}
