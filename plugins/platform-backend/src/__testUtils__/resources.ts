import { NewResource } from '../store/ResourceStore';

/** A development resource of team-alpha, as the guest asks for it through the API. */
export function newDevelopmentResource(
  fields: Pick<NewResource, 'offering' | 'name'> & Partial<NewResource>,
): NewResource {
  return {
    team: 'team-alpha',
    environment: 'development',
    config: {},
    dependsOn: [],
    createdBy: 'user:default/guest',
    createdVia: 'api',
    ...fields,
  };
}
