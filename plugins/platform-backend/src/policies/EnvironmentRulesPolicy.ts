import { Config } from '@backstage/config';
import { PolicyViolation } from '@idp-kit/plugin-platform-common';
import { PlatformPolicy, PolicyContext } from '@idp-kit/plugin-platform-node';

/**
 * A requirement on one field of one offering in one environment. A rule
 * applies only to offerings that have the field, so a production rule for
 * databases never refuses a web application.
 */
export interface EnvironmentRule {
  environment: string;
  offering: string;
  field: string;
  equals?: string | number | boolean;
  min?: number;
  max?: number;
  reason?: string;
}

/** Production databases are highly available and backed up; production web applications are redundant. */
export const defaultEnvironmentRules: EnvironmentRule[] = [
  {
    environment: 'production',
    offering: 'postgresql-database',
    field: 'high_availability',
    equals: true,
    reason: 'Production databases must have high_availability enabled',
  },
  {
    environment: 'production',
    offering: 'postgresql-database',
    field: 'backup_retention_days',
    min: 7,
    reason: 'Production databases must keep backups for at least 7 days',
  },
  {
    environment: 'production',
    offering: 'web-application',
    field: 'replicas',
    min: 2,
    reason: 'Production web applications must run at least 2 replicas',
  },
];

function describe(rule: EnvironmentRule): string {
  if (rule.equals !== undefined) {
    return `${rule.field} must be ${rule.equals}`;
  }
  const bounds = [
    rule.min !== undefined ? `at least ${rule.min}` : undefined,
    rule.max !== undefined ? `at most ${rule.max}` : undefined,
  ].filter(Boolean);
  return `${rule.field} must be ${bounds.join(' and ')}`;
}

function breaks(rule: EnvironmentRule, value: unknown): boolean {
  if (rule.equals !== undefined && value !== rule.equals) {
    return true;
  }
  if (typeof value === 'number') {
    return (
      (rule.min !== undefined && value < rule.min) ||
      (rule.max !== undefined && value > rule.max)
    );
  }
  return rule.equals === undefined;
}

/** Field requirements per environment and offering (`platform.environmentRules`). */
export class EnvironmentRulesPolicy implements PlatformPolicy {
  readonly id = 'environment-rules';
  readonly #rules: EnvironmentRule[];

  constructor(rules: EnvironmentRule[]) {
    this.#rules = rules;
  }

  static fromConfig(config: Config): EnvironmentRulesPolicy {
    const configured = config.getOptionalConfigArray(
      'platform.environmentRules',
    );
    if (!configured) {
      return new EnvironmentRulesPolicy(defaultEnvironmentRules);
    }
    return new EnvironmentRulesPolicy(
      configured.map(c => ({
        environment: c.getString('environment'),
        offering: c.getString('offering'),
        field: c.getString('field'),
        equals: c.getOptional<string | number | boolean>('equals'),
        min: c.getOptionalNumber('min'),
        max: c.getOptionalNumber('max'),
        reason: c.getOptionalString('reason'),
      })),
    );
  }

  get description(): string {
    return `Environment rules: ${this.#rules
      .map(r => `${r.environment} ${r.offering}: ${describe(r)}`)
      .join('; ')}`;
  }

  async evaluate(context: PolicyContext): Promise<PolicyViolation[]> {
    const { offering, request } = context;
    const fields = new Set(offering.configurations.map(f => f.name));
    return this.#rules
      .filter(
        rule =>
          rule.environment === request.environment &&
          rule.offering === offering.id &&
          fields.has(rule.field) &&
          breaks(rule, request.config[rule.field]),
      )
      .map(rule => ({
        policy: this.id,
        field: `config.${rule.field}`,
        reason:
          rule.reason ??
          `In ${rule.environment}, ${offering.id} ${describe(rule)}`,
      }));
  }
}
