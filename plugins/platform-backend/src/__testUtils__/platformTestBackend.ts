import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { signedInAs } from './signedIn';
import { teamGroup, testTeamsConfig } from './teams';

/** The guest of the tests: a user whose token every test request carries. */
export const guestAuthorization = signedInAs('guest');

export type PlatformTestBackendOptions = {
  knex?: Knex;
  entities?: Entity[];
  platform?: JsonObject;
  features?: Parameters<typeof startTestBackend>[0]['features'];
};

/**
 * The platform plugin in a test backend, as the API tests need it: the
 * test organisation's teams in the catalog, the engine off (it has tests of
 * its own), no credentials unless a request brings them. `platform` config
 * is merged over those defaults; `features` replace or add services.
 */
export async function startPlatformTestBackend(
  options: PlatformTestBackendOptions = {},
) {
  return startTestBackend({
    features: [
      platformPlugin,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({
        entities: options.entities ?? [teamGroup('team-alpha')],
      }),
      mockServices.rootConfig.factory({
        data: {
          // Other plugins in a test backend (notifications) link to the app.
          app: { baseUrl: 'http://localhost:3000' },
          platform: {
            teams: testTeamsConfig,
            provisioning: { enabled: false },
            ...options.platform,
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
}

/** Creates team-alpha's web application `storefront` and answers its id. */
export async function createStorefront(
  server: Parameters<typeof request>[0],
): Promise<string> {
  const created = await request(server)
    .post('/api/platform/resources')
    .set('Authorization', guestAuthorization)
    .send({
      offering: 'web-application',
      name: 'storefront',
      team: 'team-alpha',
      environment: 'development',
    })
    .expect(202);
  return created.body.id;
}

/** A resource as the guest reads it through the API. */
export async function readResource(
  server: Parameters<typeof request>[0],
  id: string,
) {
  const res = await request(server)
    .get(`/api/platform/resources/${id}`)
    .set('Authorization', guestAuthorization)
    .expect(200);
  return res.body;
}

/** A resource's events as the guest reads them through the API, oldest first. */
export async function readEvents(
  server: Parameters<typeof request>[0],
  id: string,
): Promise<Array<{ type: string }>> {
  const res = await request(server)
    .get(`/api/platform/resources/${id}/events`)
    .set('Authorization', guestAuthorization)
    .expect(200);
  return res.body.items;
}
