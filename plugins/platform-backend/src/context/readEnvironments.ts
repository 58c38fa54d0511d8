import { Config } from '@backstage/config';

const DEFAULT_ENVIRONMENTS = ['development', 'staging', 'production'];

/** The environments resources may be requested for, in the order shown. */
export function readEnvironments(config: Config): string[] {
  return (
    config.getOptionalStringArray('platform.environments') ??
    DEFAULT_ENVIRONMENTS
  );
}
