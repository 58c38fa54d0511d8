import { mockCredentials } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { startPlatformTestBackend } from '../__testUtils__/platformTestBackend';
import { testPricing } from '../__testUtils__/pricing';

jest.setTimeout(180_000);

const guest = mockCredentials.user.header('user:default/guest');

/** A small database with the default backups costs 23.50 a month. */
const SMALL_DATABASE_MONTHLY = 23.5;

const platform = {
  pricing: testPricing,
  budgets: { teams: { 'team-alpha': 10 * SMALL_DATABASE_MONTHLY } },
  quotas: { teams: { 'team-alpha': { 'postgresql-database': 100 } } },
};

describe('a budget under concurrent creates', () => {
  const databases = createTestDatabases();
  const extraPools: Knex[] = [];

  afterAll(async () => {
    await Promise.all(extraPools.map(pool => pool.destroy()));
  });

  /** One backend on SQLite; two replicas, each with its own pool, on PostgreSQL. */
  async function replicas(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const first = await startPlatformTestBackend({ knex, platform });
    if (databaseId === 'SQLITE_3') {
      return { knex, servers: [first.server] };
    }
    const pool = knexFactory(knex.client.config);
    extraPools.push(pool);
    const second = await startPlatformTestBackend({ knex: pool, platform });
    return { knex, servers: [first.server, second.server] };
  }

  it.each(databases.eachSupportedId())(
    'accepts exactly as many as the budget has room for, %p',
    async databaseId => {
      const { knex, servers } = await replicas(databaseId);

      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          request(servers[i % servers.length])
            .post('/api/platform/resources')
            .set('Authorization', guest)
            .send({
              offering: 'postgresql-database',
              name: `db-${i}`,
              team: 'team-alpha',
              environment: 'development',
              config: { size: 'small' },
            }),
        ),
      );

      const statuses = answers.map(a => a.status);
      expect(statuses.filter(s => s === 202)).toHaveLength(10);
      expect(statuses.filter(s => s === 403)).toHaveLength(40);
      for (const refused of answers.filter(a => a.status === 403)) {
        expect(refused.body.error.message).toMatch(
          /over its budget of 235\.00 EUR \(budget\)/,
        );
      }
      const spend = await request(servers[0])
        .get('/api/platform/spend?team=team-alpha')
        .set('Authorization', guest)
        .expect(200);
      expect(spend.body.monthly).toBe(235);
      const [{ used }] = await knex('platform_quota_usage').where({
        team: 'team-alpha',
        offering: 'postgresql-database',
      });
      expect(Number(used)).toBe(10);
    },
  );
});
