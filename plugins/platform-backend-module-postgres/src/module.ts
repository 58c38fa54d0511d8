import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { platformOfferingsExtensionPoint } from '@idp-kit/plugin-platform-node';
import { PostgresProvisioner } from './PostgresProvisioner';
import { postgresqlDatabaseOffering } from './postgresqlDatabaseOffering';

/**
 * Offers PostgreSQL databases, provisioned on the server configured under
 * `platform.postgres`.
 *
 * @public
 */
export const platformModulePostgres = createBackendModule({
  pluginId: 'platform',
  moduleId: 'postgres',
  register(env) {
    env.registerInit({
      deps: {
        offerings: platformOfferingsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ offerings, config, logger }) {
        offerings.addOffering({
          offering: postgresqlDatabaseOffering,
          provisioner: PostgresProvisioner.fromConfig(config, { logger }),
        });
      },
    });
  },
});
