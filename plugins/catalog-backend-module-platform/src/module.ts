import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { PlatformClient } from '@internal/plugin-platform-node';
import { OfferingTemplateProvider } from './OfferingTemplateProvider';

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
      },
      async init({ catalog, config, discovery, auth, logger, scheduler }) {
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
      },
    });
  },
});
