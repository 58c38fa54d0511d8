import { PlatformResource } from './resources';

/**
 * The events topic on which the platform announces that a resource changed;
 * the payload is `{ resourceId }`.
 *
 * @public
 */
export const PLATFORM_RESOURCE_CHANGED_TOPIC = 'platform.resource.changed';

/**
 * Annotation on catalog entities that names the platform resource behind them.
 *
 * @public
 */
export const RESOURCE_ID_ANNOTATION = 'platform.backstage.io/resource-id';

/** A short stable hash, so truncated names stay unique. */
function shortHash(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The catalog entity name of a resource: unique across teams and
 * environments, and within the catalog's 63-character limit.
 *
 * @public
 */
export function resourceEntityName(
  resource: Pick<PlatformResource, 'id' | 'name' | 'team' | 'environment'>,
): string {
  const team = resource.team.replace(/[^A-Za-z0-9]+/g, '-');
  const full = `${resource.name}.${resource.environment}.${team}`;
  if (full.length <= 63) {
    return full;
  }
  return `${full.slice(0, 54).replace(/[-_.]+$/, '')}-${shortHash(
    resource.id,
  )}`;
}

/**
 * The catalog entity ref of a resource.
 *
 * @public
 */
export function resourceEntityRef(
  resource: Pick<PlatformResource, 'id' | 'name' | 'team' | 'environment'>,
): string {
  return `resource:default/${resourceEntityName(resource)}`;
}
