import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { registerPlatformActions } from './actions/registerPlatformActions';
import { createPlatformContext } from './context/createPlatformContext';
import { registerOfferingExtensionPoints } from './offerings/registerOfferingExtensionPoints';
import { createRouter } from './service/router';

/**
 * The Platform API: offerings, resources, policies and provisioning.
 *
 * @public
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    const contributions = registerOfferingExtensionPoints(env);

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init({ httpRouter, httpAuth, ...services }) {
        const context = await createPlatformContext(services, contributions);
        registerPlatformActions({
          ...services,
          ...context,
          appBaseUrl: services.config.getOptionalString('app.baseUrl') ?? '',
        });
        httpRouter.use(
          await createRouter({ ...services, ...context, httpAuth }),
        );
        services.logger.info(
          `Platform offers ${context.offerings
            .list()
            .map(o => o.id)
            .join(', ')}`,
        );
      },
    });
  },
});
