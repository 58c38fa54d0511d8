import {
  PolicyDescription,
  PolicyViolation,
} from '@idp-kit/plugin-platform-common';
import { PlatformPolicy, PolicyContext } from '@idp-kit/plugin-platform-node';

/** Runs every policy on a request and gathers every violation. */
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

  async evaluate(context: PolicyContext): Promise<PolicyViolation[]> {
    const results = await Promise.all(
      this.#policies.map(async ({ policy }) => {
        try {
          return await policy.evaluate(context);
        } catch (error) {
          // A broken policy refuses rather than letting a request slip through.
          return [
            {
              policy: policy.id,
              reason: `The policy could not be evaluated: ${error}`,
            },
          ];
        }
      }),
    );
    return results.flat();
  }
}
