import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogModuleTemplates from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
// The integration test runs the real plugins side by side.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import catalogModulePlatform from '@idp-kit/plugin-catalog-backend-module-platform';
// The integration test runs the real plugins side by side.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import platformBackend from '@idp-kit/plugin-platform-backend';
import { platformProvisionersExtensionPoint } from '@idp-kit/plugin-platform-node';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModulePlatform } from './module';

jest.setTimeout(120_000);

const provisioned: string[] = [];

/** Provisions in a few milliseconds, remembering what it made. */
const quickProvisioners = createBackendModule({
  pluginId: 'platform',
  moduleId: 'quick',
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
            provision: async ({ resource }) => {
              provisioned.push(resource.name);
              return { outputs: { url: `http://${resource.name}` } };
            },
            deprovision: async () => {},
            getStatus: async () => ({ healthy: true }),
          });
        }
      },
    });
  },
});

/** priya is of the platform team, which approves; the others of no group. */
const userInfoWithPlatformTeam = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs:
          ref === 'user:default/priya'
            ? [ref, 'group:default/platform-team']
            : [ref],
      };
    },
  }),
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

describe('offerings as software templates, run by the real scaffolder', () => {
  const directory = createMockDirectory({
    content: {
      'org.yaml': [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata: { name: team-alpha }',
        'spec: { type: team, children: [] }',
      ].join('\n'),
    },
  });
  let server: Parameters<typeof request>[0];
  const user = mockCredentials.user.header('user:default/guest');

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleTemplates,
        catalogModulePlatform,
        scaffolderBackend,
        scaffolderModulePlatform,
        platformBackend,
        quickProvisioners,
        userInfoWithPlatformTeam,
        eventsServiceFactory,
        // The real scheduler, so the providers' scheduled syncs run.
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
            catalog: {
              rules: [{ allow: ['Group', 'Template', 'Resource', 'Location'] }],
              locations: [
                { type: 'file', target: directory.resolve('org.yaml') },
              ],
            },
            platform: {
              provisioning: { sweepIntervalSeconds: 1 },
              // Staging web applications wait for the platform team.
              approvals: {
                rules: [
                  {
                    offering: 'web-application',
                    environment: 'staging',
                    approvers: 'group:default/platform-team',
                    reason: 'Staging is shared',
                  },
                ],
              },
            },
          },
        }),
      ],
    }));
  });

  const template = () =>
    eventually(async () => {
      const res = await request(server)
        .get(
          '/api/catalog/entities/by-name/template/default/platform-web-application',
        )
        .set('Authorization', user);
      return res.status === 200 ? res.body : undefined;
    }, 'the offering template');

  it('creates a resource and waits until it is ready', async () => {
    await template();
    await eventually(async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/group/default/team-alpha')
        .set('Authorization', user);
      return res.status === 200 ? true : undefined;
    }, 'the team');

    const task = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', user)
      .send({
        templateRef: 'template:default/platform-web-application',
        values: {
          name: 'storefront',
          team: 'group:default/team-alpha',
          environment: 'development',
          replicas: 3,
          cpu: '1000m',
          memory: '1Gi',
        },
      });
    expect(task.status).toBe(201);

    const done = await eventually(async () => {
      const res = await request(server)
        .get(`/api/scaffolder/v2/tasks/${task.body.id}`)
        .set('Authorization', user);
      return ['completed', 'failed'].includes(res.body.status)
        ? res.body
        : undefined;
    }, 'the task');
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${task.body.id}/events`)
      .set('Authorization', user);
    const log = events.body
      .filter((e: { type: string }) => e.type === 'log')
      .map((e: { body: { message: string } }) => e.body.message)
      .join('\n');
    expect({ status: done.status, log }).toEqual({
      status: 'completed',
      log: expect.stringContaining('storefront is ready'),
    });

    const list = await request(server)
      .get('/api/platform/resources?team=team-alpha')
      .set('Authorization', user);
    const [resource] = list.body.items;
    expect(resource).toMatchObject({
      name: 'storefront',
      state: 'ready',
      config: { replicas: 3, cpu: '1000m', memory: '1Gi' },
      createdBy: 'user:default/guest',
      createdVia: 'scaffolder',
    });
    const completion = events.body.find(
      (e: { type: string }) => e.type === 'completion',
    );
    expect(completion.body.output.links).toEqual([
      { title: 'Open resource', url: `/platform/resources/${resource.id}` },
    ]);
    expect(provisioned).toEqual(['storefront']);
  });

  /** Runs the web application template for staging; answers the task id. */
  async function runForStaging(name: string): Promise<string> {
    await template();
    const task = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', user)
      .send({
        templateRef: 'template:default/platform-web-application',
        values: {
          name,
          team: 'group:default/team-alpha',
          environment: 'staging',
        },
      });
    expect(task.status).toBe(201);
    return task.body.id;
  }

  const taskLog = async (id: string) => {
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${id}/events`)
      .set('Authorization', user);
    return events.body
      .filter((e: { type: string }) => e.type === 'log')
      .map((e: { body: { message: string } }) => e.body.message)
      .join('\n');
  };

  const finished = (id: string) =>
    eventually(async () => {
      const res = await request(server)
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('Authorization', user);
      return ['completed', 'failed'].includes(res.body.status)
        ? res.body.status
        : undefined;
    }, 'the task');

  /** Waits until the task's log says it waits, then decides as priya. */
  async function decideWhenWaiting(
    taskId: string,
    name: string,
    decision: 'approve' | 'reject',
  ) {
    await eventually(
      async () =>
        (await taskLog(taskId)).includes(`${name} is waiting for approval`)
          ? true
          : undefined,
      'the wait for approval in the log',
    );
    const list = await request(server)
      .get(`/api/platform/resources?team=team-alpha&environment=staging`)
      .set('Authorization', user);
    const resource = list.body.items.find(
      (r: { name: string }) => r.name === name,
    );
    expect(resource.state).toBe('awaiting-approval');
    await request(server)
      .post(`/api/platform/resources/${resource.id}/${decision}`)
      .set('Authorization', mockCredentials.user.header('user:default/priya'))
      .send({ comment: 'Looked at it' })
      .expect(200);
    return resource.id as string;
  }

  it('keeps waiting while the resource awaits approval, and finishes once approved', async () => {
    const taskId = await runForStaging('shared-shop');
    const id = await decideWhenWaiting(taskId, 'shared-shop', 'approve');
    expect(await finished(taskId)).toBe('completed');
    const log = await taskLog(taskId);
    expect(log).toContain(
      `shared-shop is waiting for approval by group:default/platform-team (Staging is shared): http://localhost:3000/platform/resources/${id}`,
    );
    expect(log).toContain('shared-shop is ready');
  });

  it('fails the step with the reason when the request is rejected', async () => {
    const taskId = await runForStaging('refused-shop');
    await decideWhenWaiting(taskId, 'refused-shop', 'reject');
    expect(await finished(taskId)).toBe('failed');
    expect(await taskLog(taskId)).toContain(
      'Resource refused-shop is rejected: Rejected by user:default/priya: Looked at it',
    );
  });

  it('reports the policy verdict in a dry run and creates nothing', async () => {
    const entity = await template();
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', user)
      .send({
        template: entity,
        values: {
          name: 'tiny',
          team: 'group:default/team-alpha',
          environment: 'production',
          replicas: 1,
        },
        directoryContents: [],
      });
    expect(res.status).toBe(200);
    const log = res.body.log
      .map((l: { body: { message: string } }) => l.body.message)
      .join('\n');
    expect(log).toContain(
      'Refused by environment-rules: Production web applications must run at least 2 replicas',
    );
    expect(log).toContain('The platform would refuse this web-application');
    const list = await request(server)
      .get('/api/platform/resources?team=team-alpha&environment=production')
      .set('Authorization', user);
    expect(list.body.items).toEqual([]);
  });

  const examplesDir = path.resolve(__dirname, '../../../examples/templates');
  it.each(fs.readdirSync(examplesDir))(
    'dry-runs the example template %s',
    async file => {
      const entity = yaml.parse(
        fs.readFileSync(path.join(examplesDir, file), 'utf8'),
      );
      const res = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', user)
        .send({
          template: entity,
          values: {
            name: 'example',
            team: 'group:default/team-alpha',
            environment: 'development',
            upstream: 'example',
          },
          directoryContents: [],
        });
      expect(res.status).toBe(200);
      const log = res.body.log
        .map((l: { body: { message: string } }) => l.body.message)
        .join('\n');
      expect(log).toContain('Finished step');
      expect(log).not.toMatch(/Error/);
      // A dry run creates nothing, so a gateway's upstream cannot exist yet:
      // that is the only refusal the examples may report.
      const refusals = log
        .split('\n')
        .filter((line: string) => line.includes('warn'));
      for (const refusal of refusals) {
        expect(refusal).toContain(
          "config.upstream no web-application named 'example'",
        );
      }
    },
  );
});
