import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * The databases store tests run on: SQLite always, PostgreSQL when a server
 * is configured. In CI a missing PostgreSQL is an error, never a silent skip.
 */
export function testDatabaseIds(): TestDatabaseId[] {
  if (process.env[POSTGRES_ENV]) {
    return ['SQLITE_3', 'POSTGRES_15'];
  }
  if (process.env.CI) {
    throw new Error(
      `${POSTGRES_ENV} is not set; CI must run the database tests on PostgreSQL too`,
    );
  }
  // eslint-disable-next-line no-console
  console.warn(
    `Skipping the PostgreSQL cases: set ${POSTGRES_ENV} (for example postgresql://postgres@127.0.0.1:5432) to run them`,
  );
  return ['SQLITE_3'];
}

export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: testDatabaseIds() });
}

/**
 * A fresh database of the given kind for every plugin of a test backend,
 * as a real backend gives each plugin its own.
 */
export function databasePerPlugin(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  return createServiceFactory({
    service: coreServices.database,
    deps: {},
    async factory() {
      const knex = await databases.init(databaseId);
      return { getClient: async () => knex };
    },
  });
}
