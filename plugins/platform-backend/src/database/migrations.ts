import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { tuneSqlite } from './tuneSqlite';

const NOTES = 'platform_migration_notes';

const migrationsDir = resolvePackagePath(
  '@idp-kit/plugin-platform-backend',
  'migrations',
);

/**
 * Brings the plugin's tables up to date, unless the operator skips
 * migrations, and logs what data migrations changed.
 */
export async function applyDatabaseMigrations(
  database: DatabaseService,
  logger?: LoggerService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  await tuneSqlite(client);
  if (logger) {
    await logMigrationNotes(client, logger);
  }
  return client;
}

/** Writes the notes data migrations left to the log, once. */
async function logMigrationNotes(client: Knex, logger: LoggerService) {
  if (!(await client.schema.hasTable(NOTES))) {
    return;
  }
  const notes = await client(NOTES).whereNull('logged_at').orderBy('id');
  for (const { migration, note } of notes) {
    logger.info(`Migration ${migration}: ${note}`);
  }
  if (notes.length > 0) {
    await client(NOTES)
      .whereIn(
        'id',
        notes.map(n => n.id),
      )
      .update({ logged_at: new Date().toISOString() });
  }
}

/** Rolls every migration back; used by tests to prove `down` works. */
export async function rollbackDatabaseMigrations(client: Knex): Promise<void> {
  await client.migrate.rollback({ directory: migrationsDir }, true);
}
