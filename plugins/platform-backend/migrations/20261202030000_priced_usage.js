// @ts-check
const { createHash } = require('node:crypto');

/**
 * Live resources counted by team, offering and configuration: what prices
 * apply to. Kept as resources come, change and go, so a team's spend is
 * read from a few rows rather than by grouping all of its resources on
 * every request. Filled from the live resources.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_priced_usage', table => {
    table.comment('Live resources per team, offering and configuration');
    table.string('team', 255).notNullable();
    table.string('offering', 255).notNullable();
    table
      .string('config_key', 64)
      .notNullable()
      .comment('SHA-256 of the configuration as stored');
    table.text('config').notNullable();
    table.integer('count').notNullable();
    table.primary(['team', 'offering', 'config_key']);
  });
  /** @type {Array<Record<string, unknown>>} */
  const groups = await knex('platform_resources')
    .select('team', 'offering', 'config')
    .count({ count: '*' })
    .whereNotNull('live_key')
    .groupBy('team', 'offering', 'config');
  const rows = groups.map(group => ({
    team: group.team,
    offering: group.offering,
    config_key: createHash('sha256').update(String(group.config)).digest('hex'),
    config: group.config,
    count: Number(group.count),
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await knex('platform_priced_usage').insert(rows.slice(i, i + 500));
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_priced_usage');
};
