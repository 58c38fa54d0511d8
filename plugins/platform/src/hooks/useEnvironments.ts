import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** The environments used when `platform.environments` is not configured. */
export const defaultEnvironments = ['development', 'staging', 'production'];

/** The environments resources can be requested for, in the configured order. */
export function useEnvironments(): string[] {
  const configApi = useApi(configApiRef);
  return (
    configApi.getOptionalStringArray('platform.environments') ??
    defaultEnvironments
  );
}
