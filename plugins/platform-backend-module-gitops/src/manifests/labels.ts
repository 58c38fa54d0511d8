import { createHash } from 'node:crypto';
import { PlatformResource } from '@idp-kit/plugin-platform-common';

/** Label identifying the platform resource an object was rendered for. */
export const RESOURCE_ID_LABEL = 'platform.backstage.io/resource-id';
export const TEAM_LABEL = 'platform.backstage.io/team';
export const ENVIRONMENT_LABEL = 'platform.backstage.io/environment';
export const NAME_LABEL = 'app.kubernetes.io/name';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'backstage-platform';

const MAX_LENGTH = 63;

/**
 * Makes a string a valid label value: at most 63 characters of letters,
 * digits, `-`, `_` and `.`, starting and ending with a letter or digit.
 */
export function labelValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, MAX_LENGTH)
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
}

/**
 * The namespace of a team's resources in one environment: `<team>-<environment>`
 * made a DNS label.
 *
 * A name longer than a label allows is shortened and given a hash suffix, so
 * that two long names do not end up sharing a namespace.
 */
export function namespaceFor(team: string, environment: string): string {
  const name = `${team}-${environment}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (name.length > 0 && name.length <= MAX_LENGTH) {
    return name;
  }
  const hash = createHash('sha256')
    .update(`${team}\n${environment}`)
    .digest('hex')
    .slice(0, 8);
  const prefix = name.slice(0, MAX_LENGTH - hash.length - 1).replace(/-$/, '');
  return prefix ? `${prefix}-${hash}` : hash;
}

/** Labels that select the pods of a web application; they never change. */
export function selectorLabels(
  resource: PlatformResource,
): Record<string, string> {
  return {
    [NAME_LABEL]: labelValue(resource.name),
    [RESOURCE_ID_LABEL]: labelValue(resource.id),
  };
}

/** Labels on every object rendered for a resource. */
export function resourceLabels(
  resource: PlatformResource,
): Record<string, string> {
  return {
    ...selectorLabels(resource),
    [MANAGED_BY_LABEL]: MANAGED_BY,
    [TEAM_LABEL]: labelValue(resource.team),
    [ENVIRONMENT_LABEL]: labelValue(resource.environment),
  };
}
