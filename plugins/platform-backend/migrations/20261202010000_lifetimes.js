// @ts-check

/**
 * Resources that expire: when, which notices their owners have had, and
 * why an expired resource is still here.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('platform_resources', table => {
    table.string('expires_at', 32).nullable();
    // The notices sent before expiry, as milliseconds ahead: a JSON list.
    table.text('expiry_notices').nullable();
    table.text('expiry_blocked').nullable();
    table.index(['expires_at'], 'platform_resources_expiry_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('platform_resources', table => {
    table.dropIndex(['expires_at'], 'platform_resources_expiry_idx');
    table.dropColumn('expiry_blocked');
    table.dropColumn('expiry_notices');
    table.dropColumn('expires_at');
  });
};
