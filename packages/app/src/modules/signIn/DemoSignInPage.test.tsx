import { IdentityApi } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DemoSignInPage } from './DemoSignInPage';

const apis = [mockApis.discovery({ baseUrl: 'http://backend.test' })] as const;
const config = { app: { title: 'Internal Developer Platform' } };

/** A token the sign-in reads the expiry of; its signature is not checked. */
const token = [
  'e30',
  btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })),
  'signature',
].join('.');

function session(userEntityRef: string, group: string) {
  return {
    profile: { displayName: userEntityRef },
    backstageIdentity: {
      token,
      identity: {
        type: 'user',
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, group],
      },
    },
  };
}

/** The auth backend: guest and priya sign in, anyone else gets `status`. */
function authBackend(failure?: { status: number }) {
  return jest.fn(async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    let body: object | undefined;
    if (url === 'http://backend.test/api/auth/guest/refresh') {
      body = session('user:default/guest', 'group:default/team-alpha');
    } else if (
      url === 'http://backend.test/api/auth/demo/refresh' &&
      headers.get('x-demo-user') === 'user:default/priya'
    ) {
      body = session('user:default/priya', 'group:default/platform-team');
    }
    if (failure || !body) {
      const status = failure?.status ?? 403;
      return {
        ok: false,
        status,
        statusText: 'Refused',
        url,
        headers: new Headers({ 'content-type': 'application/json' }),
        text: async () =>
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'Not a demo user' },
            request: { method: 'GET', url },
            response: { statusCode: status },
          }),
      };
    }
    return { ok: true, status: 200, json: async () => body };
  });
}

function render() {
  const signedIn: IdentityApi[] = [];
  renderInTestApp(
    <DemoSignInPage onSignInSuccess={identity => signedIn.push(identity)} />,
    { apis, config },
  );
  return signedIn;
}

const originalFetch = global.fetch;
afterEach(() => {
  global.fetch = originalFetch;
  localStorage.clear();
});

describe('DemoSignInPage', () => {
  it('signs in as priya through the demo provider and keeps the choice', async () => {
    const fetch = authBackend();
    global.fetch = fetch as unknown as typeof global.fetch;
    const signedIn = render();

    expect(
      await screen.findByText('Platform admin (priya)'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as priya' }),
    );

    await waitFor(() => expect(signedIn).toHaveLength(1));
    expect(await signedIn[0].getBackstageIdentity()).toEqual({
      type: 'user',
      userEntityRef: 'user:default/priya',
      ownershipEntityRefs: [
        'user:default/priya',
        'group:default/platform-team',
      ],
    });
    expect(await signedIn[0].getCredentials()).toEqual({ token });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend.test/api/auth/demo/refresh',
      expect.anything(),
    );
    expect(localStorage.getItem('idp-kit:demo-sign-in')).toBe('priya');
  });

  it('signs in as the guest with the guest provider', async () => {
    global.fetch = authBackend() as unknown as typeof global.fetch;
    const signedIn = render();

    await userEvent.click(await screen.findByRole('button', { name: 'Enter' }));

    await waitFor(() => expect(signedIn).toHaveLength(1));
    expect((await signedIn[0].getBackstageIdentity()).userEntityRef).toBe(
      'user:default/guest',
    );
    expect(localStorage.getItem('idp-kit:demo-sign-in')).toBe('guest');
  });

  it('after a reload, signs in again as the one chosen, without asking', async () => {
    global.fetch = authBackend() as unknown as typeof global.fetch;
    localStorage.setItem('idp-kit:demo-sign-in', 'priya');
    const signedIn = render();

    await waitFor(() => expect(signedIn).toHaveLength(1));
    expect((await signedIn[0].getBackstageIdentity()).userEntityRef).toBe(
      'user:default/priya',
    );
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
  });

  it('forgets the choice on sign-out', async () => {
    global.fetch = authBackend() as unknown as typeof global.fetch;
    localStorage.setItem('idp-kit:demo-sign-in', 'guest');
    const signedIn = render();
    await waitFor(() => expect(signedIn).toHaveLength(1));

    await signedIn[0].signOut();

    expect(localStorage.getItem('idp-kit:demo-sign-in')).toBeNull();
  });

  it('shows the choices again, with the error, when sign-in fails', async () => {
    global.fetch = authBackend({
      status: 404,
    }) as unknown as typeof global.fetch;
    localStorage.setItem('idp-kit:demo-sign-in', 'priya');
    const signedIn = render();

    expect(
      await screen.findByText(/Could not sign in as Platform admin \(priya\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as priya' }),
    ).toBeInTheDocument();
    expect(signedIn).toHaveLength(0);
    expect(localStorage.getItem('idp-kit:demo-sign-in')).toBeNull();
  });
});
