import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { Offering } from '@internal/plugin-platform-common';
import {
  PlatformPolicy,
  platformOfferingsExtensionPoint,
  platformPoliciesExtensionPoint,
} from '@internal/plugin-platform-node';
import { applyDatabaseMigrations } from './database/migrations';
import { OfferingRegistry } from './offerings/OfferingRegistry';
import { EnvironmentRulesPolicy } from './policies/EnvironmentRulesPolicy';
import { PolicyEngine } from './policies/PolicyEngine';
import { QuotaConfig } from './policies/QuotaConfig';
import { QuotaPolicy } from './policies/QuotaPolicy';
import { ResourceService } from './resources/ResourceService';
import { ResourceStore } from './resources/ResourceStore';
import { createRouter } from './service/router';

const DEFAULT_ENVIRONMENTS = ['development', 'staging', 'production'];

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
    const modulePolicies: PlatformPolicy[] = [];
    env.registerExtensionPoint(platformPoliciesExtensionPoint, {
      addPolicy(...policies) {
        modulePolicies.push(...policies);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, database, httpRouter, httpAuth, catalog }) {
        const db = await applyDatabaseMigrations(database);
        const offerings = OfferingRegistry.create({ config, moduleOfferings });
        const store = new ResourceStore(db);
        const quotas = QuotaConfig.fromConfig(config);
        const policies = new PolicyEngine([
          { policy: new QuotaPolicy(quotas, store), source: 'built-in' },
          {
            policy: EnvironmentRulesPolicy.fromConfig(config),
            source: 'built-in',
          },
          ...modulePolicies.map(policy => ({
            policy,
            source: 'a backend module',
          })),
        ]);
        const resources = new ResourceService({
          offerings,
          store,
          policies,
          quotas,
          environments:
            config.getOptionalStringArray('platform.environments') ??
            DEFAULT_ENVIRONMENTS,
          catalog,
        });
        logger.info(
          `Platform offers ${offerings
            .list()
            .map(o => o.id)
            .join(', ')}`,
        );
        httpRouter.use(
          await createRouter({
            db,
            httpAuth,
            offerings,
            policies,
            resources,
            store,
          }),
        );
      },
    });
  },
});
