import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { Config } from '@backstage/config';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { ResourceService } from '../resources/ResourceService';
import { PrincipalRateLimiter } from '../service/PrincipalRateLimiter';
import { createCheckResourceRequestAction } from './createCheckResourceRequestAction';
import { createCreateResourceAction } from './createCreateResourceAction';
import { createDeleteResourceAction } from './createDeleteResourceAction';
import { createGetResourceAction } from './createGetResourceAction';
import { createListOfferingsAction } from './createListOfferingsAction';
import { createListResourcesAction } from './createListResourcesAction';
import { createRetryResourceAction } from './createRetryResourceAction';
import { createUpdateResourceAction } from './createUpdateResourceAction';
import { guardActions } from './guardActions';

/**
 * The platform's self-service as actions for AI assistants (through
 * Backstage's MCP server). Each calls the same `ResourceService` as the API,
 * with the caller's credentials, so an assistant can do exactly what its
 * user could, and each is guarded as the API's routes are: rate limited per
 * caller, its input checked by the same rules (`guardActions`).
 */
export function registerPlatformActions(options: {
  actionsRegistry: ActionsRegistryService;
  config: Config;
  offerings: OfferingRegistry;
  resources: ResourceService;
  auditor: AuditorService;
  appBaseUrl: string;
}) {
  const { resources, auditor } = options;
  const actionsRegistry = guardActions(
    options.actionsRegistry,
    PrincipalRateLimiter.fromConfig(options.config),
  );
  createListOfferingsAction({
    actionsRegistry,
    offerings: options.offerings,
    environments: resources.environments,
  });
  createCheckResourceRequestAction({ actionsRegistry, resources });
  createCreateResourceAction({ actionsRegistry, resources, auditor });
  createGetResourceAction({
    actionsRegistry,
    resources,
    appBaseUrl: options.appBaseUrl,
  });
  createListResourcesAction({ actionsRegistry, resources });
  createUpdateResourceAction({ actionsRegistry, resources, auditor });
  createDeleteResourceAction({ actionsRegistry, resources, auditor });
  createRetryResourceAction({ actionsRegistry, resources, auditor });
}
