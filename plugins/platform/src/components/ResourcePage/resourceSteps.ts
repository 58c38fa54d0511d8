import { ResourceEvent, ResourceState } from '@idp-kit/plugin-platform-common';

/** States after which a resource stays put until someone acts. */
export const settledStates: ResourceState[] = ['ready', 'failed', 'deleted'];

/** Where a resource is in its life cycle, as steps for a stepper. */
export interface ResourceSteps {
  labels: string[];
  /** The step in progress; equal to `labels.length` when all are done. */
  activeStep: number;
  /** The step that failed, if the resource failed. */
  failedStep?: number;
}

const creation = ['Pending', 'Provisioning', 'Ready'];

/**
 * The life cycle steps of a resource in its current state. A resource that
 * was ready before it failed failed while updating; otherwise while
 * provisioning.
 */
export function resourceSteps(
  state: ResourceState,
  events: ResourceEvent[],
): ResourceSteps {
  switch (state) {
    case 'pending':
      return { labels: creation, activeStep: 0 };
    case 'provisioning':
      return { labels: creation, activeStep: 1 };
    case 'ready':
      return { labels: creation, activeStep: creation.length };
    case 'updating':
      return { labels: [...creation, 'Updating'], activeStep: 3 };
    case 'deleting':
      return { labels: [...creation, 'Deleting', 'Deleted'], activeStep: 3 };
    case 'deleted':
      return { labels: [...creation, 'Deleting', 'Deleted'], activeStep: 5 };
    case 'failed': {
      const wasReady = events.some(
        event => event.state === 'ready' || event.state === 'updating',
      );
      return wasReady
        ? { labels: [...creation, 'Updating'], activeStep: 3, failedStep: 3 }
        : { labels: creation, activeStep: 1, failedStep: 1 };
    }
    default:
      return { labels: creation, activeStep: 0 };
  }
}
