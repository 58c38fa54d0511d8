import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { platformProvisionersExtensionPoint } from '@idp-kit/plugin-platform-node';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { OutageProxy } from '../__testUtils__/OutageProxy';
import { testDatabaseIds } from '../__testUtils__/databases';
import { teamGroup, testTeamsConfig } from '../__testUtils__/teams';
import { platformPlugin } from '../plugin';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const guest = mockCredentials.user.header('user:default/guest');

type LoggerMock = ReturnType<typeof mockServices.logger.mock>;

/** Every call at `level` of a logger mock and of the children it made. */
function calls(logger: LoggerMock, level: 'error' | 'warn' | 'info'): string[] {
  const children = logger.child.mock.results.map(r => r.value as LoggerMock);
  return [
    ...logger[level].mock.calls.map(([message]) => String(message)),
    ...children.flatMap(child => calls(child, level)),
  ];
}

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

const onPostgres = testDatabaseIds().includes('POSTGRES_15');

/**
 * The plugin with its database behind a proxy that the test takes away, as
 * a restart of PostgreSQL would, and brings back.
 */
(onPostgres ? describe : describe.skip)(
  'the platform through a database outage',
  () => {
    let proxy: OutageProxy;
    let knex: Knex;
    let stopBackend: () => Promise<void>;
    let server: Parameters<typeof request>[0];
    const logger = mockServices.logger.mock();
    const provisioned: string[] = [];
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });

    // Before the test databases' own clean-up, which drops the database.
    afterAll(async () => {
      await stopBackend?.();
      await knex?.destroy();
      await proxy?.cut();
    });
    const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

    beforeAll(async () => {
      const direct = await databases.init('POSTGRES_15');
      const connection = direct.client.config
        .connection as Knex.PgConnectionConfig;
      proxy = await OutageProxy.start({
        host: connection.host ?? '127.0.0.1',
        port: Number(connection.port ?? 5432),
      });
      knex = knexFactory({
        client: 'pg',
        connection: { ...connection, host: '127.0.0.1', port: proxy.port },
        pool: { min: 0, max: 5 },
        acquireConnectionTimeout: 5_000,
      });
      const provisioner = createBackendModule({
        pluginId: 'platform',
        moduleId: 'outage-test',
        register(env) {
          env.registerInit({
            deps: { provisioners: platformProvisionersExtensionPoint },
            async init({ provisioners }) {
              provisioners.addProvisioner('web-application', {
                async provision({ resource }) {
                  provisioned.push(resource.name);
                  if (resource.name === 'held') {
                    await released;
                  }
                  return { outputs: { url: `https://${resource.name}` } };
                },
                async deprovision() {},
                async getStatus() {
                  return { healthy: true };
                },
              });
            },
          });
        },
      });
      const backend = await startTestBackend({
        features: [
          platformPlugin,
          provisioner,
          logger.factory,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: [teamGroup('team-alpha')] }),
          mockServices.rootConfig.factory({
            data: {
              platform: {
                teams: testTeamsConfig,
                provisioning: {
                  sweepIntervalSeconds: 0.1,
                  // Longer than the test waits: the work must be resumed, not
                  // picked up after its lease lapsed.
                  leaseSeconds: 120,
                  backoffInitialSeconds: 0.1,
                  backoffMaxSeconds: 0.5,
                },
              },
            },
          }),
        ],
      });
      server = backend.server;
      stopBackend = () => backend.stop();
    });

    const create = (name: string) =>
      request(server)
        .post('/api/platform/resources')
        .set('Authorization', guest)
        .send({
          offering: 'web-application',
          name,
          team: 'team-alpha',
          environment: 'development',
          config: {},
        });
    const get = (path: string) =>
      request(server).get(`/api/platform${path}`).set('Authorization', guest);

    it('answers 503 with Retry-After meanwhile, logs it once, and finishes the work after', async () => {
      const held = await create('held');
      expect(held.status).toBe(202);
      await until(async () => provisioned.includes('held'));

      await proxy.cut();
      const answers = [
        await get(`/resources/${held.body.id}`),
        await get('/resources?team=team-alpha'),
        await create('during'),
        await get(`/resources/${held.body.id}/events`),
        await get('/health'),
      ];
      for (const res of answers) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toEqual({
          error: {
            name: 'ServiceUnavailableError',
            message:
              'The Platform API cannot reach its database right now; try again in 5 seconds',
          },
          request: {
            method: expect.stringMatching(/^(GET|POST)$/),
            url: expect.stringMatching(/^\/api\/platform\//),
          },
          response: { statusCode: 503 },
        });
      }
      // Routes that need no database still answer.
      expect((await get('/offerings')).status).toBe(200);

      // The provisioner finishes while the database is away: the engine
      // cannot record it, and must not count it as a failed attempt.
      release();
      await sleep(500);
      await proxy.restore();

      const ready = await until(async () => {
        const res = await get(`/resources/${held.body.id}`);
        return res.status === 200 && res.body.state === 'ready'
          ? res.body
          : undefined;
      });
      expect(ready.outputs).toEqual({ url: 'https://held' });
      const events = (await get(`/resources/${held.body.id}/events`)).body
        .items;
      expect(
        events.filter((e: { type: string }) => e.type === 'provisioned'),
      ).toEqual([expect.objectContaining({ message: 'Ready (attempt 1)' })]);
      expect(
        events.some((e: { type: string }) => e.type === 'attempt-failed'),
      ).toBe(false);
      // The provisioner ran again under the same claim once the database was back.
      expect(provisioned.filter(name => name === 'held')).toHaveLength(2);
      expect((await create('after')).status).toBe(202);

      await until(async () =>
        calls(logger, 'info').some(m =>
          m.startsWith('The Platform API is available again'),
        ),
      );
      const outageLines = calls(logger, 'error').filter(m =>
        m.startsWith('The Platform API is unavailable'),
      );
      expect(outageLines).toEqual([
        expect.stringContaining('until it can reach its database again'),
      ]);
      const engineLines = [
        ...calls(logger, 'error'),
        ...calls(logger, 'warn'),
      ].filter(m => /Provisioning|Attempt/.test(m));
      expect(engineLines).toEqual([]);
    });
  },
);
