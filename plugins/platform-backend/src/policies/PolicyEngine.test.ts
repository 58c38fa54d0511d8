import { policyContext } from '../__testUtils__/policyContext';
import { ConfigReader } from '@backstage/config';
import { PlatformPolicy } from '@idp-kit/plugin-platform-node';
import { EnvironmentRulesPolicy } from './EnvironmentRulesPolicy';
import { PolicyEngine } from './PolicyEngine';

const refuseAll = (id: string): PlatformPolicy => ({
  id,
  description: 'Refuses everything',
  evaluate: async () => [{ policy: id, reason: `${id} says no` }],
});

describe('PolicyEngine', () => {
  it('reports the violations of every policy, not only the first', async () => {
    const engine = new PolicyEngine([
      { policy: refuseAll('first'), source: 'test' },
      { policy: refuseAll('second'), source: 'test' },
    ]);
    await expect(
      engine.evaluate(policyContext('web-application', 'development', {})),
    ).resolves.toEqual({
      violations: [
        { policy: 'first', reason: 'first says no' },
        { policy: 'second', reason: 'second says no' },
      ],
      approvals: [],
    });
  });

  it('gathers the approvals policies ask for, once per group and reason', async () => {
    const askPlatformTeam = (
      id: string,
      approvers: string,
    ): PlatformPolicy => ({
      id,
      description: 'Asks the platform team',
      evaluate: async () => ({
        approvals: [
          {
            policy: id,
            reason: 'Costly',
            approvers,
          },
        ],
      }),
    });
    const engine = new PolicyEngine([
      {
        policy: askPlatformTeam('one', 'group:default/platform-team'),
        source: 'test',
      },
      // A module that spells the group otherwise names the same group.
      { policy: askPlatformTeam('two', 'Platform-Team'), source: 'test' },
      {
        policy: askPlatformTeam('four', 'group:default/team-\u212Aappa'),
        source: 'test',
      },
      { policy: refuseAll('three'), source: 'test' },
    ]);
    await expect(
      engine.evaluate(policyContext('web-application', 'development', {})),
    ).resolves.toEqual({
      violations: [
        {
          policy: 'four',
          reason: expect.stringMatching(
            /could not be evaluated: .*approvers it named has an invalid name/,
          ),
        },
        { policy: 'three', reason: 'three says no' },
      ],
      approvals: [
        {
          policy: 'one',
          reason: 'Costly',
          approvers: 'group:default/platform-team',
        },
      ],
    });
  });

  it('refuses when a policy itself fails', async () => {
    const broken: PlatformPolicy = {
      id: 'broken',
      description: 'Throws',
      evaluate: async () => {
        throw new Error('lookup failed');
      },
    };
    const engine = new PolicyEngine([{ policy: broken, source: 'test' }]);
    await expect(
      engine.evaluate(policyContext('web-application', 'development', {})),
    ).resolves.toEqual({
      violations: [
        {
          policy: 'broken',
          reason: 'The policy could not be evaluated: Error: lookup failed',
        },
      ],
      approvals: [],
    });
  });

  it('refuses two policies with one id, naming both sources', () => {
    expect(
      () =>
        new PolicyEngine([
          { policy: refuseAll('same'), source: 'module a' },
          { policy: refuseAll('same'), source: 'module b' },
        ]),
    ).toThrow("Policy 'same' is defined twice: by module a and by module b");
  });
});

describe('EnvironmentRulesPolicy', () => {
  it('applies a rule only to offerings that have the field', async () => {
    const policy = EnvironmentRulesPolicy.fromConfig(new ConfigReader({}));
    await expect(
      policy.evaluate(
        policyContext('web-application', 'production', { replicas: 2 }),
      ),
    ).resolves.toEqual([]);
    await expect(
      policy.evaluate(
        policyContext('postgresql-database', 'production', {
          high_availability: true,
          backup_retention_days: 7,
        }),
      ),
    ).resolves.toEqual([]);
    await expect(
      policy.evaluate(
        policyContext('postgresql-database', 'staging', {
          high_availability: false,
          backup_retention_days: 1,
        }),
      ),
    ).resolves.toEqual([]);
  });

  it('reads rules from config, with a generated reason when none is given', async () => {
    const policy = EnvironmentRulesPolicy.fromConfig(
      new ConfigReader({
        platform: {
          environmentRules: [
            {
              environment: 'staging',
              offering: 'api-gateway',
              field: 'rate_limit',
              max: 500,
            },
          ],
        },
      }),
    );
    await expect(
      policy.evaluate(
        policyContext('api-gateway', 'staging', { rate_limit: 1000 }),
      ),
    ).resolves.toEqual([
      {
        policy: 'environment-rules',
        field: 'config.rate_limit',
        reason: 'In staging, api-gateway rate_limit must be at most 500',
      },
    ]);
  });
});
