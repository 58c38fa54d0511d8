import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// The integration test runs the real plugins side by side.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import platformBackend from '@idp-kit/plugin-platform-backend';
import { platformProvisionersExtensionPoint } from '@idp-kit/plugin-platform-node';
import request from 'supertest';
import { catalogModulePlatform } from './module';

jest.setTimeout(120_000);

const SECRET = 'hunter2-never-in-the-catalog';

/** Provisions instantly, with a secret that must stay out of the catalog. */
const instantProvisioners = createBackendModule({
  pluginId: 'platform',
  moduleId: 'instant',
  register(env) {
    env.registerInit({
      deps: { provisioners: platformProvisionersExtensionPoint },
      async init({ provisioners }) {
        for (const offering of [
          'web-application',
          'api-gateway',
          'postgresql-database',
        ]) {
          provisioners.addProvisioner(offering, {
            provision: async () => ({
              outputs: { host: 'db.internal' },
              secrets: { password: SECRET },
            }),
            deprovision: async () => {},
            getStatus: async () => ({ healthy: true }),
          });
        }
      },
    });
  },
});

async function eventually<T>(
  fn: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('resources in the Software Catalog', () => {
  const directory = createMockDirectory({
    content: {
      'org.yaml': [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata: { name: team-alpha }',
        'spec: { type: team, children: [] }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: { name: storefront-web }',
        'spec: { type: website, lifecycle: production, owner: team-alpha }',
      ].join('\n'),
    },
  });

  it('emits each live resource as a Resource entity owned by its team, and removes it when deleted', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogBackend,
        catalogModulePlatform,
        platformBackend,
        instantProvisioners,
        // As in a real backend: one events bus that the plugins share.
        eventsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'Group',
                    'Resource',
                    'Location',
                    'Template',
                  ],
                },
              ],
              locations: [
                { type: 'file', target: directory.resolve('org.yaml') },
              ],
            },
            platform: { provisioning: { sweepIntervalSeconds: 1 } },
          },
        }),
      ],
    });
    const user = mockCredentials.user.header('user:default/guest');
    const catalogEntity = async (kind: string, name: string) => {
      const res = await request(server)
        .get(`/api/catalog/entities/by-name/${kind}/default/${name}`)
        .set('Authorization', user);
      return res.status === 200 ? res.body : undefined;
    };

    await eventually(() => catalogEntity('group', 'team-alpha'), 'the group');

    const app = await request(server)
      .post('/api/platform/resources')
      .set('Authorization', user)
      .send({
        offering: 'web-application',
        name: 'storefront',
        team: 'team-alpha',
        environment: 'development',
        component: 'storefront-web',
      })
      .expect(202);
    const gateway = await request(server)
      .post('/api/platform/resources')
      .set('Authorization', user)
      .send({
        offering: 'api-gateway',
        name: 'storefront-api',
        team: 'team-alpha',
        environment: 'development',
        config: { upstream: 'storefront' },
      })
      .expect(202);

    const entity = await eventually(async () => {
      const e = await catalogEntity(
        'resource',
        'storefront-api.development.team-alpha',
      );
      return e?.metadata.annotations['platform.backstage.io/state'] === 'ready'
        ? e
        : undefined;
    }, 'the gateway entity to be ready');
    expect(entity.spec).toEqual({
      type: 'networking',
      owner: 'group:default/team-alpha',
      dependsOn: ['resource:default/storefront.development.team-alpha'],
    });
    expect(
      entity.metadata.annotations['platform.backstage.io/resource-id'],
    ).toBe(gateway.body.id);
    expect(entity.metadata.links).toEqual([
      {
        url: `http://localhost:3000/platform/resources/${gateway.body.id}`,
        title: 'Open in the platform',
      },
    ]);
    expect(entity.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/team-alpha' },
        {
          type: 'dependsOn',
          targetRef: 'resource:default/storefront.development.team-alpha',
        },
      ]),
    );

    const appEntity = await eventually(
      () => catalogEntity('resource', 'storefront.development.team-alpha'),
      'the web application entity',
    );
    expect(appEntity.spec.dependencyOf).toEqual([
      'component:default/storefront-web',
    ]);
    expect(JSON.stringify([entity, appEntity])).not.toContain(SECRET);

    await request(server)
      .delete(`/api/platform/resources/${gateway.body.id}`)
      .set('Authorization', user)
      .expect(202);
    await eventually(
      async () =>
        (await catalogEntity(
          'resource',
          'storefront-api.development.team-alpha',
        ))
          ? undefined
          : true,
      'the deleted resource to leave the catalog',
    );
    expect(
      await catalogEntity('resource', 'storefront.development.team-alpha'),
    ).toBeDefined();
    expect(app.body.state).toBe('pending');
  });
});
