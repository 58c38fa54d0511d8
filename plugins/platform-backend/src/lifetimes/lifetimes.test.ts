import { SchedulerService } from '@backstage/backend-plugin-api';
import { captureScheduler } from '../__testUtils__/captureScheduler';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { startPlatformTestBackend } from '../__testUtils__/platformTestBackend';

jest.setTimeout(120_000);

const guest = mockCredentials.user.header('user:default/guest');
const DAY = 86_400_000;

const lifetimes = {
  environments: {
    development: { default: 'P7D', max: 'P30D' },
  },
  offerings: {
    'postgresql-database': { development: { default: 'P3D', max: 'P14D' } },
  },
};

const webApp = (name: string, extra: object = {}) => ({
  offering: 'web-application',
  name,
  team: 'team-alpha',
  environment: 'development',
  ...extra,
});

const near = (iso: string, expected: number) =>
  Math.abs(Date.parse(iso) - expected) < 60_000;

describe('lifetimes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let stops: Array<() => Promise<void>> = [];
    let scheduler: SchedulerService;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });
    afterEach(async () => {
      for (const stop of stops) await stop();
      stops = [];
    });

    async function start() {
      const backend = await startPlatformTestBackend({
        knex,
        platform: { lifetimes },
        features: [captureScheduler(s => (scheduler = s))],
      });
      stops.push(() => backend.stop());
      return { server: backend.server, scheduler };
    }

    const create = (server: any, body: object) =>
      request(server)
        .post('/api/platform/resources')
        .set('Authorization', guest)
        .send(body);
    const get = (server: any, id: string) =>
      request(server)
        .get(`/api/platform/resources/${id}`)
        .set('Authorization', guest)
        .expect(200)
        .then(r => r.body);
    const eventTypes = (server: any, id: string) =>
      request(server)
        .get(`/api/platform/resources/${id}/events`)
        .set('Authorization', guest)
        .expect(200)
        .then(r => r.body.items.map((e: { type: string }) => e.type));
    const expire = (id: string) =>
      knex('platform_resources')
        .where({ id })
        .update({ expires_at: new Date(Date.now() - 1000).toISOString() });

    it('gives the default lifetime, takes one within the maximum, and refuses one beyond it', async () => {
      const { server } = await start();
      const now = Date.now();

      const byDefault = await create(server, webApp('by-default')).expect(202);
      expect(near(byDefault.body.expiresAt, now + 7 * DAY)).toBe(true);
      const database = await create(server, {
        ...webApp('db'),
        offering: 'postgresql-database',
      }).expect(202);
      expect(near(database.body.expiresAt, now + 3 * DAY)).toBe(true);
      const production = await create(server, {
        ...webApp('prod'),
        environment: 'production',
        config: { replicas: 2 },
      }).expect(202);
      expect(production.body.expiresAt).toBeNull();

      const asked = new Date(now + 20 * DAY).toISOString();
      const chosen = await create(
        server,
        webApp('chosen', { expiresAt: asked }),
      ).expect(202);
      expect(chosen.body.expiresAt).toBe(asked);

      const verdict = await create(
        server,
        webApp('verdict', { expiresAt: asked }),
      )
        .query({ dryRun: 'true' })
        .expect(200);
      expect(verdict.body.lifetime).toMatchObject({
        default: 'P7D',
        max: 'P30D',
        expiresAt: asked,
      });
      expect(near(verdict.body.lifetime.maxExpiresAt, now + 30 * DAY)).toBe(
        true,
      );

      for (const [expiresAt, problem] of [
        [
          new Date(now + 31 * DAY).toISOString(),
          /^must be at most P30D from now/,
        ],
        [new Date(now - DAY).toISOString(), /^must be in the future$/],
        ['next tuesday', /^must be a date and time in ISO 8601/],
      ] as const) {
        const refused = await create(
          server,
          webApp('too-long', { expiresAt }),
        ).expect(400);
        expect(refused.body.errors).toEqual([
          { field: 'expiresAt', message: expect.stringMatching(problem) },
        ]);
      }
    });

    it('extends within the maximum, and refuses beyond it, naming the field', async () => {
      const { server } = await start();
      const created = await create(server, webApp('extended')).expect(202);
      const extend = (body: unknown) =>
        request(server)
          .post(`/api/platform/resources/${created.body.id}/extend`)
          .set('Authorization', guest)
          .send(body as object);

      const later = new Date(Date.now() + 25 * DAY).toISOString();
      const extended = await extend({ expiresAt: later }).expect(200);
      expect(extended.body.expiresAt).toBe(later);
      expect(await eventTypes(server, created.body.id)).toContain('extended');

      const beyond = await extend({
        expiresAt: new Date(Date.now() + 40 * DAY).toISOString(),
      }).expect(400);
      expect(beyond.body.errors[0].field).toBe('expiresAt');
      for (const body of [
        {},
        { expiresAt: 7 },
        { expiresAt: later, x: 1 },
        [],
      ]) {
        const bad = await extend(body).expect(400);
        expect(bad.body.errors.length).toBeGreaterThan(0);
      }
      expect((await get(server, created.body.id)).expiresAt).toBe(later);
    });

    it('never brings an expiry earlier, nor gives one to a resource that never expires', async () => {
      const { server, scheduler: tasks } = await start();
      const production = await create(server, {
        ...webApp('forever'),
        environment: 'production',
        config: { replicas: 2 },
      }).expect(202);
      const development = await create(server, webApp('weekly')).expect(202);
      const extend = (id: string, expiresAt: string) =>
        request(server)
          .post(`/api/platform/resources/${id}/extend`)
          .set('Authorization', guest)
          .send({ expiresAt });
      const soon = new Date(Date.now() + 60_000).toISOString();

      // Either would delete the resource a minute on, without the delete permission.
      const added = await extend(production.body.id, soon).expect(400);
      expect(added.body.errors).toEqual([
        {
          field: 'expiresAt',
          message: expect.stringMatching(/this resource never expires/),
        },
      ]);
      const earlier = await extend(development.body.id, soon).expect(400);
      expect(earlier.body.errors).toEqual([
        {
          field: 'expiresAt',
          message: `must be later than the current expiry ${development.body.expiresAt}; to end the resource sooner, delete it`,
        },
      ]);

      await tasks.triggerTask('platform-lifetimes');
      expect(await get(server, production.body.id)).toMatchObject({
        state: 'pending',
        expiresAt: null,
      });
      expect(await get(server, development.body.id)).toMatchObject({
        state: 'pending',
        expiresAt: development.body.expiresAt,
      });
      expect(await eventTypes(server, development.body.id)).toEqual([
        'requested',
      ]);
    });

    it('deletes an expired resource through the normal deletion path', async () => {
      const { server, scheduler: tasks } = await start();
      const created = await create(server, webApp('short-lived')).expect(202);
      await expire(created.body.id);
      await tasks.triggerTask('platform-lifetimes');
      const expired = await get(server, created.body.id);
      expect(expired.state).toBe('deleting');
      expect(await eventTypes(server, created.body.id)).toEqual([
        'requested',
        'expired',
      ]);
    });

    it('keeps an expired resource others depend on, and says which', async () => {
      const { server, scheduler: tasks } = await start();
      const upstream = await create(server, webApp('storefront')).expect(202);
      await create(server, {
        offering: 'api-gateway',
        name: 'storefront-api',
        team: 'team-alpha',
        environment: 'development',
        config: { upstream: 'storefront' },
      }).expect(202);
      await expire(upstream.body.id);
      await tasks.triggerTask('platform-lifetimes');
      const kept = await get(server, upstream.body.id);
      expect(kept.state).toBe('pending');
      expect(kept.expiryBlocked).toMatch(
        /^Expired at .*, but api-gateway 'storefront-api' depends on it/,
      );
    });

    it('expires a resource once, however many replicas run the task', async () => {
      const first = await start();
      const second = await start();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await create(first.server, webApp(`both-${i}`))).body.id);
        await expire(ids[i]);
      }
      await Promise.all([
        first.scheduler.triggerTask('platform-lifetimes'),
        second.scheduler.triggerTask('platform-lifetimes'),
      ]);
      for (const id of ids) {
        const types = await eventTypes(first.server, id);
        expect(types.filter((t: string) => t === 'expired')).toHaveLength(1);
      }
    });
  });
});
