import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { platformProvisionersExtensionPoint } from '@idp-kit/plugin-platform-node';
import { GitOpsProvisioner } from './GitOpsProvisioner';

/**
 * Provisions `web-application` and `api-gateway` resources as Kubernetes
 * manifests committed to a Git repository.
 *
 * @public
 */
export const platformModuleGitOps = createBackendModule({
  pluginId: 'platform',
  moduleId: 'gitops',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        provisioners: platformProvisionersExtensionPoint,
      },
      async init({ config, logger, provisioners }) {
        const provisioner = GitOpsProvisioner.fromConfig(config, { logger });
        for (const offering of provisioner.offerings) {
          provisioners.addProvisioner(offering, provisioner);
        }
      },
    });
  },
});
