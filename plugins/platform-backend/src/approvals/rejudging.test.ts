import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import {
  productionDatabaseReview,
  startApprovalsTestBackend,
} from '../__testUtils__/approvals';
import { createTestDatabases } from '../__testUtils__/databases';
import { userInfoFromMembership } from '../__testUtils__/membership';
import {
  eventually,
  notificationsOf,
  startNotifyingTestBackend,
  teamWithMembers,
  userEntity,
} from '../__testUtils__/notifications';
import { readEvents, readResource } from '../__testUtils__/platformTestBackend';
import { policyModule } from '../__testUtils__/policyModule';
import { testPricing } from '../__testUtils__/pricing';
import { signedInAs } from '../__testUtils__/signedIn';
import { teamGroup } from '../__testUtils__/teams';

jest.setTimeout(120_000);

/** Production web applications of 4 replicas and open gateways wait for the platform team. */
const approvals = {
  rules: [
    {
      offering: 'web-application',
      environment: 'production',
      when: { replicas: 4 },
      approvers: 'platform-team',
      reason: 'Four replicas in production are costly',
    },
    productionDatabaseReview,
    {
      offering: 'api-gateway',
      environment: 'production',
      when: { authentication: 'none' },
      approvers: 'platform-team',
      reason: 'An open gateway is reviewed',
    },
  ],
};

/** A module rule that can change while a request waits: production is frozen. */
const freeze = { on: false };
const freezePolicy = policyModule({
  id: 'freeze',
  description: 'Nothing new in production during a freeze',
  async evaluate(context) {
    return freeze.on && context.request.environment === 'production'
      ? [{ policy: 'freeze', reason: 'Production is frozen' }]
      : [];
  },
});

describe('an approved request is judged again when it takes effect', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let stops: Array<() => Promise<void>> = [];

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      freeze.on = false;
    });

    afterEach(async () => {
      for (const stop of stops) await stop();
      stops = [];
    });

    async function start(platform: JsonObject = {}) {
      const backend = await startApprovalsTestBackend({
        knex,
        platform: { approvals, pricing: testPricing, ...platform },
        features: [freezePolicy],
      });
      stops.push(() => backend.stop());
      return backend.server;
    }

    const create = (server: any, body: object) =>
      request(server)
        .post('/api/platform/resources')
        .set('Authorization', signedInAs('guest'))
        .send({ team: 'team-alpha', ...body });
    const change = (server: any, id: string, config: object) =>
      request(server)
        .patch(`/api/platform/resources/${id}`)
        .set('Authorization', signedInAs('guest'))
        .send({ config });
    const approve = (server: any, id: string) =>
      request(server)
        .post(`/api/platform/resources/${id}/approve`)
        .set('Authorization', signedInAs('sam'))
        .send({});
    const get = readResource;
    const lastEvent = async (server: any, id: string) =>
      (await readEvents(server, id)).slice(-1)[0];
    const ready = (id: string) =>
      knex('platform_resources').where({ id }).update({ state: 'ready' });

    it('rejects a change when the budget filled up while it waited', async () => {
      // 48 a month at 2 replicas, 96 at 4; the team may spend 100.
      const server = await start({ budgets: { teams: { 'team-alpha': 100 } } });
      const shop = await create(server, {
        offering: 'web-application',
        name: 'shop',
        environment: 'production',
      }).expect(202);
      await ready(shop.body.id);
      const waiting = await change(server, shop.body.id, {
        replicas: 4,
      }).expect(202);
      expect(waiting.body.state).toBe('awaiting-approval');
      // Meanwhile another 48: the team's spend is 96, the change adds 48.
      await create(server, {
        offering: 'web-application',
        name: 'blog',
        environment: 'development',
      }).expect(202);

      const refused = await approve(server, shop.body.id);
      expect(refused.status).toBe(409);
      expect(refused.body.violations).toEqual([
        {
          policy: 'budget',
          reason:
            'Team team-alpha would spend 144.00 EUR a month with this request (+48.00 EUR), over its budget of 100.00 EUR',
        },
      ]);
      expect(refused.body.error.message).toContain('the request was rejected');
      expect(await get(server, shop.body.id)).toMatchObject({
        state: 'ready',
        config: { replicas: 2 },
      });
      expect(await lastEvent(server, shop.body.id)).toMatchObject({
        type: 'rejected',
        actor: 'platform-engine',
        message: expect.stringMatching(
          /^Rejected: no longer allowed when approved by user:default\/sam: Team team-alpha would spend 144.00 EUR .*\(budget\); the configuration stays as it was$/,
        ),
      });
      const [approval] = (
        await request(server)
          .get(`/api/platform/resources/${shop.body.id}/approvals`)
          .set('Authorization', signedInAs('guest'))
          .expect(200)
      ).body.items;
      expect(approval).toMatchObject({
        state: 'rejected',
        decisions: [
          { actor: 'user:default/sam', outcome: 'approved' },
          {
            actor: 'platform-engine',
            outcome: 'rejected',
            comment: expect.stringContaining('over its budget of 100.00 EUR'),
          },
        ],
      });
    });

    it('prices a waiting create once: it counts in the spend already', async () => {
      // 96 a month: counted twice, it would not fit in 150.
      const server = await start({ budgets: { teams: { 'team-alpha': 150 } } });
      const fits = await create(server, {
        offering: 'web-application',
        name: 'fits',
        environment: 'production',
        config: { replicas: 4 },
      }).expect(202);
      await approve(server, fits.body.id).expect(200);
      // 48 more, 144 in all: it fits, and waits; then the budget shrinks.
      const over = await create(server, {
        offering: 'web-application',
        name: 'over',
        environment: 'production',
        config: { replicas: 4, cpu: '250m', memory: '256Mi' },
      }).expect(202);
      await stops.pop()!();

      const restarted = await start({
        budgets: { teams: { 'team-alpha': 120 } },
      });
      const refused = await approve(restarted, over.body.id).expect(409);
      expect(refused.body.violations).toEqual([
        {
          policy: 'budget',
          reason:
            'Team team-alpha would spend 144.00 EUR a month with this request (48.00 EUR), over its budget of 120.00 EUR',
        },
      ]);
      expect((await get(restarted, over.body.id)).state).toBe('rejected');
    });

    it('rejects a create when a rule changed while it waited, and frees its quota', async () => {
      const server = await start({
        quotas: { defaults: { 'postgresql-database': 1 } },
      });
      const created = await create(server, {
        offering: 'postgresql-database',
        name: 'orders',
        environment: 'production',
        config: { high_availability: true },
      }).expect(202);
      freeze.on = true;

      const refused = await approve(server, created.body.id);
      expect(refused.status).toBe(409);
      expect(refused.body.violations).toEqual([
        { policy: 'freeze', reason: 'Production is frozen' },
      ]);
      expect(await get(server, created.body.id)).toMatchObject({
        state: 'rejected',
        error:
          'Rejected: no longer allowed when approved by user:default/sam: Production is frozen (freeze)',
      });
      // Its place in the quota is free again.
      freeze.on = false;
      await create(server, {
        offering: 'postgresql-database',
        name: 'orders',
        environment: 'development',
      }).expect(202);
    });

    it('rejects a change whose upstream went away while it waited', async () => {
      const server = await start();
      const ids: Record<string, string> = {};
      for (const name of ['front-a', 'front-b']) {
        ids[name] = (
          await create(server, {
            offering: 'web-application',
            name,
            environment: 'production',
          }).expect(202)
        ).body.id;
      }
      const gateway = await create(server, {
        offering: 'api-gateway',
        name: 'gateway',
        environment: 'production',
        config: { upstream: 'front-a' },
      }).expect(202);
      const id = gateway.body.id;
      await ready(id);

      // Being deleted when the approval comes.
      await change(server, id, {
        upstream: 'front-b',
        authentication: 'none',
      }).expect(202);
      await request(server)
        .delete(`/api/platform/resources/${ids['front-b']}`)
        .set('Authorization', signedInAs('guest'))
        .expect(202);
      const deleting = await approve(server, id).expect(409);
      expect(deleting.body.errors).toEqual([
        {
          field: 'config',
          message:
            "refers to web-application 'front-b', which is being deleted",
        },
      ]);
      expect(await get(server, id)).toMatchObject({
        state: 'ready',
        config: { upstream: 'front-a' },
      });

      // Gone when the approval comes.
      await change(server, id, {
        upstream: 'front-b',
        authentication: 'none',
      }).expect(202);
      await knex('platform_resources')
        .where({ id: ids['front-b'] })
        .update({ state: 'deleted', live_key: null });
      const gone = await approve(server, id).expect(409);
      expect(gone.body.errors).toEqual([
        {
          field: 'config.upstream',
          message:
            "no web-application named 'front-b' exists for team-alpha in production",
        },
      ]);

      // An upstream that is still there: approved, and depended on.
      await change(server, id, {
        upstream: 'front-a',
        authentication: 'none',
      }).expect(202);
      await approve(server, id).expect(200);
      expect(await get(server, id)).toMatchObject({
        state: 'updating',
        dependsOn: [ids['front-a']],
        config: { authentication: 'none' },
      });
    });
  });

  it.each(databases.eachSupportedId())(
    'tells the requester of the rejection, with the reason, on %s',
    async databaseId => {
      const backend = await startNotifyingTestBackend(databases, databaseId, {
        entities: [
          teamGroup('team-alpha'),
          teamWithMembers('platform-team', ['priya', 'sam']),
          userEntity('guest'),
          userEntity('sam'),
        ],
        platform: { approvals },
        features: [userInfoFromMembership(), freezePolicy],
      });
      const server = backend.server;
      try {
        freeze.on = false;
        const created = await request(server)
          .post('/api/platform/resources')
          .set('Authorization', signedInAs('guest'))
          .send({
            offering: 'postgresql-database',
            name: 'orders-db',
            team: 'team-alpha',
            environment: 'production',
            config: { high_availability: true },
          })
          .expect(202);
        freeze.on = true;
        await request(server)
          .post(`/api/platform/resources/${created.body.id}/approve`)
          .set('Authorization', signedInAs('sam'))
          .send({})
          .expect(409);
        const told = await eventually(
          () => notificationsOf(server, 'guest'),
          items => items.length > 0,
        );
        expect(told).toEqual([
          expect.objectContaining({
            payload: expect.objectContaining({
              title:
                "Your request was rejected by platform-engine: postgresql-database 'orders-db' of team-alpha in production",
              description:
                'No longer allowed when approved by user:default/sam: Production is frozen (freeze)',
            }),
          }),
        ]);
      } finally {
        freeze.on = false;
        await backend.stop();
      }
    },
  );
});
