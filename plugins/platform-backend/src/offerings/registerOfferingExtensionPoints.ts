import {
  BackendPluginRegistrationPoints,
  ExtensionPointFactoryContext,
} from '@backstage/backend-plugin-api';
import { Offering } from '@idp-kit/plugin-platform-common';
import {
  OfferingContribution,
  PlatformPolicy,
  platformOfferingsExtensionPoint,
  platformPoliciesExtensionPoint,
  platformProvisionersExtensionPoint,
} from '@idp-kit/plugin-platform-node';
import { ProvisionerRegistry } from '../provisioning/ProvisionerRegistry';
import { OfferingRules } from './OfferingRules';
import { ModuleOfferings } from './settleOfferings';

/**
 * How the service catalog and errors name what a module contributed. The
 * extension point factory's context does not say which module it serves in
 * this Backstage version; a refused contribution is reported through it,
 * and the backend's start-up error names the module.
 */
export const MODULE_SOURCE = 'a backend module';

/** What the backend modules contributed through the extension points. */
export interface ModuleContributions {
  /** Offerings, each with whether a provisioner came with it. */
  offerings: ModuleOfferings[];
  /** Policies for every request, and each offering's rules limited to it. */
  policies: PlatformPolicy[];
  provisioners: ProvisionerRegistry;
}

function isContribution(
  value: Offering | OfferingContribution,
): value is OfferingContribution {
  return 'offering' in value && 'provisioner' in value;
}

/**
 * Registers the platform's extension points and collects what modules add.
 * Each module gets an implementation of its own, so a contribution that is
 * refused later fails that module's start-up rather than the platform's.
 */
export function registerOfferingExtensionPoints(
  env: BackendPluginRegistrationPoints,
): ModuleContributions {
  const offerings: ModuleOfferings[] = [];
  const policies: PlatformPolicy[] = [];
  const provisioners = new ProvisionerRegistry();
  const rules = new OfferingRules(policies);
  const failModule =
    (context: ExtensionPointFactoryContext) => (error: Error) =>
      context.reportModuleStartupFailure({ error });

  const addUnit = (
    { offering, provisioner, rules: own = [] }: OfferingContribution,
    fail: (error: Error) => void,
  ) => {
    provisioners.add(offering.id, provisioner);
    try {
      rules.add(offering.id, own);
    } catch (error) {
      provisioners.remove(offering.id, provisioner);
      throw error;
    }
    offerings.push({
      source: MODULE_SOURCE,
      offerings: [offering],
      serves: [offering.id],
      refuse(error) {
        provisioners.remove(offering.id, provisioner);
        rules.remove(offering.id, own);
        fail(error);
      },
    });
  };

  env.registerExtensionPoint({
    extensionPoint: platformOfferingsExtensionPoint,
    factory: context => ({
      addOffering(...items: Array<Offering | OfferingContribution>) {
        const bare = items.filter(
          (item): item is Offering => !isContribution(item),
        );
        if (bare.length > 0) {
          offerings.push({
            source: MODULE_SOURCE,
            offerings: bare,
            refuse: failModule(context),
          });
        }
        for (const item of items.filter(isContribution)) {
          addUnit(item, failModule(context));
        }
      },
    }),
  });

  env.registerExtensionPoint({
    extensionPoint: platformPoliciesExtensionPoint,
    factory: () => ({
      addPolicy(...added) {
        policies.push(...added);
      },
    }),
  });

  env.registerExtensionPoint({
    extensionPoint: platformProvisionersExtensionPoint,
    factory: context => ({
      addProvisioner(offeringId, provisioner) {
        provisioners.add(offeringId, provisioner);
        offerings.push({
          source: MODULE_SOURCE,
          offerings: [],
          serves: [offeringId],
          refuse(error) {
            provisioners.remove(offeringId, provisioner);
            failModule(context)(error);
          },
        });
      },
    }),
  });

  return { offerings, policies, provisioners };
}
