import {
  coreServices,
  createServiceFactory,
  LoggerService,
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
// The integration test runs the real plugins side by side.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import postgresModule from '@idp-kit/plugin-platform-backend-module-postgres';
import request from 'supertest';
import { scaffolderModulePlatform } from './module';

jest.setTimeout(120_000);

/** Every line any plugin logs, with its metadata. */
const logLines: string[] = [];

class CapturingLogger implements LoggerService {
  constructor(private readonly meta: Record<string, unknown> = {}) {}
  #record(level: string, message: string, meta?: unknown) {
    logLines.push(JSON.stringify({ level, message, meta, context: this.meta }));
  }
  error(message: string, meta?: Error | Record<string, unknown>) {
    this.#record(
      'error',
      message,
      meta instanceof Error ? String(meta.stack) : meta,
    );
  }
  warn(message: string, meta?: Error | Record<string, unknown>) {
    this.#record(
      'warn',
      message,
      meta instanceof Error ? String(meta.stack) : meta,
    );
  }
  info(message: string, meta?: Error | Record<string, unknown>) {
    this.#record('info', message, meta);
  }
  debug(message: string, meta?: Error | Record<string, unknown>) {
    this.#record('debug', message, meta);
  }
  child(meta: Record<string, unknown>): LoggerService {
    return new CapturingLogger({ ...this.meta, ...meta });
  }
}

const capturingRootLogger = createServiceFactory({
  service: coreServices.rootLogger,
  deps: {},
  factory: () => new CapturingLogger(),
});

async function eventually<T>(
  fn: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

const postgresAvailable =
  !!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
if (!postgresAvailable && process.env.CI) {
  throw new Error('CI must run the secret test against the local PostgreSQL');
}

(postgresAvailable ? describe : describe.skip)('connection secrets', () => {
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

  it('appear only through the secret endpoint, after a real database is provisioned', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleTemplates,
        catalogModulePlatform,
        scaffolderBackend,
        scaffolderModulePlatform,
        platformBackend,
        postgresModule,
        eventsServiceFactory,
        schedulerServiceFactory,
        capturingRootLogger,
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
              secrets: { encryptionKey: 'test key' },
            },
          },
        }),
      ],
    });
    const user = mockCredentials.user.header('user:default/guest');
    const get = (path: string) =>
      request(server).get(path).set('Authorization', user);

    await eventually(async () => {
      const t = await get(
        '/api/catalog/entities/by-name/template/default/platform-postgresql-database',
      );
      const g = await get(
        '/api/catalog/entities/by-name/group/default/team-alpha',
      );
      return t.status === 200 && g.status === 200 ? true : undefined;
    }, 'the template and the team');

    const name = `secret-${Date.now().toString(36)}`;
    const task = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', user)
      .send({
        templateRef: 'template:default/platform-postgresql-database',
        values: {
          name,
          team: 'group:default/team-alpha',
          environment: 'development',
        },
      })
      .expect(201);
    const done = await eventually(async () => {
      const res = await get(`/api/scaffolder/v2/tasks/${task.body.id}`);
      return ['completed', 'failed'].includes(res.body.status)
        ? res.body
        : undefined;
    }, 'the task');
    const taskEvents = await get(
      `/api/scaffolder/v2/tasks/${task.body.id}/events`,
    );
    expect(done.status).toBe('completed');

    const list = await get('/api/platform/resources?team=team-alpha');
    const resource = list.body.items.find(
      (r: { name: string }) => r.name === name,
    );
    expect(resource.state).toBe('ready');
    const secret = await get(`/api/platform/resources/${resource.id}/secret`);
    const password: string = secret.body.secrets.password;
    expect(password.length).toBeGreaterThanOrEqual(20);

    const entity = await eventually(async () => {
      const res = await get(
        `/api/catalog/entities/by-name/resource/default/${name}.development.team-alpha`,
      );
      return res.status === 200 ? res.body : undefined;
    }, 'the catalog entity');

    const places: Record<string, unknown> = {
      list: list.body,
      get: (await get(`/api/platform/resources/${resource.id}`)).body,
      events: (await get(`/api/platform/resources/${resource.id}/events`)).body,
      scaffolderTask: done,
      scaffolderLog: taskEvents.body,
      catalogEntity: entity,
      logs: logLines,
    };
    for (const [place, content] of Object.entries(places)) {
      expect({
        place,
        leaks: JSON.stringify(content).includes(password),
      }).toEqual({
        place,
        leaks: false,
      });
    }

    // Remove the database and role again.
    await request(server)
      .delete(`/api/platform/resources/${resource.id}`)
      .set('Authorization', user)
      .expect(202);
    await eventually(async () => {
      const res = await get(`/api/platform/resources/${resource.id}`);
      return res.body.state === 'deleted' ? true : undefined;
    }, 'the deletion');
  });
});
