import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Offering } from '@idp-kit/plugin-platform-common';
import {
  PlatformPolicy,
  ResourceProvisioner,
  platformOfferingsExtensionPoint,
  platformProvisionersExtensionPoint,
} from '@idp-kit/plugin-platform-node';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { startPlatformTestBackend } from '../__testUtils__/platformTestBackend';
import { eventually } from '../__testUtils__/notifications';
import { teamGroup, testTeamsConfig } from '../__testUtils__/teams';
import { platformPlugin } from '../plugin';

jest.setTimeout(120_000);

const guest = mockCredentials.user.header('user:default/guest');

// Plain data, so that app-config can hold it too.
const kafkaTopic = {
  id: 'kafka-topic',
  name: 'Kafka Topic',
  description: 'A topic on the shared cluster',
  type: 'messaging',
  version: '3',
  ownerTeam: 'platform-team',
  tier: 'standard',
  dependencies: [],
  configurations: [
    { name: 'replication', type: 'integer', default: 1, min: 1, max: 5 },
  ],
} satisfies Offering;

const idleProvisioner: ResourceProvisioner = {
  async provision() {
    return {};
  },
  async deprovision() {},
  async getStatus() {
    return { healthy: true };
  },
};

/** A module that contributes through the extension points as `init` says. */
function testModule(
  moduleId: string,
  init: (points: {
    offerings: typeof platformOfferingsExtensionPoint.T;
    provisioners: typeof platformProvisionersExtensionPoint.T;
  }) => void,
) {
  return createBackendModule({
    pluginId: 'platform',
    moduleId,
    register(env) {
      env.registerInit({
        deps: {
          offerings: platformOfferingsExtensionPoint,
          provisioners: platformProvisionersExtensionPoint,
        },
        async init(points) {
          init(points);
        },
      });
    },
  });
}

describe('offerings from backend modules', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const start = async (
      features: ReturnType<typeof testModule>[],
      platform: Record<string, any> = {},
    ) =>
      startPlatformTestBackend({
        knex: await databases.init(databaseId),
        platform,
        features,
      });

    it("asks a module's rules only about requests for its own offering", async () => {
      const askedAbout: string[] = [];
      const replicated: PlatformPolicy = {
        id: 'kafka-production-replication',
        description: 'Production topics keep three copies',
        async evaluate({ offering, request: { environment, config } }) {
          askedAbout.push(offering.id);
          return environment === 'production' && Number(config.replication) < 3
            ? [
                {
                  policy: 'kafka-production-replication',
                  field: 'config.replication',
                  reason: 'Production topics keep three copies',
                },
              ]
            : [];
        },
      };
      const { server } = await start([
        testModule('kafka', ({ offerings }) =>
          offerings.addOffering({
            offering: kafkaTopic,
            provisioner: idleProvisioner,
            rules: [replicated],
          }),
        ),
      ]);
      const dryRun = (body: object) =>
        request(server)
          .post('/api/platform/resources?dryRun=true')
          .set('Authorization', guest)
          .send({ team: 'team-alpha', environment: 'production', ...body })
          .expect(200)
          .then(res => res.body);

      const topic = await dryRun({
        offering: 'kafka-topic',
        name: 'orders',
        config: { replication: 1 },
      });
      expect(topic.violations).toEqual([
        expect.objectContaining({ policy: 'kafka-production-replication' }),
      ]);
      const app = await dryRun({
        offering: 'web-application',
        name: 'storefront',
        config: { replicas: 2 },
      });
      expect(app.allowed).toBe(true);
      expect(askedAbout).toEqual(['kafka-topic']);

      const policies = await request(server)
        .get('/api/platform/policies')
        .set('Authorization', guest)
        .expect(200);
      expect(policies.body.items).toContainEqual({
        id: 'kafka-production-replication',
        description: 'Production topics keep three copies (kafka-topic only)',
        source: 'a backend module',
      });
    });

    it('lists where each offering comes from and who provisions it', async () => {
      const { server } = await start(
        [
          testModule('kafka', ({ offerings }) =>
            offerings.addOffering({
              offering: kafkaTopic,
              provisioner: idleProvisioner,
            }),
          ),
          // The deprecated form serves an offering that app-config defines.
          testModule('redis', ({ provisioners }) =>
            provisioners.addProvisioner('redis-cache', idleProvisioner),
          ),
        ],
        {
          offerings: [
            {
              ...kafkaTopic,
              id: 'redis-cache',
              name: 'Redis Cache',
              type: 'cache',
              configurations: [],
            },
          ],
        },
      );

      const list = await request(server)
        .get('/api/platform/offerings')
        .set('Authorization', guest)
        .expect(200);
      expect(
        list.body.items.map((o: Record<string, string>) => [
          o.id,
          o.source,
          o.provisionedBy,
        ]),
      ).toEqual([
        ['web-application', 'built-in', undefined],
        ['postgresql-database', 'built-in', undefined],
        ['api-gateway', 'built-in', undefined],
        ['redis-cache', 'app-config', 'a backend module'],
        ['kafka-topic', 'a backend module', 'a backend module'],
      ]);
    });

    it('fails start-up naming the module whose provisioner serves no offering', async () => {
      await expect(
        start([
          testModule('stray', ({ provisioners }) =>
            provisioners.addProvisioner('kafka-topic', idleProvisioner),
          ),
        ]),
      ).rejects.toThrow(
        "Module 'stray' for plugin 'platform' startup failed; caused by InputError: A provisioner is registered for 'kafka-topic', which is not an offering",
      );
    });

    it('fails start-up naming the module whose offering takes an id app-config has', async () => {
      await expect(
        start(
          [
            testModule('kafka', ({ offerings }) =>
              offerings.addOffering({
                offering: kafkaTopic,
                provisioner: idleProvisioner,
              }),
            ),
          ],
          { offerings: [kafkaTopic] },
        ),
      ).rejects.toThrow(
        "Module 'kafka' for plugin 'platform' startup failed; caused by InputError: Offering 'kafka-topic' is defined twice: by app-config (platform.offerings) and by a backend module",
      );
    });

    it('starts without a refused module that may fail: none of its offering, provisioner or rules', async () => {
      const provisioned: string[] = [];
      const kafka = testModule('kafka', ({ offerings }) =>
        offerings.addOffering({
          offering: { ...kafkaTopic, name: 'Kafka Topic (module)' },
          provisioner: {
            ...idleProvisioner,
            async provision({ resource }) {
              provisioned.push(resource.name);
              return {};
            },
          },
          rules: [
            {
              id: 'kafka-production-replication',
              description: 'Production topics keep three copies',
              evaluate: async () => [],
            },
          ],
        }),
      );
      const { server } = await startTestBackend({
        features: [
          platformPlugin,
          kafka,
          mockServices.database.factory({
            knex: await databases.init(databaseId),
          }),
          catalogServiceMock.factory({ entities: [teamGroup('team-alpha')] }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              backend: {
                startup: {
                  plugins: {
                    platform: {
                      modules: {
                        kafka: { onPluginModuleBootFailure: 'continue' },
                      },
                    },
                  },
                },
              },
              platform: {
                teams: testTeamsConfig,
                provisioning: { sweepIntervalSeconds: 0.1 },
                offerings: [kafkaTopic],
              },
            },
          }),
        ],
      });
      const api = (method: 'get' | 'post', url: string) =>
        request(server)
          [method](`/api/platform${url}`)
          .set('Authorization', guest);

      const topic = await api('get', '/offerings/kafka-topic').expect(200);
      expect(topic.body).toMatchObject({
        name: 'Kafka Topic',
        source: 'app-config',
      });
      expect(topic.body).not.toHaveProperty('provisionedBy');
      const policies = await api('get', '/policies').expect(200);
      expect(
        policies.body.items.map((p: { id: string }) => p.id),
      ).not.toContain('kafka-production-replication');
      const created = await api('post', '/resources')
        .send({
          offering: 'kafka-topic',
          name: 'orders',
          team: 'team-alpha',
          environment: 'development',
        })
        .expect(202);
      const failed = await eventually(
        () => api('get', `/resources/${created.body.id}`).then(r => r.body),
        resource => resource.state === 'failed',
      );
      expect(failed.error).toBe(
        "No provisioner is registered for offering 'kafka-topic'",
      );
      expect(provisioned).toEqual([]);
    });
  });
});
