/** One person of the demo organisation one can sign in as, without a password. */
export type DemoIdentity = {
  id: string;
  title: string;
  description: string;
  /** The sign-in button's label. */
  action: string;
  /** The backend's auth provider that signs this person in. */
  provider: string;
  /** Sent with each sign-in and token refresh. */
  headers?: Record<string, string>;
};

/**
 * The sign-in page's choices (app-config.yaml's auth.providers.guest and
 * auth.providers.demo serve them; production turns both off).
 */
export const demoIdentities: DemoIdentity[] = [
  {
    id: 'guest',
    title: 'Guest',
    description:
      'A developer of Team Alpha (user:default/guest): requests resources for the team.',
    // Backstage's own guest sign-in, as before.
    action: 'Enter',
    provider: 'guest',
  },
  {
    id: 'priya',
    title: 'Platform admin (priya)',
    description:
      'Priya of the Platform Team (user:default/priya): approves what teams request.',
    action: 'Sign in as priya',
    provider: 'demo',
    // The header the backend's demo provider reads
    // (packages/backend/src/modules/demoSignIn).
    headers: { 'x-demo-user': 'user:default/priya' },
  },
];

const STORAGE_KEY = 'idp-kit:demo-sign-in';

/** The identity chosen in this browser, kept until sign-out. */
export const chosenIdentity = {
  get(): DemoIdentity | undefined {
    const id = window.localStorage.getItem(STORAGE_KEY);
    return demoIdentities.find(identity => identity.id === id);
  },
  set(identity: DemoIdentity) {
    window.localStorage.setItem(STORAGE_KEY, identity.id);
  },
  forget() {
    window.localStorage.removeItem(STORAGE_KEY);
  },
};
