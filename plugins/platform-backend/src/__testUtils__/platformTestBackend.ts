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
import { teamGroup, testTeamsConfig } from './teams';

/** The guest of the tests: a user whose token every test request carries. */
export const guestAuthorization =
  mockCredentials.user.header('user:default/guest');

/**
 * The platform plugin in a test backend, as the API tests need it: the
 * test organisation's teams in the catalog, the engine off (it has tests of
 * its own), no credentials unless a request brings them. `platform` config
 * is merged over those defaults; `features` replace or add services.
 */
export async function startPlatformTestBackend(
  options: {
    knex?: Knex;
    entities?: Entity[];
    platform?: JsonObject;
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
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
