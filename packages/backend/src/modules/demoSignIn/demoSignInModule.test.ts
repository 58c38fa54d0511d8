import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authBackend from '@backstage/plugin-auth-backend';
import request from 'supertest';
import { demoSignInModule } from './demoSignInModule';

jest.setTimeout(60_000);

const user = (
  name: string,
  memberOf: string[],
  displayName?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName }, memberOf },
  // What the catalog's processing adds, and sign-in reads groups from.
  relations: memberOf.map(group => ({
    type: 'memberOf',
    targetRef: `group:default/${group}`,
  })),
});

/** The demo organisation as the catalog holds it (examples/org.yaml). */
const catalog = catalogServiceMock.factory({
  entities: [
    user('guest', ['team-alpha'], 'Guest'),
    user('priya', ['platform-team'], 'Priya Platform'),
    user('outsider', ['team-beta']),
  ],
});

const demoConfig = {
  // The test runs with NODE_ENV=test, not development.
  dangerouslyAllowOutsideDevelopment: true,
  users: ['user:default/guest', 'priya', 'user:default/nobody-in-catalog'],
};

type ProviderConfig = {
  users?: string[];
  dangerouslyAllowOutsideDevelopment?: boolean;
};

async function startAuth(providers: Record<string, ProviderConfig>) {
  const { server } = await startTestBackend({
    features: [
      authBackend,
      demoSignInModule,
      catalog,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: { baseUrl: 'http://localhost:7007' },
          auth: { providers },
        },
      }),
    ],
  });
  return (demoUser?: string) => {
    const req = request(server)
      .get('/api/auth/demo/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');
    return demoUser ? req.set('x-demo-user', demoUser) : req;
  };
}

/** The claims of a Backstage token, unverified: the test only reads them. */
function claims(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('the demo sign-in provider', () => {
  describe('where auth.providers.demo is configured', () => {
    let refresh: Awaited<ReturnType<typeof startAuth>>;

    beforeAll(async () => {
      refresh = await startAuth({ demo: demoConfig });
    });

    it('signs in priya with the platform team as her group', async () => {
      const res = await refresh('priya');
      expect(res.status).toBe(200);
      expect(res.body.profile).toEqual({ displayName: 'Priya Platform' });
      expect(res.body.backstageIdentity.identity).toEqual({
        type: 'user',
        userEntityRef: 'user:default/priya',
        ownershipEntityRefs: [
          'user:default/priya',
          'group:default/platform-team',
        ],
      });
      expect(claims(res.body.backstageIdentity.token).sub).toBe(
        'user:default/priya',
      );
    });

    it('signs in the guest, named by name or by entity ref', async () => {
      for (const name of [
        'guest',
        'user:default/guest',
        'User:default/Guest',
      ]) {
        const res = await refresh(name);
        expect(res.status).toBe(200);
        expect(res.body.backstageIdentity.identity).toEqual({
          type: 'user',
          userEntityRef: 'user:default/guest',
          ownershipEntityRefs: [
            'user:default/guest',
            'group:default/team-alpha',
          ],
        });
      }
    });

    it('refuses a user that is not one of the demo users, even one in the catalog', async () => {
      for (const name of ['outsider', 'mallory', 'user:other/priya']) {
        const res = await refresh(name);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(
          /is not one of the demo users one may sign in as$/,
        );
        expect(res.body).not.toHaveProperty('backstageIdentity');
      }
    });

    it('refuses a demo user the catalog does not hold', async () => {
      const res = await refresh('nobody-in-catalog');
      expect(res.status).toBe(404);
      expect(res.body).not.toHaveProperty('backstageIdentity');
    });

    it('refuses a request that names nobody, or something other than a user', async () => {
      const nobody = await refresh();
      expect(nobody.status).toBe(400);
      expect(nobody.body.error.message).toBe(
        'Name the demo user to sign in as in the x-demo-user header',
      );
      const group = await refresh('group:default/platform-team');
      expect(group.status).toBe(400);
      expect(group.body).not.toHaveProperty('backstageIdentity');
    });
  });

  it('is absent where auth.providers.demo is not configured', async () => {
    const refresh = await startAuth({ guest: {} });
    const res = await refresh('priya');
    expect(res.status).toBe(404);
    expect(res.body).not.toHaveProperty('backstageIdentity');
  });

  it('refuses outside development unless explicitly allowed', async () => {
    const refresh = await startAuth({
      demo: { users: demoConfig.users },
    });
    const res = await refresh('priya');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /cannot be used outside of a development environment/,
    );
    expect(res.body).not.toHaveProperty('backstageIdentity');
  });
});
