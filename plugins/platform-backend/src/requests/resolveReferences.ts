import {
  FieldError,
  OfferingWithSchema,
} from '@idp-kit/plugin-platform-common';
import { ResourceStore } from '../store/ResourceStore';

/**
 * The ids of the live resources that a configuration's reference fields
 * name (an API gateway's upstream, say), among the team's resources in the
 * environment; a name that matches none, or a resource of another offering,
 * is an error of its field.
 */
export async function resolveReferences(
  store: ResourceStore,
  request: {
    offering: OfferingWithSchema;
    config: Record<string, unknown>;
    team: string;
    environment: string;
    errors: FieldError[];
  },
): Promise<string[]> {
  const { offering, config, team, environment, errors } = request;
  const dependsOn: string[] = [];
  for (const field of offering.configurations) {
    const target = config[field.name];
    if (!field.resourceRef || typeof target !== 'string') {
      continue;
    }
    const upstream = await store.findLive(team, environment, target);
    if (!upstream || upstream.offering !== field.resourceRef) {
      errors.push({
        field: `config.${field.name}`,
        message: `no ${field.resourceRef} named '${target}' exists for ${team} in ${environment}`,
      });
    } else {
      dependsOn.push(upstream.id);
    }
  }
  return dependsOn;
}
