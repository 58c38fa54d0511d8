// @ts-check

/**
 * Which resources each resource depends on, one row per pair, so the
 * resources that use one are found by an index rather than by matching
 * JSON text. Filled from the resources' recorded lists.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_resource_dependencies', table => {
    table
      .string('resource_id', 36)
      .notNullable()
      .references('id')
      .inTable('platform_resources')
      .onDelete('CASCADE');
    table.string('depends_on_id', 36).notNullable();
    table.primary(['resource_id', 'depends_on_id']);
    table.index(['depends_on_id'], 'platform_resource_dependencies_target_idx');
  });
  const resources = await knex('platform_resources')
    .select('id', 'depends_on')
    .whereNot('depends_on', '[]');
  const rows = resources.flatMap(resource =>
    [...new Set(JSON.parse(resource.depends_on))].map(target => ({
      resource_id: resource.id,
      depends_on_id: target,
    })),
  );
  for (let i = 0; i < rows.length; i += 500) {
    await knex('platform_resource_dependencies').insert(rows.slice(i, i + 500));
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_resource_dependencies');
};
