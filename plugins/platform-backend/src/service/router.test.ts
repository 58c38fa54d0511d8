import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { TestDatabases } from '@backstage/backend-test-utils';
import { ResourceStore } from '../store/ResourceStore';
import { teamGroup } from '../__testUtils__/teams';
import { startPlatformTestBackend } from '../__testUtils__/platformTestBackend';

jest.setTimeout(60_000);

const guest = mockCredentials.user.header('user:default/guest');

describe('Platform API routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let server: Parameters<typeof request>[0];
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init('SQLITE_3');
    const backend = await startPlatformTestBackend({
      knex,
      entities: [teamGroup('team-alpha'), teamGroup('team-beta')],
      platform: {
        quotas: {
          defaultLimit: 3,
          defaults: { 'postgresql-database': 2 },
          teams: { 'team-beta': { 'postgresql-database': 1 } },
        },
      },
    });
    server = backend.server;
  });

  const post = (body: unknown, query = '') =>
    request(server)
      .post(`/api/platform/resources${query}`)
      .set('Authorization', guest)
      .send(body as object);

  const webApp = (name: string, environment = 'development') => ({
    offering: 'web-application',
    name,
    team: 'team-alpha',
    environment,
    config: {},
  });

  describe('POST /resources', () => {
    it('records a pending resource with defaults, requester and channel', async () => {
      const res = await post(webApp('storefront')).set(
        'x-platform-channel',
        'portal',
      );
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        offering: 'web-application',
        name: 'storefront',
        team: 'team-alpha',
        environment: 'development',
        state: 'pending',
        config: { replicas: 2, cpu: '500m', memory: '512Mi' },
        createdBy: 'user:default/guest',
        createdVia: 'portal',
      });

      const one = await request(server)
        .get(`/api/platform/resources/${res.body.id}`)
        .set('Authorization', guest);
      expect(one.body).toEqual(res.body);

      const events = await request(server)
        .get(`/api/platform/resources/${res.body.id}/events`)
        .set('Authorization', guest);
      expect(events.body.items).toEqual([
        expect.objectContaining({
          state: 'pending',
          actor: 'user:default/guest',
          message: 'Requested through the portal',
        }),
      ]);
    });

    it('ignores a requester given in the body', async () => {
      const res = await post({
        ...webApp('storefront'),
        createdBy: 'user:default/ceo',
      });
      expect(res.status).toBe(202);
      expect(res.body.createdBy).toBe('user:default/guest');
      expect(res.body.createdVia).toBe('api');
    });

    it('lists every problem the spec finds at once, before any other check', async () => {
      const res = await post({
        offering: 'web-application',
        name: 'Store_Front',
        environment: 'moon',
        config: { replicas: '3', label: 'a\u0000b' },
        colour: 'blue',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', message: expect.stringContaining('lower-case') },
          { field: 'team', message: 'is required' },
          {
            field: 'config.label',
            message: 'must not contain control characters',
          },
        ]),
      );
      expect(res.body.errors).toHaveLength(3);
      expect(res.body.error.stack).toBeUndefined();
    });

    it('lists every problem of the offering and environment at once', async () => {
      const res = await post({
        offering: 'web-application',
        name: 'storefront',
        team: 'team-alpha',
        environment: 'moon',
        config: { replicas: '3', cpu: '3000m', colour: 'blue' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'environment',
            message: 'must be one of: development, staging, production',
          },
          { field: 'config.replicas', message: 'must be integer' },
          {
            field: 'config.cpu',
            message: 'must be one of: 250m, 500m, 1000m, 2000m',
          },
          {
            field: 'config.colour',
            message: 'is not a field of this offering',
          },
        ]),
      );
      expect(res.body.errors).toHaveLength(4);
    });

    it.each([
      [[], 'body', 'must be a JSON object'],
      [
        { ...webApp('x'), offering: 'mainframe' },
        'offering',
        "'mainframe' is not an offering",
      ],
      [
        { ...webApp('x'), team: 'team-gamma' },
        'team',
        "'group:default/team-gamma' is not a group in the catalog",
      ],
      [{ ...webApp('x'), team: 42 }, 'team', 'must be a string'],
      [{ ...webApp('x'), config: 'big' }, 'config', 'must be an object'],
    ])('refuses %j naming the field', async (body, field, message) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field, message: expect.stringContaining(message) },
      ]);
    });

    it('refuses a name already taken by a live resource of the team', async () => {
      expect((await post(webApp('storefront'))).status).toBe(202);
      const res = await post(webApp('storefront'));
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        "A live resource named 'storefront' already exists for team-alpha in development",
      );
      // Another environment is another namespace.
      expect((await post(webApp('storefront', 'staging'))).status).toBe(202);
    });

    it('reports every policy violation, each with its policy and reason', async () => {
      const res = await post({
        offering: 'postgresql-database',
        name: 'orders',
        team: 'team-alpha',
        environment: 'production',
        config: { backup_retention_days: 3 },
      });
      expect(res.status).toBe(403);
      expect(res.body.violations).toEqual([
        {
          policy: 'environment-rules',
          field: 'config.high_availability',
          reason: 'Production databases must have high_availability enabled',
        },
        {
          policy: 'environment-rules',
          field: 'config.backup_retention_days',
          reason: 'Production databases must keep backups for at least 7 days',
        },
      ]);
    });

    it('lets a production web application through with its defaults', async () => {
      const res = await post(webApp('storefront', 'production'));
      expect(res.status).toBe(202);
      const single = await post({
        ...webApp('tiny', 'production'),
        config: { replicas: 1 },
      });
      expect(single.status).toBe(403);
      expect(single.body.violations[0].reason).toBe(
        'Production web applications must run at least 2 replicas',
      );
    });

    it('enforces per-team quotas', async () => {
      const db = (name: string, team: string) => ({
        offering: 'postgresql-database',
        name,
        team,
        environment: 'development',
      });
      expect((await post(db('one', 'team-beta'))).status).toBe(202);
      const refused = await post(db('two', 'team-beta'));
      expect(refused.status).toBe(403);
      expect(refused.body.violations).toEqual([
        {
          policy: 'quota',
          reason:
            'Team team-beta has used 1 of 1 postgresql-database resources',
        },
      ]);

      const quotas = await request(server)
        .get('/api/platform/quotas?team=team-beta')
        .set('Authorization', guest);
      expect(quotas.body.items).toContainEqual({
        team: 'team-beta',
        offering: 'postgresql-database',
        used: 1,
        limit: 1,
      });
    });

    it('limits an offering that no quota names by the default limit', async () => {
      for (const name of ['w1', 'w2', 'w3']) {
        expect(
          (await post({ ...webApp(name), team: 'team-beta' })).status,
        ).toBe(202);
      }
      const refused = await post({ ...webApp('w4'), team: 'team-beta' });
      expect(refused.status).toBe(403);
      expect(refused.body.violations).toEqual([
        {
          policy: 'quota',
          reason: 'Team team-beta has used 3 of 3 web-application resources',
        },
      ]);

      const quotas = await request(server)
        .get('/api/platform/quotas?team=team-beta')
        .set('Authorization', guest);
      expect(quotas.body.items).toEqual(
        expect.arrayContaining([
          {
            team: 'team-beta',
            offering: 'web-application',
            used: 3,
            limit: 3,
          },
          { team: 'team-beta', offering: 'api-gateway', used: 0, limit: 3 },
        ]),
      );
    });

    it('answers a dry run with the verdict and records nothing', async () => {
      const res = await post(
        {
          offering: 'postgresql-database',
          name: 'orders',
          team: 'team-alpha',
          environment: 'production',
          config: {},
        },
        '?dryRun=true',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        allowed: false,
        errors: [],
        violations: [
          expect.objectContaining({ field: 'config.high_availability' }),
        ],
        approvals: [],
        quota: {
          team: 'team-alpha',
          offering: 'postgresql-database',
          used: 0,
          limit: 2,
        },
        // Production resources have no lifetime unless configured.
        lifetime: {
          default: null,
          max: null,
          expiresAt: null,
          maxExpiresAt: null,
        },
      });
      const invalid = await post(
        { offering: 'web-application' },
        '?dryRun=true',
      );
      expect(invalid.body.allowed).toBe(false);
      expect(
        invalid.body.errors.map((e: { field: string }) => e.field),
      ).toEqual(['name', 'team', 'environment']);
      const list = await request(server)
        .get('/api/platform/resources')
        .set('Authorization', guest);
      expect(list.body.items).toEqual([]);
    });
  });

  describe('dependencies', () => {
    it('ties an API gateway to an existing web application of its team and environment', async () => {
      const gateway = {
        offering: 'api-gateway',
        name: 'storefront-api',
        team: 'team-alpha',
        environment: 'development',
        config: { upstream: 'storefront' },
      };
      const missing = await post(gateway);
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([
        {
          field: 'config.upstream',
          message:
            "no web-application named 'storefront' exists for team-alpha in development",
        },
      ]);

      const app = await post(webApp('storefront'));
      const created = await post(gateway);
      expect(created.status).toBe(202);
      expect(created.body.dependsOn).toEqual([app.body.id]);
      expect(created.body.config).toEqual({
        upstream: 'storefront',
        rate_limit: 1000,
        authentication: 'oauth2',
      });

      const refused = await request(server)
        .delete(`/api/platform/resources/${app.body.id}`)
        .set('Authorization', guest);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        "Resource 'storefront' is used by api-gateway 'storefront-api'; delete those first",
      );
    });

    it('moves the dependency when a change points the gateway at another upstream', async () => {
      const oldApp = await post(webApp('old-app'));
      const newApp = await post(webApp('new-app'));
      const gateway = await post({
        offering: 'api-gateway',
        name: 'edge',
        team: 'team-alpha',
        environment: 'development',
        config: { upstream: 'old-app' },
      });
      await new ResourceStore(knex).transition({
        id: gateway.body.id,
        from: ['pending'],
        to: 'ready',
        type: 'provisioned',
        actor: 'test',
        message: 'Ready',
      });

      const changed = await request(server)
        .patch(`/api/platform/resources/${gateway.body.id}`)
        .set('Authorization', guest)
        .send({ config: { upstream: 'new-app' } });
      expect(changed.status).toBe(202);
      expect(changed.body.dependsOn).toEqual([newApp.body.id]);

      const dependents = async (id: string) =>
        (
          await request(server)
            .get(`/api/platform/resources/${id}/dependents`)
            .set('Authorization', guest)
        ).body.items.map((r: { name: string }) => r.name);
      expect(await dependents(newApp.body.id)).toEqual(['edge']);
      expect(await dependents(oldApp.body.id)).toEqual([]);

      const newInUse = await request(server)
        .delete(`/api/platform/resources/${newApp.body.id}`)
        .set('Authorization', guest);
      expect(newInUse.status).toBe(409);
      const oldReleased = await request(server)
        .delete(`/api/platform/resources/${oldApp.body.id}`)
        .set('Authorization', guest);
      expect(oldReleased.status).toBe(202);
    });
  });

  describe('GET /resources', () => {
    it('filters and pages', async () => {
      for (const name of ['a1', 'a2', 'a3']) {
        await post(webApp(name));
      }
      await post({ ...webApp('b1'), team: 'team-beta' });

      const page1 = await request(server)
        .get('/api/platform/resources?team=team-alpha&limit=2')
        .set('Authorization', guest);
      expect(page1.body.items.map((r: { name: string }) => r.name)).toEqual([
        'a3',
        'a2',
      ]);
      const page2 = await request(server)
        .get(
          `/api/platform/resources?team=team-alpha&limit=2&cursor=${page1.body.nextCursor}`,
        )
        .set('Authorization', guest);
      expect(page2.body).toEqual({
        items: [expect.objectContaining({ name: 'a1' })],
      });

      const beta = await request(server)
        .get(
          '/api/platform/resources?team=team-beta&environment=development&offering=web-application&state=pending',
        )
        .set('Authorization', guest);
      expect(beta.body.items.map((r: { name: string }) => r.name)).toEqual([
        'b1',
      ]);
    });

    it.each([
      ['state=sleeping', 'state', 'must be one of: awaiting-approval'],
      ['limit=0', 'limit', 'must be at least 1'],
      ['limit=501', 'limit', 'must be at most 500'],
      ['limit=ten', 'limit', 'must be an integer'],
      ['limit=1e309', 'limit', 'must be an integer'],
      ['team=a&team=b', 'team', 'must be a string'],
      ['cursor=a%00b', 'cursor', 'must not contain control characters'],
      ['colour=blue', 'colour', 'is not a parameter of this route'],
    ])('refuses ?%s naming the parameter', async (query, field, message) => {
      const res = await request(server)
        .get(`/api/platform/resources?${query}`)
        .set('Authorization', guest);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field, message: expect.stringContaining(message) },
      ]);
    });

    it('answers 404 for an unknown resource', async () => {
      for (const path of ['/resources/nope', '/resources/nope/events']) {
        const res = await request(server)
          .get(`/api/platform${path}`)
          .set('Authorization', guest);
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe("No resource 'nope'");
      }
    });
  });

  describe('PATCH and DELETE /resources/:id', () => {
    it('changes the configuration of a ready resource, checked like a create', async () => {
      const created = await post({
        offering: 'postgresql-database',
        name: 'orders',
        team: 'team-alpha',
        environment: 'development',
      });
      const id = created.body.id;
      const patch = (body: unknown, query = '') =>
        request(server)
          .patch(`/api/platform/resources/${id}${query}`)
          .set('Authorization', guest)
          .send(body as object);

      const notReady = await patch({ config: { size: 'large' } });
      expect(notReady.status).toBe(409);
      expect(notReady.body.error.message).toBe(
        "Resource 'orders' is pending; this needs it to be ready or failed",
      );

      await new ResourceStore(knex).transition({
        id,
        from: ['pending'],
        to: 'ready',
        type: 'provisioned',
        actor: 'test',
        message: 'Ready',
      });

      const invalid = await patch({ config: { size: 'huge' } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors).toEqual([
        {
          field: 'config.size',
          message: 'must be one of: small, medium, large',
        },
      ]);

      const verdict = await patch(
        { config: { size: 'large' } },
        '?dryRun=true',
      );
      expect(verdict.body).toMatchObject({
        allowed: true,
        errors: [],
        violations: [],
      });

      const changed = await patch({ config: { size: 'large' } });
      expect(changed.status).toBe(202);
      expect(changed.body.state).toBe('updating');
      expect(changed.body.config).toEqual({
        size: 'large',
        high_availability: false,
        backup_retention_days: 7,
      });
    });

    it('starts deleting and keeps the history', async () => {
      const created = await post(webApp('storefront'));
      const res = await request(server)
        .delete(`/api/platform/resources/${created.body.id}`)
        .set('Authorization', guest);
      expect(res.status).toBe(202);
      expect(res.body.state).toBe('deleting');

      const again = await request(server)
        .delete(`/api/platform/resources/${created.body.id}`)
        .set('Authorization', guest);
      expect(again.status).toBe(409);

      const events = await request(server)
        .get(`/api/platform/resources/${created.body.id}/events`)
        .set('Authorization', guest);
      expect(events.body.items.map((e: { state: string }) => e.state)).toEqual([
        'pending',
        'deleting',
      ]);
    });
  });

  describe('GET /policies', () => {
    it('describes the active policies', async () => {
      const res = await request(server)
        .get('/api/platform/policies')
        .set('Authorization', guest);
      expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([
        'quota',
        'environment-rules',
        'approvals',
        'budget',
      ]);
      expect(res.body.items[1].description).toContain(
        'production postgresql-database: high_availability must be true',
      );
    });
  });
});
