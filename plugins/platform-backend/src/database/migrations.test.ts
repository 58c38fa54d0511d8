import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
} from './migrations';

const migrationsDirectory = () =>
  resolvePackagePath('@idp-kit/plugin-platform-backend', 'migrations');

jest.setTimeout(60_000);

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
      await knex.migrate.down({ directory: migrationsDirectory() });
      const resource = (id: string, dependsOn: string[]) => ({
        id,
        offering: 'api-gateway',
        name: id,
        team: 'team-alpha',
        environment: 'development',
        state: 'ready',
        config: '{}',
        outputs: '{}',
        depends_on: JSON.stringify(dependsOn),
        created_by: 'user:default/guest',
        created_via: 'api',
        created_at: '2026-12-01T00:00:00.000Z',
        updated_at: '2026-12-01T00:00:00.000Z',
        generation: 1,
      });
      const web = '00000000-0000-7000-8000-000000000001';
      const gateway = '00000000-0000-7000-8000-000000000002';
      await knex('platform_resources').insert([
        resource(web, []),
        resource(gateway, [web]),
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
});
