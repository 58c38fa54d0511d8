// @ts-check

/**
 * The retention sweep deletes timeline events and support tickets by age;
 * without these indexes each sweep would read both tables whole. (Health
 * checks and survey answers have theirs since 20261127010000_metrics.)
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('platform_resource_events', table => {
    table.index(['time'], 'platform_resource_events_time_idx');
  });
  await knex.schema.alterTable('platform_support_tickets', table => {
    table.index(['created_at'], 'platform_support_tickets_time_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('platform_support_tickets', table => {
    table.dropIndex(['created_at'], 'platform_support_tickets_time_idx');
  });
  await knex.schema.alterTable('platform_resource_events', table => {
    table.dropIndex(['time'], 'platform_resource_events_time_idx');
  });
};
