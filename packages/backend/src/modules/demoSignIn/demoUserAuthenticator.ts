import {
  parseEntityRef,
  stringifyEntityRef,
  UserEntity,
} from '@backstage/catalog-model';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';

/**
 * The request header that names the demo user to sign in as: a user entity
 * reference or just the name of a user in the default namespace. The app's
 * demo sign-in page sends it (packages/app/src/modules/signIn).
 */
export const DEMO_USER_HEADER = 'x-demo-user';

/** What the authenticator found: the demo user the request asked for. */
export type DemoUserResult = { userEntityRef: string };

type DemoUserContext = {
  /** The users one may sign in as, as entity refs. */
  users: Set<string>;
  /** Why sign-in is refused in this environment, if it is. */
  refusal?: string;
};

/**
 * Signs in, without a password, as one of the users listed in
 * `auth.providers.demo.users`, named by the request. For local demos and
 * tests only: like Backstage's guest provider, it refuses to work unless
 * NODE_ENV is development or `dangerouslyAllowOutsideDevelopment` is set.
 */
export const demoUserAuthenticator = createProxyAuthenticator<
  DemoUserContext,
  DemoUserResult,
  undefined
>({
  // The name and email address of the catalog user, so the app shows who
  // is signed in (a missing user is refused here already).
  async defaultProfileTransform(result, ctx) {
    const { entity } = await ctx.findCatalogUser({
      entityRef: result.userEntityRef,
    });
    const profile = (entity as UserEntity).spec?.profile ?? {};
    return {
      profile: {
        displayName: profile.displayName,
        email: profile.email,
        picture: profile.picture,
      },
    };
  },
  initialize({ config }) {
    const users = new Set(
      config.getStringArray('users').map(ref => toUserRef(ref, 'users')),
    );
    const allowed =
      process.env.NODE_ENV === 'development' ||
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
    return {
      users,
      refusal: allowed
        ? undefined
        : "The demo provider cannot be used outside of a development environment unless 'auth.providers.demo.dangerouslyAllowOutsideDevelopment' is enabled",
    };
  },
  async authenticate({ req }, { users, refusal }) {
    if (refusal) {
      throw refused('NotAllowedError', refusal);
    }
    const requested = req.get(DEMO_USER_HEADER);
    if (!requested) {
      throw refused(
        'InputError',
        `Name the demo user to sign in as in the ${DEMO_USER_HEADER} header`,
      );
    }
    const userEntityRef = toUserRef(requested, DEMO_USER_HEADER);
    if (!users.has(userEntityRef)) {
      throw refused(
        'NotAllowedError',
        `${userEntityRef} is not one of the demo users one may sign in as`,
      );
    }
    return { result: { userEntityRef } };
  },
});

function toUserRef(value: string, where: string): string {
  let ref;
  try {
    ref = parseEntityRef(value.trim(), {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw refused('InputError', `${where}: ${(error as Error).message}`);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
    throw refused('InputError', `${where}: ${value} is not a user`);
  }
  return stringifyEntityRef(ref);
}

/**
 * An error the backend's error handler answers with 400 (InputError) or 403
 * (NotAllowedError): it goes by the name, as for the classes of
 * `@backstage/errors`, which is not a dependency of this package.
 */
function refused(name: 'InputError' | 'NotAllowedError', message: string) {
  const error = new Error(message);
  error.name = name;
  return error;
}
