import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { hostileRequests } from '../__testUtils__/hostileRequests';
import { platformPlugin } from '../plugin';

jest.setTimeout(300_000);

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [] },
});

describe('hostile input', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'answers a thousand mutated requests per route without a 5xx, naming each problem, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          platformPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: [group('team-alpha')] }),
          mockServices.rootConfig.factory({
            data: { platform: { provisioning: { enabled: false } } },
          }),
        ],
      });
      const guest = mockCredentials.user.header('user:default/guest');
      // A real upstream, so that mutated gateway requests reach deep checks.
      await request(server)
        .post('/api/platform/resources')
        .set('Authorization', guest)
        .send({
          offering: 'web-application',
          name: 'storefront',
          team: 'team-alpha',
          environment: 'development',
        })
        .expect(202);

      const problems: string[] = [];
      let sent = 0;
      for (const r of hostileRequests(1000, 7)) {
        let req = request(server)[r.method](`/api/platform${r.path}`);
        req = req.set('Authorization', guest);
        const text =
          r.rawBody ??
          (r.body === undefined ? undefined : JSON.stringify(r.body));
        if (text !== undefined) {
          req = req.set('Content-Type', 'application/json').send(text);
        }
        const res = await req;
        sent++;
        if (res.status >= 500) {
          problems.push(
            `${r.method} ${r.path.slice(0, 120)} -> ${
              res.status
            } ${res.text.slice(0, 200)}`,
          );
        } else if (res.status >= 400 && !res.body?.error?.message) {
          problems.push(
            `${r.method} ${r.path.slice(0, 120)} -> ${
              res.status
            } without a message`,
          );
        }
      }
      expect(sent).toBeGreaterThanOrEqual(13_000);
      expect(problems.slice(0, 10)).toEqual([]);
    },
  );
});
