import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { platformOfferingsExtensionPoint } from '@idp-kit/plugin-platform-node';
import { GitOpsProvisioner } from './GitOpsProvisioner';
import { apiGatewayOffering } from './offerings/apiGatewayOffering';
import { webApplicationOffering } from './offerings/webApplicationOffering';

/**
 * Offers web applications and API gateways, provisioned as Kubernetes
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
        offerings: platformOfferingsExtensionPoint,
      },
      async init({ config, logger, offerings }) {
        // One repository, and one queue of commits to it, for both offerings.
        const provisioner = GitOpsProvisioner.fromConfig(config, { logger });
        offerings.addOffering({
          offering: webApplicationOffering,
          provisioner,
        });
        offerings.addOffering({ offering: apiGatewayOffering, provisioner });
      },
    });
  },
});
