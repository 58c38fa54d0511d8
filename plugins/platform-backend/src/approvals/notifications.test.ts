import request from 'supertest';
import { largeProductionDatabaseReview } from '../__testUtils__/approvals';
import { createTestDatabases } from '../__testUtils__/databases';
import { userInfoFromMembership } from '../__testUtils__/membership';
import {
  eventually,
  notificationsOf,
  startNotifyingTestBackend,
  teamWithMembers,
  userEntity,
} from '../__testUtils__/notifications';
import { signedInAs } from '../__testUtils__/signedIn';
import { teamGroup } from '../__testUtils__/teams';

jest.setTimeout(120_000);

/** The platform team as the catalog stores it, with its members as relations. */
const platformTeam = teamWithMembers('platform-team', ['priya', 'sam']);

describe('notifications of approvals, through the notifications backend', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'tells the approving group of a request and the requester of the decision, on %s',
    async databaseId => {
      const backend = await startNotifyingTestBackend(databases, databaseId, {
        entities: [
          teamGroup('team-alpha'),
          platformTeam,
          userEntity('guest'),
          userEntity('priya'),
          userEntity('sam'),
        ],
        platform: {
          approvals: { rules: [largeProductionDatabaseReview] },
        },
        features: [userInfoFromMembership()],
      });
      const server = backend.server;
      try {
        const created = await request(server)
          .post('/api/platform/resources')
          .set('Authorization', signedInAs('guest'))
          .send({
            offering: 'postgresql-database',
            name: 'orders-db',
            team: 'team-alpha',
            environment: 'production',
            config: {
              size: 'large',
              high_availability: true,
              backup_retention_days: 7,
            },
          })
          .expect(202);

        for (const approver of ['priya', 'sam']) {
          const received = await eventually(
            () => notificationsOf(server, approver),
            items => items.length > 0,
          );
          expect(received).toEqual([
            expect.objectContaining({
              user: `user:default/${approver}`,
              payload: expect.objectContaining({
                title:
                  "Approval needed: postgresql-database 'orders-db' of team-alpha in production",
                link: '/platform/approvals',
              }),
            }),
          ]);
        }

        await request(server)
          .post(`/api/platform/resources/${created.body.id}/approve`)
          .set('Authorization', signedInAs('sam'))
          .send({ comment: 'Go ahead' })
          .expect(200);
        const told = await eventually(
          () => notificationsOf(server, 'guest'),
          items => items.length > 0,
        );
        expect(told).toEqual([
          expect.objectContaining({
            payload: expect.objectContaining({
              title:
                "Your request was approved by user:default/sam: postgresql-database 'orders-db' of team-alpha in production",
              link: `/platform/resources/${created.body.id}`,
            }),
          }),
        ]);
      } finally {
        await backend.stop();
      }
    },
  );
});
