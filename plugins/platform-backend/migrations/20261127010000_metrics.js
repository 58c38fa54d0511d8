// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('platform_resources', table => {
    // Whether a member of the owning team asked for the resource, rather
    // than the platform team (or a service) on the team's behalf.
    table.boolean('self_service').nullable();
    // Seconds from the request to the first time the resource was ready.
    table.float('provision_seconds').nullable();
    table.string('ready_at', 32).nullable();
    table.index(['created_at'], 'platform_resources_created_idx');
  });

  await knex.schema.createTable('platform_health_checks', table => {
    table.comment('What each reconcile found, for the availability figure');
    table.bigIncrements('id').primary();
    table.string('resource_id', 36).notNullable();
    table.string('checked_at', 32).notNullable();
    table.boolean('healthy').notNullable();
    table.index(['checked_at'], 'platform_health_checks_time_idx');
  });

  await knex.schema.createTable('platform_survey_answers', table => {
    table.comment('Answers to "How likely are you to recommend the platform?"');
    table.bigIncrements('id').primary();
    table.string('user_ref', 255).notNullable();
    table.integer('score').notNullable();
    table.text('comment').nullable();
    table.string('created_at', 32).notNullable();
    table.index(['user_ref', 'created_at'], 'platform_survey_user_idx');
    table.index(['created_at'], 'platform_survey_time_idx');
  });

  await knex.schema.createTable('platform_support_tickets', table => {
    table.comment('Problems reported on resources');
    table.string('id', 36).primary();
    table.string('resource_id', 36).notNullable();
    table.string('team', 255).notNullable();
    table.string('category', 32).notNullable();
    table.text('description').notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('status', 16).notNullable();
    table.index(['team', 'created_at'], 'platform_support_tickets_team_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_support_tickets');
  await knex.schema.dropTable('platform_survey_answers');
  await knex.schema.dropTable('platform_health_checks');
  await knex.schema.alterTable('platform_resources', table => {
    table.dropIndex(['created_at'], 'platform_resources_created_idx');
    table.dropColumn('self_service');
    table.dropColumn('provision_seconds');
    table.dropColumn('ready_at');
  });
};
