// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_resources', table => {
    table.comment('Resources that teams requested from offerings');
    table.string('id', 36).primary().notNullable();
    table.string('offering', 255).notNullable();
    table.string('name', 63).notNullable();
    table.string('team', 255).notNullable();
    table.string('environment', 63).notNullable();
    table.string('state', 32).notNullable();
    table.text('config').notNullable();
    table.text('outputs').notNullable();
    table.text('depends_on').notNullable();
    table.string('component', 255).nullable();
    table.string('system', 255).nullable();
    table.text('error').nullable();
    table.string('created_by', 255).notNullable();
    table.string('created_via', 32).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.string('deleted_at', 32).nullable();
    // Set while the resource is live and cleared when it is deleted, so that a
    // unique index enforces "one live resource per team, environment and name"
    // while tombstones keep their names.
    table.string('live_key', 400).nullable().unique();
    // Bumped on every change of the desired configuration.
    table.integer('generation').notNullable().defaultTo(1);
    // Work claims of the provisioning engine.
    table.string('lease_ticket', 36).nullable();
    table.string('lease_expires_at', 32).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('next_attempt_at', 32).nullable();
    table.index(
      ['team', 'environment', 'id'],
      'platform_resources_team_env_idx',
    );
    table.index(['offering', 'id'], 'platform_resources_offering_idx');
    table.index(['state', 'next_attempt_at'], 'platform_resources_work_idx');
    table.index(['deleted_at', 'id'], 'platform_resources_live_idx');
  });

  await knex.schema.createTable('platform_resource_events', table => {
    table.comment('The timeline of every resource');
    table.bigIncrements('id').primary();
    table
      .string('resource_id', 36)
      .notNullable()
      .references('id')
      .inTable('platform_resources')
      .onDelete('CASCADE');
    table.string('time', 32).notNullable();
    table.string('type', 64).notNullable();
    table.string('state', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.text('message').notNullable();
    table.integer('attempt').nullable();
    table.index(['resource_id', 'id'], 'platform_resource_events_resource_idx');
  });

  // Live resources per team and offering; quota checks update a row here
  // conditionally, which makes count-and-insert one atomic step.
  await knex.schema.createTable('platform_quota_usage', table => {
    table.comment('Live resources per team and offering');
    table.string('team', 255).notNullable();
    table.string('offering', 255).notNullable();
    table.integer('used').notNullable().defaultTo(0);
    table.primary(['team', 'offering']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_quota_usage');
  await knex.schema.dropTable('platform_resource_events');
  await knex.schema.dropTable('platform_resources');
};
