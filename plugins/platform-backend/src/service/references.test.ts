import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { teamGroup } from '../__testUtils__/teams';
import { startPlatformTestBackend } from '../__testUtils__/platformTestBackend';

jest.setTimeout(60_000);

const owned = (kind: string, name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { owner, type: 'service', lifecycle: 'production' },
});

const guest = mockCredentials.user.header('user:default/guest');

describe('references to the catalog in requests', () => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    ({ server } = await startPlatformTestBackend({
      entities: [
        teamGroup('team-alpha'),
        teamGroup('team-beta'),
        teamGroup('platform-team'),
        teamGroup(
          'self-made',
          'url:https://git.example.com/someone/blob/main/group.yaml',
        ),
        owned('Component', 'shop', 'team-alpha'),
        owned('Component', 'beta-svc', 'group:default/team-beta'),
        owned('Component', 'shared-proxy', 'platform-team'),
        owned('System', 'checkout', 'team-alpha'),
        owned('System', 'billing', 'team-beta'),
      ],
    }));
  });

  let counter = 0;
  const post = (fields: object) =>
    request(server)
      .post('/api/platform/resources')
      .set('Authorization', guest)
      .send({
        offering: 'web-application',
        name: `app-${++counter}`,
        team: 'team-alpha',
        environment: 'development',
        ...fields,
      });

  it('stores the component and system of the team in their full form', async () => {
    const res = await post({ component: 'shop', system: 'system:checkout' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      component: 'component:default/shop',
      system: 'system:default/checkout',
    });

    const listed = await request(server)
      .get('/api/platform/resources?component=component:default/shop')
      .set('Authorization', guest);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([
      res.body.id,
    ]);
    const byShortRef = await request(server)
      .get('/api/platform/resources?system=checkout')
      .set('Authorization', guest);
    expect(byShortRef.body.items).toHaveLength(1);
  });

  it("accepts the platform team's components for every team", async () => {
    const res = await post({ component: 'component:default/shared-proxy' });
    expect(res.status).toBe(202);
  });

  it.each([
    [
      'component',
      'component:default/beta-svc',
      "'component:default/beta-svc' must be owned by group:default/team-alpha or by the platform team (group:default/platform-team)",
    ],
    [
      'system',
      'billing',
      "'system:default/billing' must be owned by group:default/team-alpha or by the platform team (group:default/platform-team)",
    ],
    [
      'component',
      'nowhere',
      "'component:default/nowhere' is not in the catalog",
    ],
    [
      'system',
      'system:default/nowhere',
      "'system:default/nowhere' is not in the catalog",
    ],
    [
      'team',
      'self-made',
      "'group:default/self-made' is not a team of the platform: its group comes from url:https://git.example.com/someone/blob/main/group.yaml, which is not one of the organisation's trusted origins (platform.teams.trustedOrigins)",
    ],
  ])('refuses %s %j, saying why', async (field, value, message) => {
    const res = await post({ [field]: value });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field, message }]);
  });

  it('refuses a self-made group as a team in a dry run too', async () => {
    const res = await request(server)
      .post('/api/platform/resources?dryRun=true')
      .set('Authorization', guest)
      .send({
        offering: 'web-application',
        name: 'x',
        team: 'group:default/self-made',
        environment: 'development',
      });
    expect(res.status).toBe(200);
    expect(res.body.allowed).toBe(false);
    expect(res.body.errors).toEqual([
      {
        field: 'team',
        message: expect.stringContaining('is not a team of the platform'),
      },
    ]);
  });
});
