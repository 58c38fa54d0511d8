import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { platformProvisionersExtensionPoint } from '@idp-kit/plugin-platform-node';
import { PostgresProvisioner } from './PostgresProvisioner';

/**
 * Provisions `postgresql-database` resources on the PostgreSQL server
 * configured under `platform.postgres`.
 *
 * @public
 */
export const platformModulePostgres = createBackendModule({
  pluginId: 'platform',
  moduleId: 'postgres',
  register(env) {
    env.registerInit({
      deps: {
        provisioners: platformProvisionersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ provisioners, config, logger }) {
        provisioners.addProvisioner(
          'postgresql-database',
          PostgresProvisioner.fromConfig(config, { logger }),
        );
      },
    });
  },
});
