import { policyContext } from '../__testUtils__/policyContext';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { ApprovalRulesPolicy } from './ApprovalRulesPolicy';
import { readApprovalOptions } from './ApprovalOptions';

const policyOf = (rules: JsonObject[]) =>
  ApprovalRulesPolicy.fromConfig(
    new ConfigReader({ platform: { approvals: { rules } } }),
  );

describe('ApprovalRulesPolicy', () => {
  const policy = policyOf([
    {
      offering: 'postgresql-database',
      environment: 'production',
      when: { size: 'large' },
      approvers: 'platform-team',
    },
    {
      offering: 'api-gateway',
      environment: 'production',
      when: { authentication: ['none', 'api_key'] },
      approvers: 'group:security/reviewers',
      reason: 'Production gateways without single sign-on are reviewed',
    },
  ]);

  it('asks for approval when offering, environment and every value match', async () => {
    await expect(
      policy.evaluate(
        policyContext('postgresql-database', 'production', { size: 'large' }),
      ),
    ).resolves.toEqual({
      approvals: [
        {
          policy: 'approvals',
          reason:
            'production postgresql-database with size large need approval',
          approvers: 'group:default/platform-team',
        },
      ],
    });
    await expect(
      policy.evaluate(
        policyContext('api-gateway', 'production', {
          authentication: 'api_key',
        }),
      ),
    ).resolves.toEqual({
      approvals: [
        {
          policy: 'approvals',
          reason: 'Production gateways without single sign-on are reviewed',
          approvers: 'group:security/reviewers',
        },
      ],
    });
  });

  it('asks nothing of requests the rules do not match', async () => {
    for (const [offering, environment, config] of [
      ['postgresql-database', 'production', { size: 'medium' }],
      ['postgresql-database', 'development', { size: 'large' }],
      ['api-gateway', 'production', { authentication: 'oidc' }],
      ['web-application', 'production', { size: 'large' }],
    ] as const) {
      await expect(
        policy.evaluate(policyContext(offering, environment, config)),
      ).resolves.toEqual({ approvals: [] });
    }
  });

  it('refuses approvers that are not groups, naming the rule', () => {
    expect(() => policyOf([{ approvers: 'user:default/priya' }])).toThrow(
      "platform.approvals.rules[0].approvers must refer to a group, not to kind 'user'",
    );
    expect(() => policyOf([{ approvers: 'group:' }])).toThrow(
      /platform.approvals.rules\[0\].approvers must be an entity reference/,
    );
    expect(() => policyOf([{ approvers: 'group:default/\u212Aappa' }])).toThrow(
      /platform.approvals.rules\[0\].approvers has an invalid name/,
    );
  });

  it('names approvers in the canonical form, whatever case the config used', async () => {
    const shouting = policyOf([
      {
        offering: 'postgresql-database',
        approvers: 'Group:Security/Reviewers',
      },
    ]);
    await expect(
      shouting.evaluate(
        policyContext('postgresql-database', 'development', {}),
      ),
    ).resolves.toEqual({
      approvals: [
        expect.objectContaining({ approvers: 'group:security/reviewers' }),
      ],
    });
  });
});

describe('readApprovalOptions', () => {
  it('waits 7 days by default, or as configured', () => {
    expect(readApprovalOptions(new ConfigReader({}))).toEqual({
      expireAfterMs: 7 * 86_400_000,
    });
    expect(
      readApprovalOptions(
        new ConfigReader({
          platform: { approvals: { expireAfter: { hours: 2 } } },
        }),
      ),
    ).toEqual({ expireAfterMs: 2 * 3_600_000 });
    expect(
      readApprovalOptions(
        new ConfigReader({ platform: { approvals: { expireAfter: 'P2D' } } }),
      ),
    ).toEqual({ expireAfterMs: 2 * 86_400_000 });
  });
});
