import { CostEstimate, LifetimeVerdict } from '@idp-kit/plugin-platform-common';

/** How long a requested resource may live, and whether the asked expiry fits. */
export interface LifetimeRules {
  decide(
    offering: string,
    environment: string,
    asked: string | undefined,
  ): { verdict: LifetimeVerdict; problem?: string };
}

/** What a request costs, and what its team then spends. */
export interface RequestPricing {
  estimate(request: {
    team: string;
    offering: string;
    config: Record<string, unknown>;
    /** For a change, the configuration it replaces. */
    previous?: Record<string, unknown>;
  }): Promise<CostEstimate | undefined>;
}
