import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { PlatformClient } from '@idp-kit/plugin-platform-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { OfferingTemplateProvider } from './OfferingTemplateProvider';
import { ResourceEntityProvider } from './ResourceEntityProvider';

const DEFAULT_ENVIRONMENTS = ['development', 'staging', 'production'];

/**
 * Brings the platform into the Software Catalog.
 *
 * @public
 */
export const catalogModulePlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'platform',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        discovery,
        auth,
        logger,
        scheduler,
        events,
      }) {
        const client = new PlatformClient({ discovery, auth });
        catalog.addEntityProvider(
          new OfferingTemplateProvider({
            client,
            environments:
              config.getOptionalStringArray('platform.environments') ??
              DEFAULT_ENVIRONMENTS,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: { minutes: 5 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 5 },
            }),
          }),
        );
        catalog.addEntityProvider(
          new ResourceEntityProvider({
            client,
            logger,
            events,
            appBaseUrl: config.getString('app.baseUrl'),
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: { minutes: 10 },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 10 },
            }),
          }),
        );
      },
    });
  },
});
