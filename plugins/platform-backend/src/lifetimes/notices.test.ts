import { SchedulerService } from '@backstage/backend-plugin-api';
import { captureScheduler } from '../__testUtils__/captureScheduler';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  eventually,
  notificationsOf,
  startNotifyingTestBackend,
  teamWithMembers,
  userEntity,
} from '../__testUtils__/notifications';
import { signedInAs } from '../__testUtils__/signedIn';

jest.setTimeout(120_000);

const HOUR = 3_600_000;

describe('notices of expiry, through the notifications backend', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'tells the owning team before and on expiry, each notice once, on %s',
    async databaseId => {
      let scheduler: SchedulerService | undefined;
      const backend = await startNotifyingTestBackend(databases, databaseId, {
        entities: [
          teamWithMembers('team-alpha', ['guest', 'alex']),
          userEntity('guest'),
          userEntity('alex'),
        ],
        platform: {
          lifetimes: {
            environments: { development: { default: 'P7D', max: 'P30D' } },
          },
        },
        features: [
          captureScheduler(s => {
            scheduler = s;
          }),
        ],
      });
      const { server } = backend;
      try {
        const created = await request(server)
          .post('/api/platform/resources')
          .set('Authorization', signedInAs('guest'))
          .send({
            offering: 'web-application',
            name: 'soon-gone',
            team: 'team-alpha',
            environment: 'development',
            expiresAt: new Date(Date.now() + 30 * HOUR).toISOString(),
          })
          .expect(202);
        const id = created.body.id;

        // Within the 2-day notice: both members are told, once however often the task runs.
        await scheduler!.triggerTask('platform-lifetimes');
        await scheduler!.triggerTask('platform-lifetimes');
        for (const member of ['guest', 'alex']) {
          const received = await eventually(
            () => notificationsOf(server, member),
            items => items.length > 0,
          );
          expect(received.map(n => n.payload.title)).toEqual([
            "Expires in 1 day: web-application 'soon-gone' of team-alpha in development",
          ]);
          expect(received[0].payload.link).toBe(`/platform/resources/${id}`);
        }

        // Past its expiry: deleted, and the team is told. (Extending cannot
        // bring an expiry this close, so a second resource is asked for it.)
        await request(server)
          .post('/api/platform/resources')
          .set('Authorization', signedInAs('guest'))
          .send({
            offering: 'web-application',
            name: 'short-lived',
            team: 'team-alpha',
            environment: 'development',
            expiresAt: new Date(Date.now() + 1000).toISOString(),
          })
          .expect(202);
        await new Promise(resolve => setTimeout(resolve, 1100));
        await scheduler!.triggerTask('platform-lifetimes');
        const told = await eventually(
          () => notificationsOf(server, 'alex'),
          items =>
            items.some(n =>
              n.payload.title.startsWith('Expired and being deleted'),
            ),
        );
        expect(told.map(n => n.payload.title)).toContain(
          "Expired and being deleted: web-application 'short-lived' of team-alpha in development",
        );
      } finally {
        await backend.stop();
      }
    },
  );
});
