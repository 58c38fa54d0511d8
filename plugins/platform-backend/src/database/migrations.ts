import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { tuneSqlite } from './tuneSqlite';

const migrationsDir = resolvePackagePath(
  '@idp-kit/plugin-platform-backend',
  'migrations',
);

/** Brings the plugin's tables up to date, unless the operator skips migrations. */
export async function applyDatabaseMigrations(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  await tuneSqlite(client);
  return client;
}

/** Rolls every migration back; used by tests to prove `down` works. */
export async function rollbackDatabaseMigrations(client: Knex): Promise<void> {
  await client.migrate.rollback({ directory: migrationsDir }, true);
}
