import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { platformOfferingsExtensionPoint } from '@idp-kit/plugin-platform-node';
import request from 'supertest';
import { platformPlugin } from './plugin';

jest.setTimeout(60_000);

const rejectAnonymous = mockServices.httpAuth.factory({
  defaultCredentials: mockCredentials.none(),
});

describe('platformPlugin', () => {
  it('answers /health with credentials and refuses it without', async () => {
    const { server } = await startTestBackend({
      features: [platformPlugin, rejectAnonymous],
    });

    await request(server)
      .get('/api/platform/health')
      .set('Authorization', mockCredentials.user.header())
      .expect(200, { status: 'ok' });

    const anonymous = await request(server).get('/api/platform/health');
    expect(anonymous.status).toBe(401);
  });

  it('lists offerings a backend module adds in the deprecated form, without their provisioner', async () => {
    const kafkaModule = createBackendModule({
      pluginId: 'platform',
      moduleId: 'kafka',
      register(env) {
        env.registerInit({
          deps: { offerings: platformOfferingsExtensionPoint },
          async init({ offerings }) {
            offerings.addOffering({
              id: 'kafka-topic',
              name: 'Kafka Topic',
              description: 'A topic on the shared cluster',
              type: 'messaging',
              version: '3',
              ownerTeam: 'platform-team',
              tier: 'standard',
              dependencies: [],
              configurations: [
                { name: 'partitions', type: 'integer', default: 3, min: 1 },
              ],
            });
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [platformPlugin, kafkaModule],
    });

    const list = await request(server).get('/api/platform/offerings');
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([
      'web-application',
      'postgresql-database',
      'api-gateway',
      'kafka-topic',
    ]);

    const one = await request(server).get(
      '/api/platform/offerings/kafka-topic',
    );
    expect(one.body.schema.properties.partitions).toEqual({
      type: 'integer',
      default: 3,
      minimum: 1,
    });
    expect(one.body.source).toBe('a backend module');
    // Nothing provisions it, and the service catalog says so.
    expect(one.body).not.toHaveProperty('provisionedBy');

    const missing = await request(server).get('/api/platform/offerings/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("No offering 'nope'");
  });
});
