import { Knex } from 'knex';

/**
 * SQLite's default rollback journal syncs the file several times per
 * commit, and every commit of a resource's life (create, claim, each
 * transition) waits for that on the event loop. Write-ahead logging syncs
 * once per commit; with `synchronous = NORMAL` a commit survives a crash of
 * the process, though not a power cut of the machine.
 */
export async function tuneSqlite(client: Knex): Promise<void> {
  if (!String(client.client.config.client).includes('sqlite')) {
    return;
  }
  await client.raw('PRAGMA journal_mode = WAL');
  await client.raw('PRAGMA synchronous = NORMAL');
}
