import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  PlatformPolicy,
  platformPoliciesExtensionPoint,
} from '@idp-kit/plugin-platform-node';

/** A backend module that adds `policy` to the platform, as a policy pack would. */
export function policyModule(policy: PlatformPolicy) {
  return createBackendModule({
    pluginId: 'platform',
    moduleId: `${policy.id}-policy`,
    register(env) {
      env.registerInit({
        deps: { policies: platformPoliciesExtensionPoint },
        async init({ policies }) {
          policies.addPolicy(policy);
        },
      });
    },
  });
}
