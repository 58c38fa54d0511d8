import { Config } from '@backstage/config';
import { ApprovalRequirement } from '@idp-kit/plugin-platform-common';
import {
  PlatformPolicy,
  PolicyContext,
  PolicyOutcome,
} from '@idp-kit/plugin-platform-node';
import { canonicalEntityRef } from '../catalog/entityRefs';

type Value = string | number | boolean;

/**
 * Requests that wait for a group's approval: those for `offering` in
 * `environment` whose configuration has, for every field of `when`, one of
 * the values given. A rule without `when` matches every such request.
 */
export interface ApprovalRule {
  offering?: string;
  environment?: string;
  when?: Record<string, Value[]>;
  approvers: string;
  reason?: string;
}

function describe(rule: ApprovalRule): string {
  const conditions = Object.entries(rule.when ?? {}).map(
    ([field, values]) => `${field} ${values.map(String).join(' or ')}`,
  );
  const what = [
    rule.environment,
    rule.offering ?? 'resources',
    conditions.length ? `with ${conditions.join(', ')}` : undefined,
  ].filter(Boolean);
  return `${what.join(' ')} need approval`;
}

function readRule(config: Config, index: number): ApprovalRule {
  const key = `platform.approvals.rules[${index}]`;
  const approvers = canonicalEntityRef(
    config.getString('approvers'),
    'group',
    `${key}.approvers`,
  );
  const when = config.getOptionalConfig('when');
  return {
    offering: config.getOptionalString('offering'),
    environment: config.getOptionalString('environment'),
    when: when
      ? Object.fromEntries(
          when.keys().map(field => {
            const value = when.get<Value | Value[]>(field);
            return [field, Array.isArray(value) ? value : [value]];
          }),
        )
      : undefined,
    approvers,
    reason: config.getOptionalString('reason'),
  };
}

/** The approval rules of `platform.approvals.rules`. */
export class ApprovalRulesPolicy implements PlatformPolicy {
  readonly id = 'approvals';
  readonly description =
    'Some requests go ahead only once a member of the approving group approves them (platform.approvals.rules)';
  readonly #rules: ApprovalRule[];

  constructor(rules: ApprovalRule[]) {
    this.#rules = rules;
  }

  static fromConfig(config: Config): ApprovalRulesPolicy {
    const rules =
      config.getOptionalConfigArray('platform.approvals.rules') ?? [];
    return new ApprovalRulesPolicy(rules.map(readRule));
  }

  async evaluate(context: PolicyContext): Promise<PolicyOutcome> {
    const { offering, request } = context;
    const approvals: ApprovalRequirement[] = this.#rules
      .filter(
        rule =>
          (!rule.offering || rule.offering === offering.id) &&
          (!rule.environment || rule.environment === request.environment) &&
          Object.entries(rule.when ?? {}).every(([field, values]) =>
            values.includes(request.config[field] as Value),
          ),
      )
      .map(rule => ({
        policy: this.id,
        reason: rule.reason ?? describe(rule),
        approvers: rule.approvers,
      }));
    return { approvals };
  }
}
