import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';
import { applyDatabaseMigrations } from '../database/migrations';
import { InvalidRequestError } from '../errors/RequestErrors';
import { newDevelopmentResource } from '../__testUtils__/resources';
import { ResourceStore } from '../store/ResourceStore';
import { LifetimeStore } from './LifetimeStore';

jest.setTimeout(120_000);

const DAY = 86_400_000;

describe('LifetimeStore.extend', () => {
  const databases = createTestDatabases();

  async function stores(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(mockServices.database({ knex }));
    const resources = new ResourceStore(knex);
    return { knex, resources, lifetimes: new LifetimeStore(knex, resources) };
  }

  /**
   * Until `count` statements wait for a lock on PostgreSQL. SQLite has one
   * connection: statements queue for it in the order they were sent.
   */
  async function untilWaiting(knex: Knex, count: number) {
    if (!isPostgres(knex)) {
      return;
    }
    for (;;) {
      const { rows } = await knex.raw(
        "select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
      );
      if (rows[0].waiting >= count) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  const now = Date.now();
  const inDays = (days: number) => new Date(now + days * DAY).toISOString();
  const webApp = (name: string, expiresAt: string | null) =>
    newDevelopmentResource({ offering: 'web-application', name, expiresAt });
  const extendTo = (expiresAt: string) => ({
    expiresAt,
    actor: 'user:default/guest',
    message: `Extended to ${expiresAt}`,
  });

  it.each(databases.eachSupportedId())(
    'lets the shorter of two racing extends lose, on %s',
    async databaseId => {
      const { knex, resources, lifetimes } = await stores(databaseId);
      const { id } = await resources.create(webApp('racing', inDays(7)), {});

      // Both extends start while the row is held, the longer first; each
      // must judge the expiry the other left, not the one it started from.
      const hold = await knex.transaction();
      const held = hold('platform_resources').where({ id });
      await (isPostgres(knex) ? held.forUpdate() : held).first();
      const longer = lifetimes.extend({ id, ...extendTo(inDays(30)) });
      await untilWaiting(knex, 1);
      const shorter = lifetimes.extend({ id, ...extendTo(inDays(12)) });
      await untilWaiting(knex, 2);
      await hold.commit();

      await expect(longer).resolves.toMatchObject({ expiresAt: inDays(30) });
      await expect(shorter).rejects.toBeInstanceOf(InvalidRequestError);
      expect((await resources.get(id)).expiresAt).toBe(inDays(30));
    },
  );

  it.each(databases.eachSupportedId())(
    'never moves an expiry earlier, never adds one, and leaves a resource being deleted alone, on %s',
    async databaseId => {
      const { resources, lifetimes } = await stores(databaseId);
      const expiring = await resources.create(
        webApp('expiring', inDays(7)),
        {},
      );
      const forever = await resources.create(webApp('forever', null), {});
      const deleting = await resources.create(webApp('going', inDays(7)), {});
      await resources.transition({
        id: deleting.id,
        from: ['pending'],
        to: 'deleting',
        type: 'delete-requested',
        actor: 'user:default/guest',
        message: 'Deletion requested',
      });

      await expect(
        lifetimes.extend({ id: expiring.id, ...extendTo(inDays(1)) }),
      ).rejects.toMatchObject({
        errors: [
          {
            field: 'expiresAt',
            message: `must be later than the current expiry ${inDays(
              7,
            )}; to end the resource sooner, delete it`,
          },
        ],
      });
      await expect(
        lifetimes.extend({ id: expiring.id, ...extendTo(inDays(7)) }),
      ).rejects.toBeInstanceOf(InvalidRequestError);
      await expect(
        lifetimes.extend({ id: forever.id, ...extendTo(inDays(1)) }),
      ).rejects.toMatchObject({
        errors: [
          {
            field: 'expiresAt',
            message: expect.stringMatching(/never expires/),
          },
        ],
      });
      await expect(
        lifetimes.extend({ id: deleting.id, ...extendTo(inDays(20)) }),
      ).rejects.toThrow(/not being deleted/);

      expect((await resources.get(expiring.id)).expiresAt).toBe(inDays(7));
      expect((await resources.get(forever.id)).expiresAt).toBeNull();
      expect((await resources.get(deleting.id)).expiresAt).toBe(inDays(7));
    },
  );
});
