import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  PLATFORM_RESOURCE_CHANGED_TOPIC,
  platformPermissions,
} from '@idp-kit/plugin-platform-common';
import { readEngineOptions } from './provisioning/EngineOptions';
import { ProvisioningEngine } from './provisioning/ProvisioningEngine';
import { Reconciler } from './provisioning/Reconciler';
import { SecretBox } from './secrets/SecretBox';
import { SecretResealer } from './secrets/SecretResealer';
import { WorkQueue } from './provisioning/WorkQueue';
import { applyDatabaseMigrations } from './database/migrations';
import { routeKnexWarnings } from './database/routeKnexWarnings';
import { OutageMonitor } from './availability/OutageMonitor';
import { OfferingRegistry } from './offerings/OfferingRegistry';
import { registerOfferingExtensionPoints } from './offerings/registerOfferingExtensionPoints';
import { readRetentionOptions } from './housekeeping/RetentionOptions';
import { RetentionSweeper } from './housekeeping/RetentionSweeper';
import { FeedbackStore } from './metrics/FeedbackStore';
import { HealthStore } from './metrics/HealthStore';
import { PlatformMetrics } from './metrics/PlatformMetrics';
import { ResourceAuthorizer } from './permissions/ResourceAuthorizer';
import { teamGroupRef } from './permissions/rules';
import {
  platformResourcePermissionResourceRef,
  platformResourceRules,
} from './permissions/rules';
import { ApprovalRulesPolicy } from './approvals/ApprovalRulesPolicy';
import { setupApprovals } from './approvals/setupApprovals';
import { setupCosts } from './costs/setupCosts';
import { LifetimeConfig } from './lifetimes/LifetimeConfig';
import { setupLifetimes } from './lifetimes/setupLifetimes';
import { EnvironmentRulesPolicy } from './policies/EnvironmentRulesPolicy';
import { PolicyEngine } from './policies/PolicyEngine';
import { QuotaConfig } from './policies/QuotaConfig';
import { QuotaPolicy } from './policies/QuotaPolicy';
import { OwnedEntities } from './catalog/OwnedEntities';
import { TeamDirectory } from './catalog/TeamDirectory';
import { TrustedOrigins } from './catalog/TrustedOrigins';
import { platformTeamRef } from './catalog/platformTeamRef';
import { registerPlatformActions } from './actions/registerPlatformActions';
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
    const {
      offerings: moduleOfferings,
      policies: modulePolicies,
      provisioners,
    } = registerOfferingExtensionPoints(env);

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
      async init({
        config,
        logger,
        database,
        httpRouter,
        httpAuth,
        auditor,
        userInfo,
        auth,
        permissions,
        permissionsRegistry,
        scheduler,
        lifecycle,
        catalog,
        events,
        actionsRegistry,
        notifications,
      }) {
        // Tells other plugins (the catalog module) as soon as a resource changes.
        const announce = (resourceId: string) => {
          events
            .publish({
              topic: PLATFORM_RESOURCE_CHANGED_TOPIC,
              eventPayload: { resourceId },
            })
            .catch(error =>
              logger.warn(
                `Could not announce a change of ${resourceId}: ${error}`,
              ),
            );
        };
        const db = await applyDatabaseMigrations(database);
        routeKnexWarnings(db, logger);
        const outages = new OutageMonitor({
          logger,
          probe: () => db.raw('select 1'),
        });
        const offerings = OfferingRegistry.create({ config, moduleOfferings });
        const store = new ResourceStore(db);
        const environments =
          config.getOptionalStringArray('platform.environments') ??
          DEFAULT_ENVIRONMENTS;
        const lifetimeConfig = LifetimeConfig.fromConfig(config);
        const { prices, costs, budgetPolicy } = setupCosts({
          config,
          offerings: offerings.list(),
          store,
        });
        offerings.describeWith(offering => ({
          lifetimes: lifetimeConfig.lifetimesOf(offering.id, environments),
          ...(prices.modelOf(offering.id)
            ? {
                pricing: prices.modelOf(offering.id),
                currency: prices.currency,
              }
            : {}),
        }));
        const spend = prices.priced ? () => costs.platformSpend() : undefined;
        const retention = readRetentionOptions(config);
        const health = new HealthStore(db, {
          healthChecksDays: retention.healthChecksDays,
          spend:
            spend &&
            (async () => {
              const { byTeamAndOffering: _detail, ...summary } = await spend();
              return summary;
            }),
        });
        const feedback = new FeedbackStore(db);
        const metrics = new PlatformMetrics({
          health,
          spend: spend && (async () => (await spend()).byTeamAndOffering),
        });
        permissionsRegistry.addResourceType({
          resourceRef: platformResourcePermissionResourceRef,
          permissions: platformPermissions,
          rules: Object.values(platformResourceRules),
          getResources: refs => Promise.all(refs.map(ref => store.find(ref))),
        });
        const authorizer = new ResourceAuthorizer(
          permissions,
          permissionsRegistry.getPermissionRuleset(
            platformResourcePermissionResourceRef,
          ),
        );
        const quotas = QuotaConfig.fromConfig(config);
        const policies = new PolicyEngine([
          { policy: new QuotaPolicy(quotas, store), source: 'built-in' },
          {
            policy: EnvironmentRulesPolicy.fromConfig(config),
            source: 'built-in',
          },
          {
            policy: ApprovalRulesPolicy.fromConfig(config),
            source: 'built-in',
          },
          { policy: budgetPolicy, source: 'built-in' },
          ...modulePolicies.map(policy => ({
            policy,
            source: 'a backend module',
          })),
        ]);
        const secrets = SecretBox.fromConfig(config, {
          production: process.env.NODE_ENV === 'production',
          warn: message => logger.warn(message),
        });
        const engineOptions = readEngineOptions(config);
        const engine = new ProvisioningEngine({
          queue: new WorkQueue(db, { leaseMs: engineOptions.leaseMs }),
          store,
          provisioners,
          secrets,
          logger: logger.child({ component: 'provisioning-engine' }),
          options: engineOptions,
          onStateChange: announce,
          metrics,
          outages,
        });
        const reconciler = new Reconciler({
          store,
          provisioners,
          secrets,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'platform-reconcile',
          scope: 'global',
          frequency: {
            seconds:
              config.getOptionalNumber(
                'platform.provisioning.reconcileIntervalSeconds',
              ) ?? 300,
          },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 30 },
          fn: async signal => {
            await reconciler.reconcileAll(signal as AbortSignal);
          },
        });
        // Values sealed with a previous key are sealed again with the current one.
        const resealer = new SecretResealer({ store, secrets, logger });
        await scheduler.scheduleTask({
          id: 'platform-secrets-reseal',
          scope: 'global',
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
          initialDelay: { seconds: 15 },
          fn: async signal => {
            await resealer.resealAll(signal as AbortSignal);
          },
        });
        const sweeper = new RetentionSweeper({
          resources: store,
          health,
          feedback,
          retention,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'platform-retention',
          scope: 'global',
          frequency: { hours: 6 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 10 },
          fn: async signal => {
            await sweeper.sweep(signal as AbortSignal);
          },
        });
        // Replicas that only serve the API leave the work to the others.
        if (
          config.getOptionalBoolean('platform.provisioning.enabled') ??
          true
        ) {
          lifecycle.addStartupHook(() => engine.start());
        }
        lifecycle.addShutdownHook(() => engine.stop());
        lifecycle.addShutdownHook(() => outages.stop());

        const onChange = (resource: { id: string }) => {
          engine.wake();
          announce(resource.id);
        };
        const approvals = await setupApprovals({
          config,
          db,
          resources: store,
          authorizer,
          auth,
          userInfo,
          notifications,
          scheduler,
          logger,
          metrics,
          onChange,
        });
        const lifetimes = await setupLifetimes({
          config: lifetimeConfig,
          db,
          store,
          notifications,
          scheduler,
          logger,
          withdrawApprovals: (tx, id) => approvals.withdrawWithin(tx, id),
          onChange,
        });
        const resources = new ResourceService({
          offerings,
          store,
          policies,
          quotas,
          environments,
          lifetimes: lifetimeConfig,
          costs,
          teams: new TeamDirectory({
            catalog,
            trustedOrigins: TrustedOrigins.fromConfig(config),
          }),
          ownedEntities: new OwnedEntities({
            catalog,
            platformTeam: platformTeamRef(config),
          }),
          authorizer,
          secrets,
          metrics,
          isMember: async (credentials, team) => {
            if (!auth.isPrincipal(credentials, 'user')) {
              return false;
            }
            const info = await userInfo.getUserInfo(credentials);
            return info.ownershipEntityRefs.includes(teamGroupRef(team));
          },
          approvals,
          onChange,
        });
        registerPlatformActions({
          actionsRegistry,
          offerings,
          resources,
          auditor,
          appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
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
            auditor,
            offerings,
            policies,
            resources,
            approvals,
            store,
            lifetimes,
            lifetimeConfig,
            costs,
            health,
            feedback,
            metrics,
            authorizer,
            outages,
          }),
        );
      },
    });
  },
});
