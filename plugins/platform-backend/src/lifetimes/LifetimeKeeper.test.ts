import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyDatabaseMigrations } from '../database/migrations';
import { NewResource, ResourceStore } from '../store/ResourceStore';
import { LifetimeKeeper } from './LifetimeKeeper';
import { LifetimeStore } from './LifetimeStore';

jest.setTimeout(120_000);

const HOUR = 3_600_000;

const webApp = (
  name: string,
  expiresAt: string | null,
  dependsOn: string[] = [],
): NewResource => ({
  offering: 'web-application',
  name,
  team: 'team-alpha',
  environment: 'development',
  config: {},
  dependsOn,
  createdBy: 'user:default/guest',
  createdVia: 'api',
  expiresAt,
});

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('LifetimeKeeper', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    lifetimesOf: (knex: Knex, resources: ResourceStore) => LifetimeStore = (
      knex,
      resources,
    ) => new LifetimeStore(knex, resources),
  ) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(mockServices.database({ knex }));
    const resources = new ResourceStore(knex);
    const lifetimes = lifetimesOf(knex, resources);
    const keeper = new LifetimeKeeper({
      store: lifetimes,
      resources,
      noticesMs: [],
      logger: mockServices.logger.mock(),
    });
    return { knex, resources, lifetimes, keeper };
  }

  it.each(databases.eachSupportedId())(
    'leaves a resource extended after it was found due, on %s',
    async databaseId => {
      const later = new Date(Date.now() + 24 * HOUR).toISOString();
      let extendedId = '';
      // An extend that commits between the listing and the expiry.
      class ExtendedAfterListing extends LifetimeStore {
        async listDue(before: string, limit: number) {
          const due = await super.listDue(before, limit);
          await this.extend({
            id: extendedId,
            expiresAt: later,
            actor: 'user:default/guest',
            message: 'Extended',
          });
          return due;
        }
      }
      const { resources, keeper } = await setup(
        databaseId,
        (knex, store) => new ExtendedAfterListing(knex, store),
      );
      extendedId = (await resources.create(webApp('saved', ago(1000)), {})).id;

      await keeper.run(new Date());

      const saved = await resources.get(extendedId);
      expect(saved.state).toBe('pending');
      expect(saved.expiresAt).toBe(later);
      const types = (
        await resources.events.page(extendedId, { limit: 10 })
      ).items.map(e => e.type);
      expect(types).toEqual(['requested', 'extended']);
    },
  );

  it.each(databases.eachSupportedId())(
    'expires others while 205 expired resources are held by a dependent, and those once it is gone, on %s',
    async databaseId => {
      const { knex, resources, lifetimes, keeper } = await setup(databaseId);
      const held: string[] = [];
      for (let i = 0; i < 205; i++) {
        // All of them due before the one that is free to go.
        const expiresAt = ago(2 * HOUR - i * 1000);
        held.push(
          (await resources.create(webApp(`held-${i}`, expiresAt), {})).id,
        );
      }
      const consumer = await resources.create(
        webApp('consumer', null, held),
        {},
      );
      const now = new Date().toISOString();
      for (const id of held) {
        await lifetimes.markBlocked(id, 'Held by consumer', now);
      }
      const free = await resources.create(webApp('free', ago(HOUR)), {});

      await keeper.run(new Date());

      expect((await resources.get(free.id)).state).toBe('deleting');
      const stateOf = async () =>
        (await resources.list({ ids: held, limit: 500 })).items.map(
          r => r.state,
        );
      expect(new Set(await stateOf())).toEqual(new Set(['pending']));

      // As the engine finishes a deletion: the dependent is no longer live.
      await knex('platform_resources')
        .where({ id: consumer.id })
        .update({ state: 'deleted', live_key: null });
      for (let run = 0; run < 10; run++) {
        await keeper.run(new Date());
      }
      expect(new Set(await stateOf())).toEqual(new Set(['deleting']));
    },
  );
});
