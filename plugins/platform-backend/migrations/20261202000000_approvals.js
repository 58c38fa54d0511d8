// @ts-check

/**
 * Requests that wait for approval, and the groups that must approve each.
 * One row per approving group lets "what may this person decide" be an
 * indexed join on the groups a user belongs to.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_approvals', table => {
    table.comment('Creates and changes of resources that wait for approval');
    table.string('id', 36).primary().notNullable();
    table
      .string('resource_id', 36)
      .notNullable()
      .references('id')
      .inTable('platform_resources')
      .onDelete('CASCADE');
    table.string('action', 16).notNullable();
    table.string('state', 16).notNullable();
    table.text('requirements').notNullable();
    table.text('decisions').notNullable();
    // What the resource becomes once approved.
    table.text('config').notNullable();
    table.text('depends_on').notNullable();
    // Where a rejected change leaves the resource.
    table.string('previous_state', 32).nullable();
    table.string('requested_by', 255).notNullable();
    table.string('requested_via', 32).notNullable();
    table.string('requested_at', 32).notNullable();
    table.string('expires_at', 32).notNullable();
    table.string('decided_at', 32).nullable();
    // Bumped by every decision: two decisions on one version, one wins.
    table.integer('version').notNullable().defaultTo(1);
    table.index(['resource_id', 'id'], 'platform_approvals_resource_idx');
    table.index(['state', 'expires_at'], 'platform_approvals_state_idx');
  });
  await knex.schema.createTable('platform_approval_groups', table => {
    table.comment('The groups that must approve a request, and who did');
    table
      .string('approval_id', 36)
      .notNullable()
      .references('id')
      .inTable('platform_approvals')
      .onDelete('CASCADE');
    table.string('group_ref', 255).notNullable();
    table.string('approved_by', 255).nullable();
    table.string('approved_at', 32).nullable();
    table.primary(['approval_id', 'group_ref']);
    table.index(['group_ref', 'approval_id'], 'platform_approval_groups_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_approval_groups');
  await knex.schema.dropTable('platform_approvals');
};
