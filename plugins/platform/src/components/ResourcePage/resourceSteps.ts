import {
  ApprovalRequest,
  ResourceEvent,
  ResourceState,
} from '@idp-kit/plugin-platform-common';

/** States after which a resource stays put until someone acts. */
export const settledStates: ResourceState[] = [
  'ready',
  'failed',
  'deleted',
  'rejected',
];

/** Where a resource is in its life cycle, as steps for a stepper. */
export interface ResourceSteps {
  labels: string[];
  /** The step in progress; equal to `labels.length` when all are done. */
  activeStep: number;
  /** The step that failed, if the resource failed or was rejected. */
  failedStep?: number;
  /** True when the failed step is a rejection (or expiry) of the request. */
  rejected?: boolean;
}

const AWAITING_APPROVAL = 'Awaiting approval';
const CHANGE_AWAITING_APPROVAL = 'Change awaiting approval';
const creation = ['Pending', 'Provisioning', 'Ready'];

/** Whether the resource was ready once, so that it now changes or failed changing. */
function wasReady(events: ResourceEvent[]): boolean {
  return events.some(
    event => event.state === 'ready' || event.state === 'updating',
  );
}

/** Whether the creation waited for approval, by the history or the timeline. */
function creationWaited(
  events: ResourceEvent[],
  approvals: ApprovalRequest[],
): boolean {
  if (approvals.some(request => request.action === 'create')) {
    return true;
  }
  for (const event of events) {
    if (event.state === 'ready') {
      return false;
    }
    if (event.type === 'approval-requested') {
      return true;
    }
  }
  return false;
}

/**
 * The life cycle steps of a resource in its current state. A creation that
 * waits or waited for approval starts with an "Awaiting approval" step, and
 * so does a change of configuration. A resource that was ready before it
 * failed failed while updating; otherwise while provisioning.
 *
 * `approvals` is the resource's history of requests for approval, newest
 * first; empty when it had none or it is not known (the timeline tells then).
 */
export function resourceSteps(
  state: ResourceState,
  events: ResourceEvent[],
  approvals: ApprovalRequest[] = [],
): ResourceSteps {
  const latest = approvals[0];
  const changeWaits =
    state === 'awaiting-approval' &&
    (latest ? latest.action === 'update' : wasReady(events));
  const created =
    creationWaited(events, approvals) ||
    (state === 'awaiting-approval' && !changeWaits)
      ? [AWAITING_APPROVAL, ...creation]
      : creation;
  // The first step of provisioning, after the approval if there was one.
  const start = created.length - creation.length;
  const changed =
    changeWaits || (latest?.action === 'update' && latest.state === 'approved')
      ? [...created, CHANGE_AWAITING_APPROVAL, 'Updating']
      : [...created, 'Updating'];

  switch (state) {
    case 'awaiting-approval':
      return changeWaits
        ? { labels: changed, activeStep: created.length }
        : { labels: created, activeStep: 0 };
    case 'rejected':
      return {
        labels: [AWAITING_APPROVAL, 'Rejected'],
        activeStep: 1,
        failedStep: 1,
        rejected: true,
      };
    case 'pending':
      return { labels: created, activeStep: start };
    case 'provisioning':
      return { labels: created, activeStep: start + 1 };
    case 'ready':
      return { labels: created, activeStep: created.length };
    case 'updating':
      return { labels: changed, activeStep: changed.length - 1 };
    case 'deleting':
    case 'deleted': {
      const labels = [...created, 'Deleting', 'Deleted'];
      return {
        labels,
        activeStep: state === 'deleting' ? created.length : labels.length,
      };
    }
    case 'failed':
      return wasReady(events)
        ? {
            labels: [...created, 'Updating'],
            activeStep: created.length,
            failedStep: created.length,
          }
        : { labels: created, activeStep: start + 1, failedStep: start + 1 };
    default:
      return { labels: created, activeStep: 0 };
  }
}
