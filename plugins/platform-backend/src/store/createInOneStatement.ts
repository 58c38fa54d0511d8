import { Knex } from 'knex';
import { TABLES } from '../database/tables';
import { insertForEachOf } from './insertForEachOf';

/**
 * Records a new resource, its first timeline entry, its quota claim and its
 * place in the priced usage as one PostgreSQL statement: one round trip
 * instead of five, and the team's row of usage is locked for that statement
 * only, not for a transaction that waits on the network. The resource and
 * the entry are written only if the claim took a place; a taken name fails
 * the whole statement.
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
  const result = await db.raw(
    `with claimed as (?), created as (?), recorded as (?), counted as (?)
    select count(*) as created from created`,
    [
      options.claim,
      insertForEachOf(db, {
        table: TABLES.resources,
        row: options.resource,
        relation: 'claimed',
        returning: 'id',
      }),
      insertForEachOf(db, {
        table: TABLES.events,
        row: options.event,
        relation: 'created',
        relationId: 'resource_id',
      }),
      options.counted,
    ],
  );
  return Number(result.rows[0].created) === 1;
}
