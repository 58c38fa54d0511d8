import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../api/PlatformApi';

/**
 * The environments resources can be requested for, in the order the
 * platform configures them; the Platform API is the one place that knows.
 */
export function useEnvironments() {
  const platformApi = useApi(platformApiRef);
  return useAsync(() => platformApi.listEnvironments(), [platformApi]);
}
