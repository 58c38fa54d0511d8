import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
} from './migrations';

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
      ]) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(true);
      }

      await rollbackDatabaseMigrations(knex);
      await expect(knex.schema.hasTable('platform_resources')).resolves.toBe(
        false,
      );
    },
  );
});
