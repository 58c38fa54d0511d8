import { mockCredentials } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { builtinOfferings } from '@idp-kit/plugin-platform-common';
import { platformOfferingsExtensionPoint } from '@idp-kit/plugin-platform-node';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { startPlatformTestBackend } from '../__testUtils__/platformTestBackend';
import { testPricing } from '../__testUtils__/pricing';

jest.setTimeout(120_000);

const guest = mockCredentials.user.header('user:default/guest');

const database = (name: string, config: Record<string, unknown>) => ({
  offering: 'postgresql-database',
  name,
  team: 'team-alpha',
  environment: 'development',
  config,
});

describe('prices and budgets', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let server: any;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startPlatformTestBackend({
        knex,
        platform: {
          pricing: testPricing,
          budgets: { teams: { 'team-alpha': 200 } },
        },
      }));
    });

    const dryRun = (body: object) =>
      request(server)
        .post('/api/platform/resources?dryRun=true')
        .set('Authorization', guest)
        .send(body)
        .expect(200)
        .then(r => r.body);

    it('prices a request, with the breakdown and the team spend after it', async () => {
      await request(server)
        .post('/api/platform/resources')
        .set('Authorization', guest)
        .send(database('first', { size: 'medium' }))
        .expect(202);
      const verdict = await dryRun(
        database('second', { size: 'small', backup_retention_days: 10 }),
      );
      expect(verdict.cost).toEqual({
        monthly: 25,
        currency: 'EUR',
        breakdown: [
          { item: 'size', monthly: 20 },
          { item: 'backups', monthly: 5 },
        ],
        teamMonthly: 83.5 + 25,
        budget: 200,
      });
      const spend = await request(server)
        .get('/api/platform/spend?team=team-alpha')
        .set('Authorization', guest)
        .expect(200);
      expect(spend.body).toEqual({
        team: 'team-alpha',
        currency: 'EUR',
        monthly: 83.5,
        byOffering: { 'postgresql-database': 83.5 },
        budget: 200,
      });
    });

    it('refuses a request over the budget, with the numbers', async () => {
      const verdict = await dryRun(database('big', { size: 'large' }));
      expect(verdict.allowed).toBe(false);
      expect(verdict.violations).toEqual([
        {
          policy: 'budget',
          reason:
            'Team team-alpha would spend 323.50 EUR a month with this request (323.50 EUR), over its budget of 200.00 EUR',
        },
      ]);
      const refused = await request(server)
        .post('/api/platform/resources')
        .set('Authorization', guest)
        .send(database('big', { size: 'large' }))
        .expect(403);
      expect(refused.body.violations[0].policy).toBe('budget');
    });

    it('prices a change as the difference, and never refuses one that saves', async () => {
      const created = await request(server)
        .post('/api/platform/resources')
        .set('Authorization', guest)
        .send(database('growing', { size: 'medium' }))
        .expect(202);
      const id = created.body.id;
      await knex('platform_resources').where({ id }).update({ state: 'ready' });
      const change = (config: object) =>
        request(server)
          .patch(`/api/platform/resources/${id}?dryRun=true`)
          .set('Authorization', guest)
          .send({ config })
          .expect(200)
          .then(r => r.body);

      const bigger = await change({
        size: 'medium',
        backup_retention_days: 27,
      });
      expect(bigger.cost).toMatchObject({ monthly: 10, teamMonthly: 93.5 });
      expect(bigger.allowed).toBe(true);

      const tooBig = await change({ size: 'large' });
      expect(tooBig.cost).toMatchObject({ monthly: 240, teamMonthly: 323.5 });
      expect(tooBig.violations).toEqual([
        {
          policy: 'budget',
          reason:
            'Team team-alpha would spend 323.50 EUR a month with this request (+240.00 EUR), over its budget of 200.00 EUR',
        },
      ]);

      const smaller = await change({ size: 'small' });
      expect(smaller.cost).toMatchObject({ monthly: -60, teamMonthly: 23.5 });
      expect(smaller.allowed).toBe(true);
    });

    it("prices a module's offering by the model it came with", async () => {
      const queues = createBackendModule({
        pluginId: 'platform',
        moduleId: 'queues',
        register(env) {
          env.registerInit({
            deps: { offerings: platformOfferingsExtensionPoint },
            async init({ offerings }) {
              offerings.addOffering({
                ...builtinOfferings.find(o => o.id === 'web-application')!,
                id: 'message-queue',
                name: 'Message Queue',
                pricing: {
                  rules: [
                    { item: 'broker', monthly: 30 },
                    { item: 'replicas', field: 'replicas', perUnit: 5 },
                  ],
                },
              });
            },
          });
        },
      });
      const other = await startPlatformTestBackend({
        knex: await databases.init(databaseId),
        platform: { pricing: testPricing },
        features: [queues],
      });
      try {
        const verdict = await request(other.server)
          .post('/api/platform/resources?dryRun=true')
          .set('Authorization', guest)
          .send({
            offering: 'message-queue',
            name: 'events',
            team: 'team-alpha',
            environment: 'development',
            config: { replicas: 3 },
          })
          .expect(200);
        expect(verdict.body.cost).toMatchObject({
          monthly: 45,
          currency: 'EUR',
          breakdown: [
            { item: 'broker', monthly: 30 },
            { item: 'replicas', monthly: 15 },
          ],
        });
      } finally {
        await other.stop();
      }
    });

    it('shows prices and spend in the catalog and the health summary', async () => {
      const offering = await request(server)
        .get('/api/platform/offerings/postgresql-database')
        .set('Authorization', guest)
        .expect(200);
      expect(offering.body).toMatchObject({
        currency: 'EUR',
        pricing: testPricing.offerings['postgresql-database'],
      });
      await request(server)
        .post('/api/platform/resources')
        .set('Authorization', guest)
        .send(database('counted', { size: 'medium' }))
        .expect(202);
      const summary = await request(server)
        .get('/api/platform/health/summary')
        .set('Authorization', guest)
        .expect(200);
      expect(summary.body.spend).toEqual({
        currency: 'EUR',
        total: 83.5,
        byTeam: { 'team-alpha': 83.5 },
        byOffering: { 'postgresql-database': 83.5 },
      });
    });
  });
});
