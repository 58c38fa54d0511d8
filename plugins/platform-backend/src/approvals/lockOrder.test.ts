import { Knex } from 'knex';
import request from 'supertest';
import {
  productionDatabaseReview,
  startApprovalsTestBackend,
} from '../__testUtils__/approvals';
import { createTestDatabases } from '../__testUtils__/databases';
import { signedInAs } from '../__testUtils__/signedIn';

jest.setTimeout(300_000);

const ROUNDS = 50;

describe('approving while deleting', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'never deadlocks nor answers 500, and leaves consistent states, on %s',
    async databaseId => {
      const knex: Knex = await databases.init(databaseId);
      const backend = await startApprovalsTestBackend({
        knex,
        platform: {
          quotas: { defaults: { 'postgresql-database': ROUNDS } },
          approvals: { rules: [productionDatabaseReview] },
        },
      });
      const server = backend.server;
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const created = await request(server)
            .post('/api/platform/resources')
            .set('Authorization', signedInAs('guest'))
            .send({
              offering: 'postgresql-database',
              name: `raced-${round}`,
              team: 'team-alpha',
              environment: 'production',
              config: { high_availability: true },
            })
            .expect(202);
          const id = created.body.id;
          const [approved, deleted] = await Promise.all([
            request(server)
              .post(`/api/platform/resources/${id}/approve`)
              .set('Authorization', signedInAs('priya'))
              .send({}),
            request(server)
              .delete(`/api/platform/resources/${id}`)
              .set('Authorization', signedInAs('guest')),
          ]);
          const resource = await knex('platform_resources')
            .where({ id })
            .first();
          const approvals = await knex('platform_approvals').where({
            resource_id: id,
          });
          const events = (
            await knex('platform_resource_events')
              .where({ resource_id: id })
              .orderBy('id')
          ).map(e => e.type);
          const outcome = {
            approve: approved.status,
            approveError: approved.body?.error?.name,
            delete: deleted.status,
            state: resource.state,
            approvals: approvals.map(a => a.state),
            events,
          };
          // Either order is fine; a 500 (a deadlock) or a mix of both is not.
          expect([
            {
              // Approved first, then deleted: the approval stands.
              approve: 200,
              approveError: undefined,
              delete: 202,
              state: 'deleting',
              approvals: ['approved'],
              events: [
                'requested',
                'approval-requested',
                'approved',
                'delete-requested',
              ],
            },
            {
              // Deleted first: the request was withdrawn, nobody approved it.
              approve: 409,
              approveError: 'ConflictError',
              delete: 202,
              state: 'deleting',
              approvals: ['withdrawn'],
              events: ['requested', 'approval-requested', 'delete-requested'],
            },
          ]).toContainEqual(outcome);
        }

        // Every resource is still live (deleting), each holding one place.
        const usage = await knex('platform_quota_usage').where({
          team: 'team-alpha',
          offering: 'postgresql-database',
        });
        const live = await knex('platform_resources')
          .whereNotNull('live_key')
          .count({ count: '*' })
          .first();
        expect(Number(live?.count)).toBe(ROUNDS);
        expect(usage.map(u => Number(u.used))).toEqual([ROUNDS]);
      } finally {
        await backend.stop();
      }
    },
  );
});
