import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
} from './migrations';

const migrationsDirectory = () =>
  resolvePackagePath('@idp-kit/plugin-platform-backend', 'migrations');

jest.setTimeout(60_000);

/** Rolls migrations back, newest first, until `name` is undone. */
async function backTo(knex: Knex, name: string) {
  const directory = migrationsDirectory();
  for (;;) {
    const [completed] = await knex.migrate.list({ directory });
    if (!completed.some((m: { name: string }) => m.name === name)) {
      return;
    }
    await knex.migrate.down({ directory });
  }
}

const resource = (
  id: string,
  fields: { dependsOn?: string[]; config?: string; live?: boolean } = {},
) => ({
  id,
  offering: 'api-gateway',
  name: id,
  team: 'team-alpha',
  environment: 'development',
  state: fields.live === false ? 'deleted' : 'ready',
  config: fields.config ?? '{}',
  outputs: '{}',
  depends_on: JSON.stringify(fields.dependsOn ?? []),
  created_by: 'user:default/guest',
  created_via: 'api',
  created_at: '2026-12-01T00:00:00.000Z',
  updated_at: '2026-12-01T00:00:00.000Z',
  generation: 1,
  live_key: fields.live === false ? null : `team-alpha/development/${id}`,
});

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'create and drop every table, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });

      await applyDatabaseMigrations(database);
      for (const table of [
        'platform_resources',
        'platform_resource_events',
        'platform_quota_usage',
        'platform_resource_dependencies',
        'platform_priced_usage',
      ]) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(true);
      }

      await rollbackDatabaseMigrations(knex);
      await expect(knex.schema.hasTable('platform_resources')).resolves.toBe(
        false,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'fills the dependency table from the resources recorded before it, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(mockServices.database({ knex }));
      // Back to the schema before the dependency table.
      await backTo(knex, '20261202020000_resource_dependencies.js');
      const web = '00000000-0000-7000-8000-000000000001';
      const gateway = '00000000-0000-7000-8000-000000000002';
      await knex('platform_resources').insert([
        resource(web),
        resource(gateway, { dependsOn: [web] }),
      ]);

      await applyDatabaseMigrations(mockServices.database({ knex }));

      expect(
        await knex('platform_resource_dependencies').select(
          'resource_id',
          'depends_on_id',
        ),
      ).toEqual([{ resource_id: gateway, depends_on_id: web }]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts the live resources recorded before the priced usage, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(mockServices.database({ knex }));
      await backTo(knex, '20261202030000_priced_usage.js');
      const id = (n: number) => `00000000-0000-7000-8000-00000000000${n}`;
      await knex('platform_resources').insert([
        resource(id(1), { config: '{"plan":"small"}' }),
        resource(id(2), { config: '{"plan":"small"}' }),
        resource(id(3), { config: '{"plan":"large"}' }),
        resource(id(4), { config: '{"plan":"large"}', live: false }),
      ]);

      await applyDatabaseMigrations(mockServices.database({ knex }));

      const rows = await knex('platform_priced_usage')
        .select('team', 'offering', 'config', 'count')
        .orderBy('config');
      expect(rows.map(r => ({ ...r, count: Number(r.count) }))).toEqual([
        {
          team: 'team-alpha',
          offering: 'api-gateway',
          config: '{"plan":"large"}',
          count: 1,
        },
        {
          team: 'team-alpha',
          offering: 'api-gateway',
          config: '{"plan":"small"}',
          count: 2,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'brings teams and refs stored in another case to one form, merging usage and saying so in the log, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(mockServices.database({ knex }));
      await backTo(knex, '20261207000000_canonical_refs.js');
      const id = (n: number) => `00000000-0000-7000-8000-00000000000${n}`;
      const spelled = (n: number, team: string, name: string) => ({
        ...resource(id(n)),
        name,
        team,
        created_by: 'user:default/Bea',
        component: 'component:default/Shop',
        live_key: `${team}/development/${name}`,
      });
      await knex('platform_resources').insert([
        spelled(1, 'team-beta', 'db1'),
        spelled(2, 'Team-Beta', 'db2'),
        spelled(3, 'TEAM-BETA', 'db1'),
      ]);
      await knex('platform_quota_usage').insert([
        { team: 'team-beta', offering: 'api-gateway', used: 1 },
        { team: 'Team-Beta', offering: 'api-gateway', used: 1 },
        { team: 'TEAM-BETA', offering: 'api-gateway', used: 1 },
      ]);
      await knex('platform_priced_usage').insert([
        {
          team: 'Team-Beta',
          offering: 'api-gateway',
          config_key: 'k',
          config: '{}',
          count: 2,
        },
        {
          team: 'team-beta',
          offering: 'api-gateway',
          config_key: 'k',
          config: '{}',
          count: 1,
        },
      ]);
      await knex('platform_resource_events').insert({
        resource_id: id(2),
        time: '2026-12-01T00:00:00.000Z',
        type: 'requested',
        state: 'pending',
        actor: 'user:default/Bea',
        message: 'Requested',
      });
      const logged: string[] = [];
      const logger = mockServices.logger.mock({
        info: message => {
          logged.push(String(message));
        },
      });

      await applyDatabaseMigrations(mockServices.database({ knex }), logger);

      const usage = await knex('platform_quota_usage').select('team', 'used');
      expect(usage.map(u => ({ ...u, used: Number(u.used) }))).toEqual([
        { team: 'team-beta', used: 3 },
      ]);
      const priced = await knex('platform_priced_usage').select(
        'team',
        'count',
      );
      expect(priced.map(p => ({ ...p, count: Number(p.count) }))).toEqual([
        { team: 'team-beta', count: 3 },
      ]);
      const rows = await knex('platform_resources')
        .select('id', 'team', 'created_by', 'component', 'live_key')
        .orderBy('id');
      expect(rows).toEqual([
        {
          id: id(1),
          team: 'team-beta',
          created_by: 'user:default/bea',
          component: 'component:default/shop',
          live_key: 'team-beta/development/db1',
        },
        {
          id: id(2),
          team: 'team-beta',
          created_by: 'user:default/bea',
          component: 'component:default/shop',
          live_key: 'team-beta/development/db2',
        },
        {
          // Its name was taken in the canonical team: nothing is lost.
          id: id(3),
          team: 'team-beta',
          created_by: 'user:default/bea',
          component: 'component:default/shop',
          live_key: `team-beta/development/db1#${id(3)}`,
        },
      ]);
      expect(await knex('platform_resource_events').select('actor')).toEqual([
        { actor: 'user:default/bea' },
      ]);
      expect(logged).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /platform_quota_usage: 1 of Team-Beta .* counted for team-beta/,
          ),
          expect.stringMatching(
            /team-beta already has a live 'db1' in development/,
          ),
        ]),
      );

      // Logged once, not at every start.
      logged.length = 0;
      await applyDatabaseMigrations(mockServices.database({ knex }), logger);
      expect(logged).toEqual([]);
    },
  );
});
