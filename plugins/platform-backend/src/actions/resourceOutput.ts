import { PlatformResource } from '@idp-kit/plugin-platform-common';

/**
 * A resource as actions return it: the fields of the API's resource, and
 * never more, so a field added to the store cannot leak through an action.
 */
export function resourceOutput(resource: PlatformResource) {
  return {
    id: resource.id,
    offering: resource.offering,
    name: resource.name,
    team: resource.team,
    environment: resource.environment,
    state: resource.state,
    config: resource.config,
    outputs: resource.outputs,
    dependsOn: resource.dependsOn,
    component: resource.component,
    system: resource.system,
    error: resource.error,
    createdBy: resource.createdBy,
    createdVia: resource.createdVia,
    createdAt: resource.createdAt,
    updatedAt: resource.updatedAt,
    expiresAt: resource.expiresAt ?? null,
    expiryBlocked: resource.expiryBlocked,
  };
}
