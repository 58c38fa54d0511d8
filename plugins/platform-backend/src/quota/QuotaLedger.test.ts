import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyDatabaseMigrations } from '../database/migrations';
import { PolicyDeniedError } from '../errors/RequestErrors';
import { QuotaConfig } from './QuotaConfig';
import { QuotaExceededError } from './QuotaExceededError';
import { QuotaLedger } from './QuotaLedger';

jest.setTimeout(60_000);

describe('QuotaLedger', () => {
  const databases = createTestDatabases();

  async function createLedger(
    databaseId: Parameters<typeof databases.init>[0],
  ) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(mockServices.database({ knex }));
    const ledger = new QuotaLedger(
      knex,
      new QuotaConfig(
        { 'web-application': 2 },
        { 'team-beta': { 'web-application': 0 } },
      ),
    );
    return { knex, ledger };
  }

  it.each(databases.eachSupportedId())(
    'claims up to the limit, refuses beyond it as the quota policy, and releases, %p',
    async databaseId => {
      const { knex, ledger } = await createLedger(databaseId);
      const claim = (team: string) =>
        knex.transaction(tx => ledger.claimWithin(tx, team, 'web-application'));

      await claim('team-alpha');
      await claim('team-alpha');
      const refusal = await claim('team-alpha').catch(error => error);
      expect(refusal).toBeInstanceOf(QuotaExceededError);
      expect(refusal).toBeInstanceOf(PolicyDeniedError);
      expect(refusal.violations).toEqual([
        {
          policy: 'quota',
          reason:
            'Team team-alpha has reached its quota of 2 web-application resources',
        },
      ]);
      expect(await ledger.usageOf('team-alpha', 'web-application')).toEqual({
        team: 'team-alpha',
        offering: 'web-application',
        used: 2,
        limit: 2,
      });

      await knex.transaction(tx =>
        ledger.releaseWithin(tx, 'team-alpha', 'web-application'),
      );
      await claim('team-alpha');
      expect((await ledger.used('team-alpha')).get('web-application')).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses the first place under a limit of 0 and never counts below 0, %p',
    async databaseId => {
      const { knex, ledger } = await createLedger(databaseId);
      await expect(
        knex.transaction(tx =>
          ledger.claimWithin(tx, 'team-beta', 'web-application'),
        ),
      ).rejects.toThrow(QuotaExceededError);
      await knex.transaction(tx =>
        ledger.releaseWithin(tx, 'team-alpha', 'web-application'),
      );
      expect(
        await ledger.usageOfAll('team-alpha', ['web-application', 'other']),
      ).toEqual([
        { team: 'team-alpha', offering: 'web-application', used: 0, limit: 2 },
        { team: 'team-alpha', offering: 'other', used: 0, limit: 20 },
      ]);
    },
  );
});
