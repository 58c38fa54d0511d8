import { Config } from '@backstage/config';
import { PlatformPolicy } from '@idp-kit/plugin-platform-node';
import { ApprovalRulesPolicy } from '../approvals/ApprovalRulesPolicy';
import { PolicyEngine } from '../policies/PolicyEngine';
import { EnvironmentRulesPolicy } from '../policies/EnvironmentRulesPolicy';
import { QuotaLedger } from '../quota/QuotaLedger';
import { QuotaPolicy } from '../quota/QuotaPolicy';

/** The built-in policies, from config, and those the modules added. */
export function createPolicyEngine(options: {
  config: Config;
  quota: QuotaLedger;
  budgetPolicy: PlatformPolicy;
  modulePolicies: PlatformPolicy[];
}): PolicyEngine {
  const builtIn: PlatformPolicy[] = [
    new QuotaPolicy(options.quota),
    EnvironmentRulesPolicy.fromConfig(options.config),
    ApprovalRulesPolicy.fromConfig(options.config),
    options.budgetPolicy,
  ];
  return new PolicyEngine([
    ...builtIn.map(policy => ({ policy, source: 'built-in' })),
    ...options.modulePolicies.map(policy => ({
      policy,
      source: 'a backend module',
    })),
  ]);
}
