// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('platform_resources', table => {
    // Connection secrets, encrypted by the engine (AES-256-GCM).
    table.text('secrets').nullable();
    // What the last reconcile saw: health and fields that drifted.
    table.text('health').nullable();
    table.text('drift').nullable();
    table.string('reconciled_at', 32).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('platform_resources', table => {
    table.dropColumn('secrets');
    table.dropColumn('health');
    table.dropColumn('drift');
    table.dropColumn('reconciled_at');
  });
};
