import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

/**
 * On the default SQLite database, switches a plugin's file to write-ahead
 * logging: the rollback journal syncs the disk several times per commit,
 * and the catalog commits for every resource entity the platform adds.
 * The mode is kept in the file; PostgreSQL is left as it is.
 */
export function sqliteWriteAheadLogModule(pluginId: string) {
  return createBackendModule({
    pluginId,
    moduleId: 'sqlite-write-ahead-log',
    register(env) {
      env.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          const client = await database.getClient();
          if (String(client.client.config.client).includes('sqlite')) {
            await client.raw('PRAGMA journal_mode = WAL');
          }
        },
      });
    },
  });
}
