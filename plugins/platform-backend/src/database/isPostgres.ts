import { Knex } from 'knex';

/**
 * Whether the database is PostgreSQL, where each statement is a round trip
 * over a socket: there, writes that belong together are sent as one
 * statement. SQLite runs in the process, where a round trip costs nothing.
 */
export function isPostgres(db: Knex): boolean {
  return String(db.client.config.client) === 'pg';
}
