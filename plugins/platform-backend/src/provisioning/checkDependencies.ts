import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { ResourceStore } from '../store/ResourceStore';

/** Outcome of checking a resource's dependencies before provisioning it. */
export type DependencyCheck =
  | { ready: true }
  | { ready: false; failed?: string; waitingFor?: string };

/**
 * Whether every resource that `resource` depends on is there to build on:
 * ready (or being updated), still on its way, or gone for good.
 */
export async function checkDependencies(
  store: ResourceStore,
  resource: PlatformResource,
): Promise<DependencyCheck> {
  for (const id of resource.dependsOn) {
    const dependency = await store.find(id);
    if (
      !dependency ||
      ['deleting', 'deleted', 'failed'].includes(dependency.state)
    ) {
      return {
        ready: false,
        failed: `${dependency?.offering ?? 'dependency'} '${
          dependency?.name ?? id
        }' is ${dependency?.state ?? 'missing'}`,
      };
    }
    if (dependency.state !== 'ready' && dependency.state !== 'updating') {
      return {
        ready: false,
        waitingFor: `${dependency.offering} '${dependency.name}'`,
      };
    }
  }
  return { ready: true };
}
