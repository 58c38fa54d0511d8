import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { databasePerPlugin } from './databases';
import {
  PlatformTestBackendOptions,
  startPlatformTestBackend,
} from './platformTestBackend';
import { signedInAs } from './signedIn';
import { teamGroup } from './teams';

/** A user of the test organisation, as the catalog stores it. */
export const userEntity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});

/** A team with its members as relations, so notifications reach them. */
export const teamWithMembers = (team: string, members: string[]): Entity => ({
  ...teamGroup(team),
  relations: members.map(name => ({
    type: 'hasMember',
    targetRef: `user:default/${name}`,
  })),
});

/**
 * The platform plugin beside the notifications backend, each plugin with a
 * database of its own, so a test can read what users were told.
 */
export async function startNotifyingTestBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: Omit<PlatformTestBackendOptions, 'knex'> = {},
) {
  return startPlatformTestBackend({
    ...options,
    features: [
      notificationsPlugin,
      databasePerPlugin(databases, databaseId),
      ...(options.features ?? []),
    ],
  });
}

export type ReceivedNotification = {
  user: string;
  payload: { title: string; description?: string; link?: string };
};

/** A user's notifications, from the notifications backend. */
export async function notificationsOf(
  server: Parameters<typeof request>[0],
  name: string,
): Promise<ReceivedNotification[]> {
  const res = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', signedInAs(name))
    .expect(200);
  return res.body.notifications;
}

/** Notifications are sent after the request is answered: waits for them. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
