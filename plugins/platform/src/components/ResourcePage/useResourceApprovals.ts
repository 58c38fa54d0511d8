import { useApi } from '@backstage/core-plugin-api';
import {
  PlatformResource,
  ResourceEvent,
} from '@idp-kit/plugin-platform-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { platformApiRef } from '../../api/PlatformApi';

/** Timeline events that show the resource has a history of approvals. */
const approvalEventTypes = [
  'approval-requested',
  'approved',
  'rejected',
  'approval-expired',
];

/**
 * The resource's requests for approval, newest first. Read only for a
 * resource that waits, was rejected or has approval events in its timeline,
 * so that other resources (and servers without approvals) cost no request;
 * read again whenever the timeline gains an event, such as a decision.
 */
export function useResourceApprovals(
  resource: PlatformResource | undefined,
  events: ResourceEvent[],
) {
  const platformApi = useApi(platformApiRef);
  const id = resource?.id;
  const relevant =
    resource?.state === 'awaiting-approval' ||
    resource?.state === 'rejected' ||
    events.some(event => approvalEventTypes.includes(event.type));
  const newestEvent = events[events.length - 1]?.id;
  return useAsyncRetry(
    async () => (id && relevant ? platformApi.listResourceApprovals(id) : []),
    [platformApi, id, relevant, resource?.state, newestEvent],
  );
}
