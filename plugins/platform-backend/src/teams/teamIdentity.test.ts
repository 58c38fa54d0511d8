import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { startPlatformTestBackend } from '../__testUtils__/platformTestBackend';
import { testPricing } from '../__testUtils__/pricing';

jest.setTimeout(120_000);

const guest = mockCredentials.user.header('user:default/guest');

/** Every spelling of team-alpha a person or a template might send. */
const SPELLINGS = [
  'Team-Alpha',
  'TEAM-ALPHA',
  'group:default/Team-Alpha',
  'Group:Default/team-alpha',
  'GROUP:DEFAULT/TEAM-ALPHA',
];

/** Not team-alpha, nor any other team: refused, never a team of their own. */
const IMPOSTORS = [
  ' team-alpha',
  'team-alpha ',
  '\tteam-alpha',
  'tеam-alpha', // Cyrillic е
  'team-аlpha', // Cyrillic а
  'ｔｅａｍ-alpha', // full width
  'team-alpha\u200b', // zero-width space
  'team-\u212Aappa', // the Kelvin sign, which lowers to k
  'team-alpha\u0000',
];

const database = (name: string, team: string) => ({
  offering: 'postgresql-database',
  name,
  team,
  environment: 'development',
  config: { size: 'small' },
});

describe('one identity for a team', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives every spelling of a team one quota, budget, namespace of names and list, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlatformTestBackend({
        knex,
        platform: {
          pricing: testPricing,
          // Config keys in another case name the same team.
          quotas: { teams: { 'Team-Alpha': { 'postgresql-database': 2 } } },
          budgets: { teams: { 'TEAM-ALPHA': 1000 } },
        },
      });
      const post = (body: object) =>
        request(server)
          .post('/api/platform/resources')
          .set('Authorization', guest)
          .send(body);
      const get = (path: string) =>
        request(server)
          .get(`/api/platform${path}`)
          .set('Authorization', guest)
          .expect(200)
          .then(r => r.body);

      await post(database('first', 'team-alpha')).expect(202);
      const second = await post(database('second', 'Team-Alpha')).expect(202);
      expect(second.body.team).toBe('team-alpha');

      for (const team of SPELLINGS) {
        const refused = await post(database(`third`, team)).expect(403);
        expect(refused.body.error.message).toContain(
          'Team team-alpha has used 2 of 2 postgresql-database resources',
        );
      }
      // A name is taken in the team, however the team is spelled.
      const shop = (team: string) => ({
        offering: 'web-application',
        name: 'shop',
        team,
        environment: 'development',
        config: {},
      });
      await post(shop('team-alpha')).expect(202);
      for (const team of SPELLINGS) {
        const taken = await post(shop(team)).expect(409);
        expect(taken.body.error.message).toContain(
          "A live resource named 'shop' already exists for team-alpha",
        );
      }

      for (const team of ['team-alpha', ...SPELLINGS]) {
        const list = await get(
          `/resources?team=${encodeURIComponent(
            team,
          )}&offering=postgresql-database`,
        );
        expect(list.items.map((r: { name: string }) => r.name).sort()).toEqual([
          'first',
          'second',
        ]);
        const quotas = await get(`/quotas?team=${encodeURIComponent(team)}`);
        expect(
          quotas.items.find(
            (q: { offering: string }) => q.offering === 'postgresql-database',
          ),
        ).toEqual({
          team: 'team-alpha',
          offering: 'postgresql-database',
          used: 2,
          limit: 2,
        });
        const spend = await get(`/spend?team=${encodeURIComponent(team)}`);
        expect(spend).toMatchObject({
          team: 'team-alpha',
          // Two small databases and the web application.
          monthly: 95,
          budget: 1000,
        });
      }
      const rows = await knex('platform_resources').distinct('team');
      expect(rows).toEqual([{ team: 'team-alpha' }]);
      const usage = await knex('platform_quota_usage').distinct('team');
      expect(usage).toEqual([{ team: 'team-alpha' }]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses surrounding whitespace and look-alike letters in every field and parameter that names a team, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlatformTestBackend({ knex });
      for (const team of IMPOSTORS) {
        const created = await request(server)
          .post('/api/platform/resources')
          .set('Authorization', guest)
          .send(database('db', team));
        expect(created.status).toBe(400);
        expect(created.body.error.message).toMatch(/team/);
        // A dry run answers its verdict, with the field that is wrong.
        const verdict = await request(server)
          .post('/api/platform/resources?dryRun=true')
          .set('Authorization', guest)
          .send(database('db', team))
          .expect(200);
        expect(verdict.body.allowed).toBe(false);
        expect(verdict.body.errors).toContainEqual(
          expect.objectContaining({ field: 'team' }),
        );
        for (const path of ['/resources', '/quotas', '/spend', '/tickets']) {
          const res = await request(server)
            .get(`/api/platform${path}?team=${encodeURIComponent(team)}`)
            .set('Authorization', guest);
          expect(res.status).toBe(400);
          expect(res.body.error.message).toMatch(/team/);
        }
      }
      const [{ n }] = await knex('platform_resources').count({ n: '*' });
      expect(Number(n)).toBe(0);
    },
  );
});
