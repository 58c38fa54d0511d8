import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { PlatformClient } from '@idp-kit/plugin-platform-node';
import { createCreateResourceAction } from './actions/createResource';
import { createDeleteResourceAction } from './actions/deleteResource';
import { createGetOfferingAction } from './actions/getOffering';
import { createWaitForResourceAction } from './actions/waitForResource';

/**
 * Adds the `platform:*` actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModulePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, discovery, auth, config }) {
        const client = new PlatformClient({ discovery, auth });
        scaffolder.addActions(
          createGetOfferingAction({ client }),
          createCreateResourceAction({ client }),
          createWaitForResourceAction({
            client,
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
          createDeleteResourceAction({ client }),
        );
      },
    });
  },
});
