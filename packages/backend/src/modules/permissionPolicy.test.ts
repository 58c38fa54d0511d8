import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import platformBackend from '@idp-kit/plugin-platform-backend';
import request from 'supertest';
import { permissionPolicyModule } from './permissionPolicyModule';

jest.setTimeout(60_000);

/** Who belongs to which team, as the catalog would say at sign-in. */
const membership: Record<string, string[]> = {
  'user:default/guest': ['group:default/team-alpha'],
  'user:default/bea': ['group:default/team-beta'],
  'user:default/priya': ['group:default/platform-team'],
};

const userInfoFromCatalog = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(membership[ref] ?? [])],
      };
    },
  }),
});

/**
 * The mock auth service drops the acting plugin from tokens issued on behalf
 * of a user, which the permission backend needs to accept conditional
 * queries; the real auth service keeps it.
 */
const authWithActor = createServiceFactory({
  service: coreServices.auth,
  deps: {},
  factory: () => {
    const auth = mockServices.auth();
    return {
      ...auth,
      isPrincipal: auth.isPrincipal.bind(auth) as typeof auth.isPrincipal,
      authenticate: auth.authenticate.bind(auth),
      getNoneCredentials: auth.getNoneCredentials.bind(auth),
      getOwnServiceCredentials: auth.getOwnServiceCredentials.bind(auth),
      getLimitedUserToken: auth.getLimitedUserToken.bind(auth),
      listPublicServiceKeys: auth.listPublicServiceKeys.bind(auth),
      async getPluginRequestToken(options) {
        const principal = options.onBehalfOf.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type === 'user' && principal.userEntityRef) {
          return {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: 'plugin:platform' },
            }),
          };
        }
        return auth.getPluginRequestToken(options);
      },
    };
  },
});

const ORG = 'url:https://git.example.com/org/blob/main/org.yaml';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    annotations: { 'backstage.io/managed-by-origin-location': ORG },
  },
  spec: { type: 'team', children: [] },
});

const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);
const service = mockCredentials.service.header();

describe('the platform permission policy', () => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        platformBackend,
        permissionBackend,
        permissionPolicyModule,
        permissionsServiceFactory,
        userInfoFromCatalog,
        authWithActor,
        catalogServiceMock.factory({
          entities: ['team-alpha', 'team-beta', 'platform-team'].map(group),
        }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            platform: {
              teams: { trustedOrigins: [ORG] },
              provisioning: { enabled: false },
              // Development resources expire, so there is a life to extend.
              lifetimes: {
                environments: { development: { default: 'P7D', max: 'P30D' } },
              },
              approvals: {
                rules: [
                  {
                    offering: 'postgresql-database',
                    environment: 'production',
                    when: { size: 'large' },
                    approvers: 'team-beta',
                  },
                ],
              },
            },
          },
        }),
      ],
    }));
  });

  const create = (
    authorization: string | undefined,
    team: string,
    name: string,
  ) => {
    const req = request(server).post('/api/platform/resources');
    if (authorization) req.set('Authorization', authorization);
    return req.send({
      offering: 'web-application',
      name,
      team,
      environment: 'development',
    });
  };

  it('refuses requests without credentials', async () => {
    expect((await create(undefined, 'team-alpha', 'anon')).status).toBe(401);
  });

  it('lets a member act for their own team and nobody else', async () => {
    const own = await create(as('guest'), 'team-alpha', 'alpha-app');
    expect(own.status).toBe(202);

    const other = await create(as('guest'), 'team-beta', 'beta-app');
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      'user:default/guest may not act for team team-beta: only its members and the platform team may',
    );
  });

  it('answers a dry run for another team with 403, before anything of that team is looked up', async () => {
    expect((await create(as('bea'), 'team-beta', 'beta-secret')).status).toBe(
      202,
    );
    const dryRun = (body: object) =>
      request(server)
        .post('/api/platform/resources?dryRun=true')
        .set('Authorization', as('guest'))
        .send({
          offering: 'web-application',
          team: 'team-beta',
          environment: 'development',
          ...body,
        });

    // Whether a name is taken, how much quota is used, or what a reference
    // would resolve to: the answer is the same refusal.
    for (const body of [
      { name: 'beta-secret' },
      { name: 'never-used' },
      {
        offering: 'api-gateway',
        name: 'gw',
        config: { upstream: 'beta-secret' },
      },
    ]) {
      const verdict = await dryRun(body);
      expect(verdict.status).toBe(403);
      expect(verdict.body.error.message).toBe(
        'user:default/guest may not act for team team-beta: only its members and the platform team may',
      );
      expect(JSON.stringify(verdict.body)).not.toMatch(/beta-secret|quota/);
    }
  });

  it("lets the approving group decide on another team's request, and no one else", async () => {
    const created = await request(server)
      .post('/api/platform/resources')
      .set('Authorization', as('guest'))
      .send({
        offering: 'postgresql-database',
        name: 'big-db',
        team: 'team-alpha',
        environment: 'production',
        config: {
          size: 'large',
          high_availability: true,
          backup_retention_days: 7,
        },
      })
      .expect(202);
    const approve = (user: string) =>
      request(server)
        .post(`/api/platform/resources/${created.body.id}/approve`)
        .set('Authorization', as(user))
        .send({});

    // The platform team may do anything with team-alpha's resources, but
    // approving is for the approving group.
    const priya = await approve('priya');
    expect(priya.status).toBe(403);
    expect(priya.body.error.message).toBe(
      'user:default/priya is not a member of group:default/team-beta, who decide on this request',
    );
    const bea = await approve('bea');
    expect(bea.status).toBe(200);
    expect(bea.body.state).toBe('approved');
  });

  it("lets only the team and the platform team extend a resource's life or read its spend", async () => {
    const created = await create(as('guest'), 'team-alpha', 'extendable');
    expect(created.status).toBe(202);
    // Each extend moves the expiry later than the one before.
    const later = (hours: number) =>
      new Date(
        Date.parse(created.body.expiresAt) + hours * 3_600_000,
      ).toISOString();
    const extend = (user: string, hours: number) =>
      request(server)
        .post(`/api/platform/resources/${created.body.id}/extend`)
        .set('Authorization', as(user))
        .send({ expiresAt: later(hours) });
    const bea = await extend('bea', 1);
    expect(bea.status).toBe(403);
    expect(bea.body.error.message).toBe(
      'user:default/bea may not update this resource',
    );
    expect((await extend('guest', 1)).status).toBe(200);
    expect((await extend('priya', 2)).status).toBe(200);

    const spend = (user: string, team: string) =>
      request(server)
        .get(`/api/platform/spend?team=${team}`)
        .set('Authorization', as(user));
    expect((await spend('guest', 'team-beta')).status).toBe(403);
    expect((await spend('guest', 'team-alpha')).status).toBe(200);
    expect((await spend('priya', 'team-beta')).status).toBe(200);
  });

  it('shows quotas only to the team and the platform team', async () => {
    const quotas = (user: string, team: string) =>
      request(server)
        .get(`/api/platform/quotas?team=${team}`)
        .set('Authorization', as(user));

    const refused = await quotas('guest', 'team-beta');
    expect(refused.status).toBe(403);
    expect(refused.body).not.toHaveProperty('items');
    expect((await quotas('guest', 'team-alpha')).status).toBe(200);
    expect((await quotas('bea', 'group:default/team-beta')).status).toBe(200);
    expect((await quotas('priya', 'team-beta')).status).toBe(200);
  });

  it('gives per-team health figures only for the teams the requester may see', async () => {
    const byTeam = async (user: string) => {
      const res = await request(server)
        .get('/api/platform/health/summary')
        .set('Authorization', as(user));
      expect(res.status).toBe(200);
      return Object.keys(res.body.activeResources.byTeam).sort();
    };
    expect(await byTeam('guest')).toEqual(['team-alpha']);
    expect(await byTeam('bea')).toEqual(['team-beta']);
    expect(await byTeam('priya')).toEqual(['team-alpha', 'team-beta']);
  });

  it('lets the platform team and services act for any team', async () => {
    expect((await create(as('priya'), 'team-beta', 'by-platform')).status).toBe(
      202,
    );
    expect((await create(service, 'team-beta', 'by-service')).status).toBe(202);
  });

  it('shows each user only their teams, filtering the list in SQL', async () => {
    const names = async (authorization: string) => {
      const res = await request(server)
        .get('/api/platform/resources')
        .set('Authorization', authorization);
      return res.body.items.map((r: { name: string }) => r.name).sort();
    };
    expect(await names(as('guest'))).toEqual([
      'alpha-app',
      'big-db',
      'extendable',
    ]);
    // Having approved big-db does not put it in bea's list.
    expect(await names(as('bea'))).toEqual([
      'beta-secret',
      'by-platform',
      'by-service',
    ]);
    expect(await names(as('priya'))).toEqual([
      'alpha-app',
      'beta-secret',
      'big-db',
      'by-platform',
      'by-service',
      'extendable',
    ]);
  });

  it('guards reads, changes and deletes of single resources', async () => {
    const list = await request(server)
      .get('/api/platform/resources?team=team-beta')
      .set('Authorization', as('priya'));
    const betaId = list.body.items[0].id;

    const read = await request(server)
      .get(`/api/platform/resources/${betaId}`)
      .set('Authorization', as('guest'));
    expect(read.status).toBe(403);
    // Which team owns it is not said.
    expect(read.body.error.message).toBe(
      'user:default/guest may not read this resource',
    );

    const del = await request(server)
      .delete(`/api/platform/resources/${betaId}`)
      .set('Authorization', as('guest'));
    expect(del.status).toBe(403);

    const secret = await request(server)
      .get(`/api/platform/resources/${betaId}/secret`)
      .set('Authorization', as('guest'));
    expect(secret.status).toBe(403);

    const byMember = await request(server)
      .get(`/api/platform/resources/${betaId}`)
      .set('Authorization', as('bea'));
    expect(byMember.status).toBe(200);

    const deleted = await request(server)
      .delete(`/api/platform/resources/${betaId}`)
      .set('Authorization', as('bea'));
    expect(deleted.status).toBe(202);
  });
});
