import { ConfigReader } from '@backstage/config';
import { BudgetConfig } from '../costs/BudgetConfig';
import { QuotaConfig } from '../quota/QuotaConfig';

const config = (platform: object) => new ConfigReader({ platform });

describe('config keyed by team', () => {
  it('reads a key in any case as the team resources name', () => {
    const quotas = QuotaConfig.fromConfig(
      config({ quotas: { teams: { 'Team-Beta': { 'web-application': 2 } } } }),
    );
    expect(quotas.limitFor('team-beta', 'web-application')).toBe(2);
    expect(quotas.limitFor('TEAM-BETA', 'web-application')).toBe(2);
    const budgets = BudgetConfig.fromConfig(
      config({ budgets: { teams: { 'TEAM-BETA': 300 } } }),
    );
    expect(budgets.budgetOf('team-beta')).toBe(300);
    expect(budgets.budgetOf('Team-Beta')).toBe(300);
  });

  it('refuses two keys that are one team, naming both', () => {
    expect(() =>
      QuotaConfig.fromConfig(
        config({
          quotas: {
            teams: {
              'team-beta': { 'web-application': 2 },
              'Team-Beta': { 'web-application': 20 },
            },
          },
        }),
      ),
    ).toThrow(
      'platform.quotas.teams.team-beta and platform.quotas.teams.Team-Beta name the same team team-beta: keep one',
    );
    expect(() =>
      BudgetConfig.fromConfig(
        config({ budgets: { teams: { 'team-beta': 1, 'TEAM-BETA': 2 } } }),
      ),
    ).toThrow(/name the same team team-beta/);
  });
});
