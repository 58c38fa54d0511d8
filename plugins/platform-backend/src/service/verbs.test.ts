import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  largeProductionDatabaseReview,
  startApprovalsTestBackend,
} from '../__testUtils__/approvals';
import { createTestDatabases } from '../__testUtils__/databases';
import { signedInAs } from '../__testUtils__/signedIn';
import { ResourceStore } from '../store/ResourceStore';

jest.setTimeout(120_000);

// Each verb against docs/security.md, "What each verb may change": the
// fields of the resource a verb changed are compared before and after.

const DAY = 86_400_000;
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();

const platform = {
  lifetimes: { environments: { development: { default: 'P7D', max: 'P30D' } } },
  approvals: {
    expireAfter: { days: 7 },
    rules: [largeProductionDatabaseReview],
  },
};

const database = (name: string, environment: string, size: string) => ({
  offering: 'postgresql-database',
  name,
  team: 'team-alpha',
  environment,
  config: { size, high_availability: true, backup_retention_days: 7 },
});

/** Every field the body of a request could try to set besides its own. */
const foreignFields = {
  offering: 'web-application',
  name: 'renamed',
  team: 'team-beta',
  environment: 'production',
  state: 'ready',
  expiresAt: inDays(20),
  outputs: { host: 'elsewhere.example.com' },
  dependsOn: ['00000000-0000-7000-8000-000000000000'],
  createdBy: 'user:default/priya',
  error: 'planted',
};

/** The fields whose values differ, in order. */
function changed(before: PlatformResource, after: PlatformResource) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      key =>
        JSON.stringify(before[key as keyof PlatformResource]) !==
        JSON.stringify(after[key as keyof PlatformResource]),
    )
    .sort();
}

describe('what each verb may change', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let server: Parameters<typeof request>[0];
    let stop: () => Promise<void>;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      const backend = await startApprovalsTestBackend({ knex, platform });
      server = backend.server;
      stop = () => backend.stop();
    });
    afterEach(() => stop());

    const create = (body: object, user = 'guest') =>
      request(server)
        .post('/api/platform/resources')
        .set('Authorization', signedInAs(user))
        .send(body);
    const get = (id: string): Promise<PlatformResource> =>
      request(server)
        .get(`/api/platform/resources/${id}`)
        .set('Authorization', signedInAs('guest'))
        .expect(200)
        .then(r => r.body);
    const post = (
      id: string,
      verb: string,
      body: object = {},
      user = 'guest',
    ) =>
      request(server)
        .post(`/api/platform/resources/${id}/${verb}`)
        .set('Authorization', signedInAs(user))
        .send(body);
    /** What the engine does in production, which is off here. */
    const move = (
      id: string,
      from: PlatformResource['state'],
      to: PlatformResource['state'],
      error?: string,
    ) =>
      new ResourceStore(knex).transition({
        id,
        from: [from],
        to,
        type: 'test',
        actor: 'test',
        message: `Moved to ${to}`,
        changes: error ? { error } : undefined,
      });
    const ready = async (body: object) => {
      const created = await create(body).expect(202);
      return move(created.body.id, 'pending', 'ready');
    };

    it('create: the platform, not the body, decides state, creator, outputs and id', async () => {
      const created = await create({
        offering: 'web-application',
        name: 'shop',
        team: 'team-alpha',
        environment: 'development',
        ...{ state: 'ready', outputs: foreignFields.outputs },
        ...{ createdBy: 'user:default/priya', id: 'chosen', error: 'planted' },
      }).expect(202);
      expect(created.body).toMatchObject({
        state: 'pending',
        outputs: {},
        createdBy: 'user:default/guest',
        createdVia: 'api',
        dependsOn: [],
      });
      expect(created.body.id).not.toBe('chosen');
      expect(created.body.error).toBeUndefined();
    });

    it('PATCH: changes the configuration, and moves to updating; nothing else in the body counts', async () => {
      const before = await ready(database('orders', 'development', 'small'));
      const patched = await request(server)
        .patch(`/api/platform/resources/${before.id}`)
        .set('Authorization', signedInAs('guest'))
        .send({
          ...foreignFields,
          config: { ...before.config, size: 'medium' },
        })
        .expect(202);

      const after = await get(before.id);
      expect(patched.body).toEqual(after);
      expect(changed(before, after)).toEqual(['config', 'state', 'updatedAt']);
      expect(after).toMatchObject({
        state: 'updating',
        config: { size: 'medium' },
      });

      // Without a configuration, there is nothing a PATCH may change.
      await request(server)
        .patch(`/api/platform/resources/${before.id}`)
        .set('Authorization', signedInAs('guest'))
        .send({ expiresAt: inDays(25), state: 'ready' })
        .expect(400);
      expect(changed(after, await get(before.id))).toEqual([]);
    });

    it('retry: only a failed resource, back to work with its error cleared', async () => {
      const healthy = await ready(database('healthy', 'development', 'small'));
      await post(healthy.id, 'retry').expect(409);
      expect(changed(healthy, await get(healthy.id))).toEqual([]);

      const created = await create(
        database('broken', 'development', 'small'),
      ).expect(202);
      const failed = await move(created.body.id, 'pending', 'failed', 'boom');
      await post(failed.id, 'retry', foreignFields).expect(202);
      const after = await get(failed.id);
      expect(changed(failed, after)).toEqual(['error', 'state', 'updatedAt']);
      expect(after.state).toBe('pending');
    });

    it('extend: only the expiry, only later, and never onto a resource that never expires', async () => {
      const expiring = await ready(
        database('expiring', 'development', 'small'),
      );
      const forever = await ready(database('forever', 'production', 'small'));
      expect(forever.expiresAt).toBeNull();

      for (const [resource, expiresAt] of [
        [expiring, new Date(Date.now() + 60_000).toISOString()],
        [expiring, expiring.expiresAt!],
        [forever, inDays(1)],
      ] as const) {
        const refused = await post(resource.id, 'extend', { expiresAt }).expect(
          400,
        );
        expect(refused.body.errors).toEqual([
          { field: 'expiresAt', message: expect.any(String) },
        ]);
        expect(changed(resource, await get(resource.id))).toEqual([]);
      }
      await post(expiring.id, 'extend', foreignFields).expect(400);

      await post(expiring.id, 'extend', { expiresAt: inDays(20) }).expect(200);
      expect(changed(expiring, await get(expiring.id))).toEqual([
        'expiresAt',
        'updatedAt',
      ]);
    });

    it('delete: a live resource to deleting, nothing else', async () => {
      const before = await ready(database('doomed', 'development', 'small'));
      await request(server)
        .delete(`/api/platform/resources/${before.id}`)
        .set('Authorization', signedInAs('guest'))
        .send(foreignFields)
        .expect(202);
      const after = await get(before.id);
      expect(changed(before, after)).toEqual(['state', 'updatedAt']);
      expect(after.state).toBe('deleting');
    });

    it('approve and reject: the approval, and the state it leads to', async () => {
      const waiting = (
        await create(database('approved', 'production', 'large')).expect(202)
      ).body as PlatformResource;
      expect(waiting.state).toBe('awaiting-approval');
      const approval = await post(waiting.id, 'approve', {}, 'priya').expect(
        200,
      );
      expect(approval.body).toMatchObject({ state: 'approved', awaiting: [] });
      const approved = await get(waiting.id);
      expect(changed(waiting, approved)).toEqual(['state', 'updatedAt']);
      expect(approved.state).toBe('pending');
      // Nothing waits any more: no second decision.
      await post(waiting.id, 'reject', {}, 'sam').expect(409);
      expect(changed(approved, await get(waiting.id))).toEqual([]);

      const refused = (
        await create(database('refused', 'production', 'large')).expect(202)
      ).body as PlatformResource;
      await post(refused.id, 'reject', { comment: 'Too big' }, 'priya').expect(
        200,
      );
      const rejected = await get(refused.id);
      expect(changed(refused, rejected)).toEqual([
        'error',
        'state',
        'updatedAt',
      ]);
      expect(rejected.state).toBe('rejected');
    });

    it('approve: a change that waited takes effect only then', async () => {
      const before = await ready(database('growing', 'production', 'medium'));
      const config = { ...before.config, size: 'large' };
      await request(server)
        .patch(`/api/platform/resources/${before.id}`)
        .set('Authorization', signedInAs('guest'))
        .send({ config })
        .expect(202);
      const waiting = await get(before.id);
      expect(changed(before, waiting)).toEqual(['state', 'updatedAt']);
      expect(waiting.state).toBe('awaiting-approval');

      await post(before.id, 'approve', {}, 'priya').expect(200);
      const approved = await get(before.id);
      expect(changed(waiting, approved)).toEqual([
        'config',
        'state',
        'updatedAt',
      ]);
      expect(approved).toMatchObject({ state: 'updating', config });
    });
  });
});
