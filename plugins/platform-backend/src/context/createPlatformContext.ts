import { platformPermissions } from '@idp-kit/plugin-platform-common';
import { setupApprovals } from '../approvals/setupApprovals';
import { OutageMonitor } from '../availability/OutageMonitor';
import { OwnedEntities } from '../catalog/OwnedEntities';
import { ResourceChangeNotifier } from '../changes/ResourceChangeNotifier';
import { setupCosts } from '../costs/setupCosts';
import { applyDatabaseMigrations } from '../database/migrations';
import { routeKnexWarnings } from '../database/routeKnexWarnings';
import { readRetentionOptions } from '../housekeeping/RetentionOptions';
import { LifetimeConfig } from '../lifetimes/LifetimeConfig';
import { setupLifetimes } from '../lifetimes/setupLifetimes';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import {
  platformResourcePermissionResourceRef,
  platformResourceRules,
} from '../permissions/rules';
import { QuotaConfig } from '../quota/QuotaConfig';
import { QuotaLedger } from '../quota/QuotaLedger';
import { RequestValidator } from '../requests/RequestValidator';
import { judgeApproved } from '../requests/judgeApproved';
import { ResourceAccess } from '../resources/ResourceAccess';
import { ResourceService } from '../resources/ResourceService';
import { SecretBox } from '../secrets/SecretBox';
import { ResourceStore } from '../store/ResourceStore';
import { TeamDirectory } from '../teams/TeamDirectory';
import { TrustedOrigins } from '../teams/TrustedOrigins';
import { platformTeamRef } from '../teams/platformTeamRef';
import { createObservability } from './createObservability';
import { createPolicyEngine } from './createPolicyEngine';
import { ModuleContributions } from '../offerings/registerOfferingExtensionPoints';
import { PlatformServices } from './PlatformServices';
import { readEnvironments } from './readEnvironments';
import { startProvisioning } from './startProvisioning';

/** Everything the platform's routes and actions are served from. */
export type PlatformContext = Awaited<ReturnType<typeof createPlatformContext>>;

/**
 * Builds the platform from the backend's services and the modules'
 * contributions, and starts its background work.
 */
export async function createPlatformContext(
  services: PlatformServices,
  contributions: ModuleContributions,
) {
  const { config, logger, catalog } = services;
  const db = await applyDatabaseMigrations(services.database, logger);
  routeKnexWarnings(db, logger);
  const outages = new OutageMonitor({
    logger,
    probe: () => db.raw('select 1'),
  });
  const offerings = OfferingRegistry.create({
    config,
    moduleOfferings: contributions.offerings,
  });
  const quota = new QuotaLedger(db, QuotaConfig.fromConfig(config));
  const { prices, costs, budgetPolicy, budgetGuard } = setupCosts({
    config,
    offerings: offerings.list(),
    db,
  });
  const store = new ResourceStore(db, { quota, budget: budgetGuard });
  const changes = new ResourceChangeNotifier({
    events: services.events,
    logger,
  });
  const environments = readEnvironments(config);
  const lifetimeConfig = LifetimeConfig.fromConfig(config);
  offerings.describeWith(offering => ({
    lifetimes: lifetimeConfig.lifetimesOf(offering.id, environments),
    ...(prices.modelOf(offering.id)
      ? { pricing: prices.modelOf(offering.id), currency: prices.currency }
      : {}),
  }));
  const retention = readRetentionOptions(config);
  const { health, feedback, metrics } = createObservability({
    db,
    retention,
    prices,
    costs,
  });

  services.permissionsRegistry.addResourceType({
    resourceRef: platformResourcePermissionResourceRef,
    permissions: platformPermissions,
    rules: Object.values(platformResourceRules),
    getResources: refs => Promise.all(refs.map(ref => store.find(ref))),
  });
  const authorizer = new ResourceAuthorizer(
    services.permissions,
    services.permissionsRegistry.getPermissionRuleset(
      platformResourcePermissionResourceRef,
    ),
  );
  const teams = new TeamDirectory({
    catalog,
    trustedOrigins: TrustedOrigins.fromConfig(config),
    auth: services.auth,
    userInfo: services.userInfo,
  });
  const policies = createPolicyEngine({
    config,
    quota,
    budgetPolicy,
    modulePolicies: contributions.policies,
  });
  const secrets = SecretBox.fromConfig(config, {
    production: process.env.NODE_ENV === 'production',
    warn: message => logger.warn(message),
  });

  await startProvisioning({
    ...services,
    db,
    store,
    quota,
    provisioners: contributions.provisioners,
    secrets,
    changes,
    metrics,
    health,
    feedback,
    retention,
    outages,
  });
  const approvals = await setupApprovals({
    ...services,
    db,
    resources: store,
    authorizer,
    teams,
    metrics,
    changes,
    judge: judgeApproved({ offerings, store, policies }),
  });
  const lifetimes = await setupLifetimes({
    ...services,
    config: lifetimeConfig,
    db,
    store,
    withdrawApprovals: (tx, id) => approvals.withdrawWithin(tx, id),
    changes,
  });
  const resources = new ResourceService({
    validator: new RequestValidator({
      offerings,
      store,
      policies,
      quota,
      environments,
      teams,
      ownedEntities: new OwnedEntities({
        catalog,
        platformTeam: platformTeamRef(config),
      }),
      lifetimes: lifetimeConfig,
      costs,
    }),
    store,
    access: new ResourceAccess({ store, authorizer }),
    quota,
    offerings,
    teams,
    secrets,
    changes,
    approvals,
    metrics,
  });

  return {
    db,
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
  };
}
