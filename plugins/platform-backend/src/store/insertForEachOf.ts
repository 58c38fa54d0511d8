import { Knex } from 'knex';

/**
 * An insert of `row` into `table` once for each row of `relation` (an
 * earlier part of the same PostgreSQL statement), for writes sent together
 * as one statement. The row goes in as JSON, typed by PostgreSQL from the
 * table's own row type, so no column needs a cast written beside it.
 * `relationId` names the column that takes the relation's `id`.
 */
export function insertForEachOf(
  db: Knex,
  options: {
    table: string;
    row: Record<string, unknown>;
    relation: string;
    relationId?: string;
    returning?: string;
  },
): Knex.Raw {
  const { table, row, relation, relationId, returning } = options;
  const columns = Object.keys(row).filter(column => column !== relationId);
  const names = columns.map(() => '??').join(', ');
  return db.raw(
    `insert into ?? (${relationId ? '??, ' : ''}${names})
    select ${relationId ? '??.id, ' : ''}${names}
    from json_populate_record(null::??, ?::json), ??
    ${returning ? 'returning ??' : ''}`,
    [
      table,
      ...(relationId ? [relationId] : []),
      ...columns,
      ...(relationId ? [relation] : []),
      ...columns,
      table,
      JSON.stringify(row),
      relation,
      ...(returning ? [returning] : []),
    ],
  );
}
