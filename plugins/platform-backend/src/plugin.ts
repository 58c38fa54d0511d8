import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Offering } from '@internal/plugin-platform-common';
import { platformOfferingsExtensionPoint } from '@internal/plugin-platform-node';
import { applyDatabaseMigrations } from './database/migrations';
import { OfferingRegistry } from './offerings/OfferingRegistry';
import { createRouter } from './service/router';

/**
 * The Platform API: offerings, resources, policies and provisioning.
 *
 * @public
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    const moduleOfferings: { source: string; offerings: Offering[] }[] = [];
    env.registerExtensionPoint(platformOfferingsExtensionPoint, {
      addOffering(...offerings) {
        moduleOfferings.push({ source: 'a backend module', offerings });
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, database, httpRouter }) {
        const db = await applyDatabaseMigrations(database);
        const offerings = OfferingRegistry.create({ config, moduleOfferings });
        logger.info(
          `Platform offers ${offerings
            .list()
            .map(o => o.id)
            .join(', ')}`,
        );
        httpRouter.use(await createRouter({ db, offerings }));
      },
    });
  },
});
