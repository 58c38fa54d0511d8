import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { demoUserAuthenticator } from './demoUserAuthenticator';

/**
 * The `demo` sign-in provider: signs in as a user of the demo organisation
 * that the request names, for local demos and end-to-end tests that act as
 * more than one person. The auth backend serves it only where
 * `auth.providers.demo` is configured (app-config.yaml, not production).
 */
export const demoSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoUserAuthenticator,
            // Only users in the catalog: their groups become the token's
            // ownership refs, as for any real sign-in.
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: result.userEntityRef,
              });
            },
          }),
        });
      },
    });
  },
});
