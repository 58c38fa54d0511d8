import { PlatformPolicy } from '@idp-kit/plugin-platform-node';
import { policyContext } from '../__testUtils__/policyContext';
import { PolicyEngine } from '../policies/PolicyEngine';
import { OfferingRules } from './OfferingRules';

const refuseEverything: PlatformPolicy = {
  id: 'gitops-freeze',
  description: 'Nothing new is deployed during the freeze',
  async evaluate() {
    return [{ policy: 'gitops-freeze', reason: 'Deployments are frozen' }];
  },
};

/** The violations the engine finds for a request of each offering. */
async function verdicts(policies: PlatformPolicy[]) {
  const engine = new PolicyEngine(
    policies.map(policy => ({ policy, source: 'a backend module' })),
  );
  const result: Record<string, string[]> = {};
  for (const offering of [
    'web-application',
    'api-gateway',
    'postgresql-database',
  ]) {
    const { violations } = await engine.evaluate(
      policyContext(offering, 'production', {}),
    );
    result[offering] = violations.map(v => v.policy);
  }
  return result;
}

describe('OfferingRules', () => {
  it('judges with one rule every offering it came with, and no other', async () => {
    const policies: PlatformPolicy[] = [];
    const rules = new OfferingRules(policies);
    rules.add('web-application', [refuseEverything]);
    rules.add('api-gateway', [refuseEverything]);

    expect(policies.map(p => [p.id, p.description])).toEqual([
      [
        'gitops-freeze',
        'Nothing new is deployed during the freeze (web-application, api-gateway only)',
      ],
    ]);
    expect(await verdicts(policies)).toEqual({
      'web-application': ['gitops-freeze'],
      'api-gateway': ['gitops-freeze'],
      'postgresql-database': [],
    });
  });

  it('withdraws a refused offering’s rules, keeping those of its siblings', async () => {
    const policies: PlatformPolicy[] = [];
    const rules = new OfferingRules(policies);
    rules.add('web-application', [refuseEverything]);
    rules.add('api-gateway', [refuseEverything]);

    rules.remove('api-gateway', [refuseEverything]);
    expect(await verdicts(policies)).toEqual({
      'web-application': ['gitops-freeze'],
      'api-gateway': [],
      'postgresql-database': [],
    });
    rules.remove('web-application', [refuseEverything]);
    expect(policies).toEqual([]);
  });

  it('refuses another rule under a taken id, and adds none of that offering’s rules', () => {
    const policies: PlatformPolicy[] = [];
    const rules = new OfferingRules(policies);
    rules.add('web-application', [refuseEverything]);
    const impostor = { ...refuseEverything, description: 'Another rule' };
    const other = { ...refuseEverything, id: 'gateway-auth' };

    expect(() => rules.add('api-gateway', [other, impostor])).toThrow(
      "Rule 'gitops-freeze' of offering 'api-gateway' has the id of another rule",
    );
    expect(policies.map(p => p.id)).toEqual(['gitops-freeze']);
  });
});
