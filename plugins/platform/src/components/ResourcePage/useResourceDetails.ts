import { useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { platformApiRef } from '../../api/PlatformApi';
import { settledStates } from './resourceSteps';

/** How often a resource that is still changing is read again. */
export const POLL_INTERVAL_MS = 2000;

/** How often a resource that waits for people to decide is read again. */
export const APPROVAL_POLL_INTERVAL_MS = 30000;

/**
 * A resource and its timeline, read again every two seconds until the
 * resource settles (ready, failed, deleted or rejected), and every 30
 * seconds while it waits for approval, which can take days. `retry` reads
 * them at once, which restarts polling after an action changed the state.
 */
export function useResourceDetails(id: string) {
  const platformApi = useApi(platformApiRef);
  const details = useAsyncRetry(async () => {
    const [resource, events] = await Promise.all([
      platformApi.getResource(id),
      platformApi.listResourceEvents(id),
    ]);
    return { resource, events };
  }, [platformApi, id]);

  const { loading, value, retry } = details;
  const state = value?.resource.state;
  useEffect(() => {
    if (loading || !state || settledStates.includes(state)) {
      return undefined;
    }
    const timer = setTimeout(
      retry,
      state === 'awaiting-approval'
        ? APPROVAL_POLL_INTERVAL_MS
        : POLL_INTERVAL_MS,
    );
    return () => clearTimeout(timer);
  }, [loading, state, value, retry]);

  return details;
}
