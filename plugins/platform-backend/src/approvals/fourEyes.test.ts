import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  productionDatabaseReview,
  startApprovalsTestBackend,
} from '../__testUtils__/approvals';
import { signedInAs } from '../__testUtils__/signedIn';

jest.setTimeout(120_000);

const PLATFORM_TEAM = 'group:default/platform-team';

/** A production database: the platform team approves it. */
const database = (name: string) => ({
  offering: 'postgresql-database',
  name,
  team: 'team-alpha',
  environment: 'production',
  config: { high_availability: true },
});

describe('four eyes compare the person behind a request', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let server: any;
    let actions: ReturnType<typeof actionsRegistryServiceMock>;
    let stop: () => Promise<void>;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      actions = actionsRegistryServiceMock();
      const backend = await startApprovalsTestBackend({
        knex,
        platform: { approvals: { rules: [productionDatabaseReview] } },
        membership: {
          'user:default/priya': [PLATFORM_TEAM],
          'user:default/sam': [PLATFORM_TEAM],
        },
        features: [
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => actions,
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    });

    afterEach(() => stop());

    const decide = (id: string, authorization: string) =>
      request(server)
        .post(`/api/platform/resources/${id}/approve`)
        .set('Authorization', authorization)
        .send({});
    const approvalOf = async (id: string) =>
      (
        await request(server)
          .get(`/api/platform/resources/${id}/approvals`)
          .set('Authorization', signedInAs('sam'))
          .expect(200)
      ).body.items[0];

    it('records the user behind a template and refuses them their own approval', async () => {
      // The scaffolder calls with the initiator's credentials: a user
      // principal whose actor is the scaffolder.
      const created = await request(server)
        .post('/api/platform/resources')
        .set(
          'Authorization',
          `Bearer ${mockCredentials.user.token('user:default/priya', {
            actor: { subject: 'plugin:scaffolder' },
          })}`,
        )
        .set('x-platform-channel', 'scaffolder')
        .send(database('templated'))
        .expect(202);
      expect(await approvalOf(created.body.id)).toMatchObject({
        requestedBy: 'user:default/priya',
        requestedVia: 'scaffolder',
      });
      const own = await decide(created.body.id, signedInAs('priya')).expect(
        403,
      );
      expect(own.body.error.message).toContain('made this request');
      await decide(created.body.id, signedInAs('sam')).expect(200);
    });

    it('records the user behind an AI assistant and refuses them their own approval', async () => {
      const { output } = await actions.invoke({
        id: 'test:create-resource',
        input: database('assisted'),
        credentials: mockCredentials.user('user:default/priya', {
          actor: { subject: 'plugin:mcp-actions' },
        }),
      });
      const id = (output as { resource: { id: string } }).resource.id;
      expect(await approvalOf(id)).toMatchObject({
        requestedBy: 'user:default/priya',
        requestedVia: 'mcp',
      });
      await decide(id, signedInAs('priya')).expect(403);
      await decide(id, signedInAs('sam')).expect(200);
    });

    it('says who may decide what a service asked for with nobody behind it', async () => {
      const created = await request(server)
        .post('/api/platform/resources')
        .set('Authorization', mockCredentials.service.header())
        .send(database('automated'))
        .expect(202);
      expect(await approvalOf(created.body.id)).toMatchObject({
        requestedBy: 'service:external:test-service',
      });
      const events = (
        await request(server)
          .get(`/api/platform/resources/${created.body.id}/events`)
          .set('Authorization', signedInAs('sam'))
          .expect(200)
      ).body.items;
      expect(
        events.find((e: { type: string }) => e.type === 'approval-requested'),
      ).toMatchObject({
        message: `Waiting for approval by ${PLATFORM_TEAM}: Production databases are reviewed. service:external:test-service is a service that acts for no person: any member of ${PLATFORM_TEAM} may decide`,
      });
      await decide(created.body.id, signedInAs('priya')).expect(200);
    });

    it('folds case on both sides, for requests recorded in any case', async () => {
      const created = await request(server)
        .post('/api/platform/resources')
        .set('Authorization', signedInAs('guest'))
        .send(database('shouting'))
        .expect(202);
      // As a request recorded before refs were canonical might read.
      const [row] = await knex('platform_approvals').where({
        resource_id: created.body.id,
      });
      await knex('platform_approvals')
        .where({ id: row.id })
        .update({ requested_by: 'user:default/Priya' });
      const pendingFor = async (user: string) =>
        (
          await request(server)
            .get('/api/platform/approvals?state=pending')
            .set('Authorization', signedInAs(user))
            .expect(200)
        ).body.items.map((a: { resourceId: string }) => a.resourceId);
      expect(await pendingFor('priya')).toEqual([]);
      expect(await pendingFor('sam')).toEqual([created.body.id]);

      await knex('platform_approval_groups')
        .where({ approval_id: row.id })
        .update({ group_ref: 'group:default/Platform-Team' });
      const own = await decide(created.body.id, signedInAs('priya')).expect(
        403,
      );
      expect(own.body.error.message).toContain('made this request');
      await decide(created.body.id, signedInAs('sam')).expect(200);
    });
  });
});
