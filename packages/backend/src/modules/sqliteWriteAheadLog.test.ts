import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sqliteWriteAheadLogModule } from './sqliteWriteAheadLogModule';

// Stands in for the catalog: a plugin that uses its database, after its
// modules have started, and notes the journal mode it finds.
let journalMode: string | undefined;
const catalogStandIn = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({
      deps: { database: coreServices.database },
      async init({ database }) {
        const client = await database.getClient();
        await client.schema.createTable('things', table => {
          table.string('id').primary();
        });
        const [row] = await client.raw('PRAGMA journal_mode');
        journalMode = row.journal_mode;
      },
    });
  },
});

describe('sqliteWriteAheadLogModule', () => {
  it("switches the plugin's SQLite file to write-ahead logging", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-test-'));
    try {
      const backend = await startTestBackend({
        features: [
          mockServices.rootConfig.factory({
            data: {
              backend: {
                database: {
                  client: 'better-sqlite3',
                  connection: { directory },
                },
              },
            },
          }),
          databaseServiceFactory,
          catalogStandIn,
          sqliteWriteAheadLogModule('catalog'),
        ],
      });
      await backend.stop();

      expect(journalMode).toBe('wal');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
