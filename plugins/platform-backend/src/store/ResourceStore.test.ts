import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyDatabaseMigrations } from '../database/migrations';
import { QuotaConfig } from '../quota/QuotaConfig';
import { QuotaExceededError } from '../quota/QuotaExceededError';
import { QuotaLedger } from '../quota/QuotaLedger';
import { WorkQueue } from '../provisioning/WorkQueue';
import { NewResource, ResourceStore, TransitionOptions } from './ResourceStore';

jest.setTimeout(120_000);

const request = (name: string, team = 'team-alpha'): NewResource => ({
  offering: 'postgresql-database',
  name,
  team,
  environment: 'development',
  config: { size: 'small' },
  dependsOn: [],
  createdBy: 'user:default/guest',
  createdVia: 'api',
});

describe('ResourceStore', () => {
  const databases = createTestDatabases();

  // The database of the latest store, for the engine's side of a test.
  let knex: Knex;
  let quota: QuotaLedger;

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    knex = await databases.init(databaseId);
    await applyDatabaseMigrations(mockServices.database({ knex }));
    quota = new QuotaLedger(
      knex,
      new QuotaConfig({ 'postgresql-database': 5 }, {}),
    );
    return new ResourceStore(knex, { quota });
  }

  /** A change of a ready resource's configuration, as a request makes it. */
  async function changeOf(
    store: ResourceStore,
    id: string,
    changes: TransitionOptions['changes'],
  ) {
    await knex('platform_resources').where({ id }).update({ state: 'ready' });
    await store.transition({
      id,
      from: ['ready'],
      to: 'updating',
      type: 'update-requested',
      actor: 'user:default/guest',
      message: 'Change',
      changes,
    });
  }

  it.each(databases.eachSupportedId())(
    'accepts exactly the quota out of 50 concurrent creates, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          store.create(request(`db-${i}`), {}),
        ),
      );
      const accepted = results.filter(r => r.status === 'fulfilled');
      const refused = results.filter(r => r.status === 'rejected');
      expect(accepted).toHaveLength(5);
      expect(refused).toHaveLength(45);
      for (const r of refused) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(
          QuotaExceededError,
        );
      }
      expect((await quota.used('team-alpha')).get('postgresql-database')).toBe(
        5,
      );
      expect((await store.list({ team: 'team-alpha' })).items).toHaveLength(5);
    },
  );

  it.each(databases.eachSupportedId())(
    'records every field of a new resource with its first entry, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const created = await store.create(
        {
          ...request('orders'),
          config: { size: 'large', note: 'a "quoted" ü' },
          component: 'component:default/storefront',
          system: 'system:default/shop',
          selfService: true,
          expiresAt: '2027-01-01T00:00:00.000Z',
        },
        {},
      );
      expect(await store.get(created.id)).toEqual(created);
      expect(created).toMatchObject({
        name: 'orders',
        state: 'pending',
        config: { size: 'large', note: 'a "quoted" ü' },
        component: 'component:default/storefront',
        expiresAt: '2027-01-01T00:00:00.000Z',
      });
      const row = await knex('platform_resources')
        .where({ id: created.id })
        .first();
      expect(Boolean(row.self_service)).toBe(true);
      expect(Number(row.generation)).toBe(1);
      expect(row.live_key).not.toBeNull();
      expect(await store.events.list(created.id)).toEqual([
        expect.objectContaining({
          type: 'requested',
          state: 'pending',
          actor: 'user:default/guest',
          message: 'Requested through the api',
        }),
      ]);
      expect((await quota.used('team-alpha')).get('postgresql-database')).toBe(
        1,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'writes nothing for a request beyond the quota, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      quota = new QuotaLedger(knex, new QuotaConfig({ 'api-gateway': 0 }, {}));
      const limited = new ResourceStore(knex, { quota });
      await expect(
        limited.create({ ...request('gw'), offering: 'api-gateway' }, {}),
      ).rejects.toBeInstanceOf(QuotaExceededError);
      expect((await store.list({})).items).toEqual([]);
      expect(await knex('platform_resource_events')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the priced usage equal to the live resources as they come, change and go, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      // What prices apply to, counted from the resources themselves.
      const truth = async () =>
        (
          (await knex('platform_resources')
            .select('team', 'offering', 'config')
            .count({ count: '*' })
            .whereNotNull('live_key')
            .groupBy('team', 'offering', 'config')) as Array<
            Record<string, unknown>
          >
        )
          .map(row => ({
            team: row.team,
            offering: row.offering,
            config: JSON.parse(String(row.config)),
            count: Number(row.count),
          }))
          .sort((a, b) =>
            JSON.stringify(a.config).localeCompare(JSON.stringify(b.config)),
          );
      const priced = async () =>
        (await store.listPriced('team-alpha')).sort((a, b) =>
          JSON.stringify(a.config).localeCompare(JSON.stringify(b.config)),
        );

      const small = await store.create(request('a'), {});
      await store.create(request('b'), {});
      await store.create(
        { ...request('c'), config: { size: 'large' }, dependsOn: [small.id] },
        {},
      );
      const waiting = await store.create(request('d'), {
        state: 'awaiting-approval',
        within: async () => {},
      });
      expect(await priced()).toEqual(await truth());
      expect(await priced()).toEqual([
        expect.objectContaining({ config: { size: 'large' }, count: 1 }),
        expect.objectContaining({ config: { size: 'small' }, count: 3 }),
      ]);

      // A new configuration moves the resource to its group.
      await changeOf(store, small.id, { config: { size: 'large' } });
      // A rejection and a deletion end resources.
      await knex.transaction(tx =>
        store.rejectWithin(tx, {
          id: waiting.id,
          actor: 'user:default/priya',
          type: 'rejected',
          reason: 'No',
        }),
      );
      await knex('platform_resources')
        .where({ id: small.id })
        .update({ state: 'deleting' });
      const [claim] = await new WorkQueue(knex, { leaseMs: 1000 }).claim(1);
      await new WorkQueue(knex, { leaseMs: 1000 }).finishDeletion(
        claim,
        'Deleted',
      );

      expect(await priced()).toEqual(await truth());
      expect(await priced()).toEqual([
        expect.objectContaining({ config: { size: 'large' }, count: 1 }),
        expect.objectContaining({ config: { size: 'small' }, count: 1 }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps names unique among live resources only, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const first = await store.create(request('orders'), {});
      await expect(store.create(request('orders'), {})).rejects.toThrow(
        "A live resource named 'orders' already exists for team-alpha in development",
      );
      // The refused request did not use up quota.
      expect((await quota.used('team-alpha')).get('postgresql-database')).toBe(
        1,
      );

      await store.transition({
        id: first.id,
        from: ['pending'],
        to: 'deleting',
        type: 'delete-requested',
        actor: 'user:default/guest',
        message: 'Deletion requested',
      });
      // The engine finishes the deletion.
      const queue = new WorkQueue(knex, { leaseMs: 1000 });
      const [claim] = await queue.claim(1);
      expect(claim.id).toBe(first.id);
      await queue.finishDeletion(claim, 'Deleted');
      const second = await store.create(request('orders'), {});
      expect(second.id).not.toBe(first.id);

      // The tombstone keeps its history and is listed only when asked for.
      expect((await store.list({})).items.map(r => r.id)).toEqual([second.id]);
      expect(
        (await store.list({ state: 'deleted' })).items.map(r => r.id),
      ).toEqual([first.id]);
      expect((await store.events.list(first.id)).map(e => e.state)).toEqual([
        'pending',
        'deleting',
        'deleted',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages through a list newest first, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const created = [];
      for (let i = 0; i < 5; i++) {
        created.push(await store.create(request(`db-${i}`), {}));
      }
      await store.create(request('other', 'team-beta'), {});

      const first = await store.list({ team: 'team-alpha', limit: 2 });
      const second = await store.list({
        team: 'team-alpha',
        limit: 2,
        cursor: first.nextCursor,
      });
      const third = await store.list({
        team: 'team-alpha',
        limit: 2,
        cursor: second.nextCursor,
      });
      expect(
        [...first.items, ...second.items, ...third.items].map(r => r.name),
      ).toEqual(['db-4', 'db-3', 'db-2', 'db-1', 'db-0']);
      expect(third.nextCursor).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a transition from the wrong state, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const resource = await store.create(request('orders'), {});
      await expect(
        store.transition({
          id: resource.id,
          from: ['ready'],
          to: 'updating',
          type: 'update-requested',
          actor: 'user:default/guest',
          message: 'Change',
        }),
      ).rejects.toThrow(
        "Resource 'orders' is pending; this needs it to be ready",
      );
      await expect(store.get('nope')).rejects.toThrow("No resource 'nope'");
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the live resources that depend on one, as their references change, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const web = await store.create(request('web'), {});
      const other = await store.create(request('other'), {});
      const gateway = await store.create(
        { ...request('gateway'), dependsOn: [web.id, web.id] },
        {},
      );
      const names = async (id: string) =>
        (await store.findDependents(id)).map(r => r.name);

      expect(await names(web.id)).toEqual(['gateway']);
      expect(await names(other.id)).toEqual([]);

      // A change of configuration that names another upstream moves the dependency.
      await changeOf(store, gateway.id, {
        config: { upstream: 'other' },
        dependsOn: [other.id],
      });
      expect(await names(web.id)).toEqual([]);
      expect(await names(other.id)).toEqual(['gateway']);
      expect((await store.get(gateway.id)).dependsOn).toEqual([other.id]);

      // A deleted resource depends on nothing any more.
      await knex('platform_resources')
        .where({ id: gateway.id })
        .update({ live_key: null, state: 'deleted' });
      expect(await names(other.id)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the resources of given ids in whatever state, deleted ones included, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const kept = await store.create(request('kept'), {});
      const gone = await store.create(request('gone'), {});
      await store.create(request('other'), {});
      await knex('platform_resources')
        .where({ id: gone.id })
        .update({ state: 'deleted', live_key: null, deleted_at: 'now' });

      const page = await store.list({ ids: [kept.id, gone.id] });
      expect(page.items.map(r => [r.name, r.state])).toEqual([
        ['gone', 'deleted'],
        ['kept', 'pending'],
      ]);
      // The permission's scope still applies.
      expect(
        (
          await store.list({
            ids: [kept.id],
            scope: {
              type: 'filter',
              filter: { property: 'team', values: ['team-beta'] },
            },
          })
        ).items,
      ).toEqual([]);
    },
  );
});
