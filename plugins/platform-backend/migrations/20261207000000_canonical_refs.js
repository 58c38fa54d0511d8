// @ts-check

const MIGRATION = '20261207000000_canonical_refs';

/** @param {string} value */
const lower = value => value.toLocaleLowerCase('en-US');

/** Columns whose values are refs, and whether only some of them are (`user:`, `group:`). */
/** @type {Array<[string, string, boolean]>} */
const REF_COLUMNS = [
  ['platform_resource_events', 'actor', true],
  ['platform_support_tickets', 'team', false],
  ['platform_support_tickets', 'created_by', true],
  ['platform_survey_answers', 'user_ref', true],
  ['platform_approvals', 'requested_by', true],
  ['platform_approval_groups', 'approved_by', true],
];

/** @param {unknown} value */
const isEntityRef = value =>
  typeof value === 'string' && /^(user|group):/i.test(value);

/**
 * Teams and entity refs in one form: lower case, as the catalog compares
 * them. Rows stored in another case (`Team-Beta`, `user:default/Bea`) are
 * brought to it; usage counted apart for two spellings of one team is
 * merged. What changed is kept in `platform_migration_notes`, which the
 * plugin writes to its log when it starts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_migration_notes', table => {
    table.comment('What data migrations changed, for the log');
    table.bigIncrements('id').primary();
    table.string('migration', 255).notNullable();
    table.text('note').notNullable();
    table.string('logged_at', 32).nullable();
  });

  /** @type {string[]} */
  const notes = [];
  await knex.transaction(async tx => {
    notes.push(...(await mergeCounts(tx, 'platform_quota_usage', 'used')));
    notes.push(...(await mergeCounts(tx, 'platform_priced_usage', 'count')));
    notes.push(...(await canonicalResources(tx)));
    for (const [table, column, refsOnly] of REF_COLUMNS) {
      notes.push(...(await lowerColumn(tx, table, column, refsOnly)));
    }
    notes.push(...(await canonicalApproverGroups(tx)));
    notes.push(...(await canonicalRequirements(tx)));
    if (notes.length > 0) {
      await tx('platform_migration_notes').insert(
        notes.map(note => ({ migration: MIGRATION, note })),
      );
    }
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // The case the rows had is not kept; the lower-case rows stay valid.
  await knex.schema.dropTable('platform_migration_notes');
};

/**
 * Rows of a usage table keyed by team: each row of a team spelled otherwise
 * is added to the row of the canonical team and removed.
 *
 * @param {import('knex').Knex.Transaction} tx
 * @param {string} table
 * @param {string} countColumn
 */
async function mergeCounts(tx, table, countColumn) {
  const rows = (await tx(table).select('*')).filter(
    row => row.team !== lower(row.team),
  );
  const notes = [];
  for (const row of rows) {
    const team = lower(row.team);
    const count = row[countColumn];
    // The row's key besides the team; a configuration's text is no key.
    const key = Object.fromEntries(
      Object.entries(row).filter(
        ([column]) => !['team', countColumn, 'config'].includes(column),
      ),
    );
    const existing = await tx(table)
      .where({ ...key, team })
      .first();
    if (existing) {
      await tx(table)
        .where({ ...key, team })
        .update({
          [countColumn]: Number(existing[countColumn]) + Number(count),
        });
    } else {
      await tx(table).insert({ ...row, team });
    }
    await tx(table)
      .where({ ...key, team: row.team })
      .delete();
    notes.push(
      `${table}: ${count} of ${row.team} (${Object.values(key).join(
        ', ',
      )}) counted for ${team}`,
    );
  }
  return notes;
}

/**
 * Resources whose team, component, system or requester is spelled in
 * another case. A live resource whose canonical name is already taken in
 * its team and environment keeps its own key, and the note says which.
 *
 * @param {import('knex').Knex.Transaction} tx
 */
async function canonicalResources(tx) {
  const rows = await tx('platform_resources').select(
    'id',
    'team',
    'environment',
    'name',
    'component',
    'system',
    'created_by',
    'live_key',
  );
  const notes = [];
  for (const row of rows) {
    /** @type {Record<string, string>} */
    const changes = {};
    for (const column of ['team', 'component', 'system']) {
      if (row[column] && row[column] !== lower(row[column])) {
        changes[column] = lower(row[column]);
      }
    }
    if (
      isEntityRef(row.created_by) &&
      row.created_by !== lower(row.created_by)
    ) {
      changes.created_by = lower(row.created_by);
    }
    if (Object.keys(changes).length === 0) {
      continue;
    }
    let collision = '';
    if (changes.team && row.live_key) {
      const key = `${changes.team}/${row.environment}/${row.name}`;
      const taken = await tx('platform_resources')
        .where({ live_key: key })
        .first('id');
      changes.live_key = taken ? `${key}#${row.id}` : key;
      if (taken) {
        collision = `; ${changes.team} already has a live '${row.name}' in ${row.environment} (${taken.id}): rename or delete one`;
      }
    }
    await tx('platform_resources').where({ id: row.id }).update(changes);
    notes.push(
      `platform_resources ${row.id}: ${Object.keys(changes)
        .filter(column => column !== 'live_key')
        .map(column => `${column} ${row[column]} -> ${changes[column]}`)
        .join(', ')}${collision}`,
    );
  }
  return notes;
}

/**
 * Lowers each distinct value of a column that is not canonical.
 *
 * @param {import('knex').Knex.Transaction} tx
 * @param {string} table
 * @param {string} column
 * @param {boolean} refsOnly
 */
async function lowerColumn(tx, table, column, refsOnly) {
  const values = (await tx(table).distinct(column))
    .map(row => row[column])
    .filter(
      value =>
        typeof value === 'string' &&
        value !== lower(value) &&
        (!refsOnly || isEntityRef(value)),
    );
  const notes = [];
  for (const value of values) {
    const changed = await tx(table)
      .where({ [column]: value })
      .update({ [column]: lower(value) });
    notes.push(
      `${table}.${column}: ${value} -> ${lower(value)} (${changed} rows)`,
    );
  }
  return notes;
}

/**
 * The approving groups of each request. Two spellings of one group on one
 * request become one row, which keeps the approval if either had it.
 *
 * @param {import('knex').Knex.Transaction} tx
 */
async function canonicalApproverGroups(tx) {
  const rows = (await tx('platform_approval_groups').select('*')).filter(
    row => row.group_ref !== lower(row.group_ref),
  );
  const notes = [];
  for (const row of rows) {
    const group = lower(row.group_ref);
    const existing = await tx('platform_approval_groups')
      .where({ approval_id: row.approval_id, group_ref: group })
      .first();
    if (existing) {
      if (!existing.approved_by && row.approved_by) {
        await tx('platform_approval_groups')
          .where({ approval_id: row.approval_id, group_ref: group })
          .update({
            approved_by: row.approved_by,
            approved_at: row.approved_at,
          });
      }
      await tx('platform_approval_groups')
        .where({ approval_id: row.approval_id, group_ref: row.group_ref })
        .delete();
    } else {
      await tx('platform_approval_groups')
        .where({ approval_id: row.approval_id, group_ref: row.group_ref })
        .update({ group_ref: group });
    }
    notes.push(
      `platform_approval_groups ${row.approval_id}: ${row.group_ref} -> ${group}`,
    );
  }
  return notes;
}

/**
 * The approving group each requirement of a request names, as recorded.
 *
 * @param {import('knex').Knex.Transaction} tx
 */
async function canonicalRequirements(tx) {
  const rows = await tx('platform_approvals').select('id', 'requirements');
  const notes = [];
  for (const row of rows) {
    /** @type {Array<{ approvers?: unknown }>} */
    const requirements = JSON.parse(row.requirements);
    const canonical = requirements.map(r =>
      typeof r.approvers === 'string'
        ? { ...r, approvers: lower(r.approvers) }
        : r,
    );
    const text = JSON.stringify(canonical);
    if (text !== JSON.stringify(requirements)) {
      await tx('platform_approvals')
        .where({ id: row.id })
        .update({ requirements: text });
      notes.push(
        `platform_approvals ${row.id}: approving groups in lower case`,
      );
    }
  }
  return notes;
}
