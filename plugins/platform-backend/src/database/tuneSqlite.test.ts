import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tuneSqlite } from './tuneSqlite';

describe('tuneSqlite', () => {
  it('switches a SQLite file to write-ahead logging with normal syncs', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tune-test-'));
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(directory, 'platform.sqlite') },
      useNullAsDefault: true,
    });
    try {
      await tuneSqlite(db);
      const [journal] = await db.raw('PRAGMA journal_mode');
      const [synchronous] = await db.raw('PRAGMA synchronous');
      expect(journal).toEqual({ journal_mode: 'wal' });
      // 1 is NORMAL; the default, FULL, is 2.
      expect(synchronous).toEqual({ synchronous: 1 });
    } finally {
      await db.destroy();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
