/*
 * Provisioners that misbehave on purpose, for the fault suite only
 * (reliability/run.js, check "provisioner faults"). Never install this module
 * in the app's backend.
 *
 * The offerings themselves are declared in config (`platform.offerings`) by
 * the suite; this module only registers their provisioners:
 *
 * - broken-thing: every provision throws.
 * - hanging-thing: every provision never settles and ignores its abort
 *   signal: the engine aborts it at the time limit and then holds the
 *   resource, never starting a second attempt beside it.
 * - flaky-thing: provision and deprovision each fail twice per resource, then
 *   succeed.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  platformProvisionersExtensionPoint,
  ProvisionerContext,
  ResourceProvisioner,
} from '@idp-kit/plugin-platform-node';

/** Counts calls per resource id and operation. */
class Calls {
  readonly #counts = new Map<string, number>();

  next(operation: string, resourceId: string): number {
    const key = `${operation}:${resourceId}`;
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    return count;
  }
}

export const faultyProvisionersModule = createBackendModule({
  pluginId: 'platform',
  moduleId: 'reliability-faulty-provisioners',
  register(env) {
    env.registerInit({
      deps: {
        provisioners: platformProvisionersExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ provisioners, logger }) {
        const calls = new Calls();
        // The reconciler may ask about ready resources; only provisioning misbehaves.
        const getStatus = async () => ({ healthy: true });
        const record = async (
          context: ProvisionerContext,
          operation: string,
        ) => {
          const call = calls.next(operation, context.resource.id);
          // Timeline events let the suite count calls from the outside.
          await context.appendEvent(`fault suite: ${operation} call ${call}`);
          return call;
        };

        const broken: ResourceProvisioner = {
          getStatus,
          async provision(context) {
            const call = await record(context, 'provision');
            throw new Error(
              `broken-thing exploded on call ${call} for ${context.resource.name}`,
            );
          },
          async deprovision(context) {
            await record(context, 'deprovision');
          },
        };

        const hanging: ResourceProvisioner = {
          getStatus,
          async provision(context) {
            await record(context, 'provision');
            // Never settles, and does not listen to context.signal.
            return new Promise(() => {});
          },
          async deprovision(context) {
            await record(context, 'deprovision');
          },
        };

        const flaky: ResourceProvisioner = {
          getStatus,
          async provision(context) {
            const call = await record(context, 'provision');
            if (call <= 2) {
              throw new Error(`flaky-thing provision failure ${call} of 2`);
            }
            return {
              outputs: { endpoint: `flaky://${context.resource.name}`, call },
              secrets: { token: `secret-${context.resource.id}` },
            };
          },
          async deprovision(context) {
            const call = await record(context, 'deprovision');
            if (call <= 2) {
              throw new Error(`flaky-thing deprovision failure ${call} of 2`);
            }
          },
        };

        provisioners.addProvisioner('broken-thing', broken);
        provisioners.addProvisioner('hanging-thing', hanging);
        provisioners.addProvisioner('flaky-thing', flaky);
        logger.warn(
          'Faulty provisioners of the fault suite are installed: broken-thing, hanging-thing, flaky-thing',
        );
      },
    });
  },
});

export default faultyProvisionersModule;
