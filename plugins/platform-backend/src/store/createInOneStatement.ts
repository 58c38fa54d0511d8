import { Knex } from 'knex';
import { TABLES } from '../database/tables';

/**
 * Records a new resource, its first timeline entry, its quota claim and its
 * place in the priced usage as one PostgreSQL statement: one round trip instead of five, and the team's
 * row of usage is locked for that statement only, not for a transaction
 * that waits on the network. The resource and the entry are written only if
 * the claim took a place; a taken name fails the whole statement.
 *
 * Rows are passed as JSON and typed by PostgreSQL from the tables' own row
 * types, so each column gets its type without a cast written here.
 *
 * Resolves with whether the claim took a place (and so all was written).
 */
export async function createInOneStatement(
  db: Knex,
  options: {
    claim: Knex.QueryBuilder;
    resource: Record<string, unknown>;
    event: Record<string, unknown>;
    /** A statement run for each row of `created`. */
    counted: Knex.Raw;
  },
): Promise<boolean> {
  const resourceColumns = Object.keys(options.resource);
  const eventColumns = Object.keys(options.event).filter(
    column => column !== 'resource_id',
  );
  const names = (columns: string[]) => columns.map(() => '??').join(', ');
  const result = await db.raw(
    `with claimed as (?),
      created as (
        insert into ?? (${names(resourceColumns)})
        select ${names(resourceColumns)}
        from json_populate_record(null::??, ?::json), claimed
        returning id
      ),
      recorded as (
        insert into ?? (resource_id, ${names(eventColumns)})
        select created.id, ${names(eventColumns)}
        from json_populate_record(null::??, ?::json), created
      ),
      counted as (?)
    select count(*) as created from created`,
    [
      options.claim,
      TABLES.resources,
      ...resourceColumns,
      ...resourceColumns,
      TABLES.resources,
      JSON.stringify(options.resource),
      TABLES.events,
      ...eventColumns,
      ...eventColumns,
      TABLES.events,
      JSON.stringify(options.event),
      options.counted,
    ],
  );
  return Number(result.rows[0].created) === 1;
}
