import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  OfferingWithSchema,
  PlatformResource,
  RESOURCE_ID_ANNOTATION,
  resourceEntityName,
  teamEntityRef,
} from '@idp-kit/plugin-platform-common';

/** What an entity needs of a resource it depends on: enough for its name. */
export type DependencyRef = Pick<
  PlatformResource,
  'id' | 'name' | 'team' | 'environment'
>;

/** Where resource entities say they come from. */
export const RESOURCES_LOCATION = 'platform:resources';

// A full sync builds an entity for every resource, and teams repeat: one
// string per team instead of one per resource.
const groupRefs = new Map<string, string>();

function groupRef(team: string): string {
  let ref = groupRefs.get(team);
  if (!ref) {
    ref = teamEntityRef(team);
    groupRefs.set(team, ref);
  }
  return ref;
}

/** The full ref of a component or system; throws on anything else. */
function entityRefOf(ref: string, kind: 'component' | 'system'): string {
  const parsed = parseEntityRef(ref, {
    defaultKind: kind,
    defaultNamespace: 'default',
  });
  if (
    parsed.kind.toLocaleLowerCase('en-US') !== kind ||
    !KubernetesValidatorFunctions.isValidNamespace(parsed.namespace) ||
    !KubernetesValidatorFunctions.isValidObjectName(parsed.name)
  ) {
    throw new TypeError(`'${ref}' is not a valid ${kind} reference`);
  }
  return stringifyEntityRef(parsed);
}

/**
 * A live platform resource as a catalog `Resource` entity. Only what anyone
 * who may see the catalog may know goes in: no outputs, no secrets.
 */
export function resourceEntity(options: {
  resource: PlatformResource;
  offering?: OfferingWithSchema;
  dependencies: DependencyRef[];
  appBaseUrl: string;
}): Entity {
  const { resource, offering, dependencies, appBaseUrl } = options;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: resourceEntityName(resource),
      title: `${resource.name} (${resource.environment})`,
      description: `${offering?.name ?? resource.offering} of ${
        resource.team
      } in ${resource.environment}`,
      tags: [resource.offering, resource.environment],
      annotations: {
        [ANNOTATION_LOCATION]: RESOURCES_LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: RESOURCES_LOCATION,
        [RESOURCE_ID_ANNOTATION]: resource.id,
        'platform.backstage.io/offering': resource.offering,
        'platform.backstage.io/environment': resource.environment,
        'platform.backstage.io/state': resource.state,
      },
      links: [
        {
          url: `${appBaseUrl}/platform/resources/${resource.id}`,
          title: 'Open in the platform',
        },
      ],
    },
    spec: {
      type: offering?.type ?? resource.offering,
      owner: groupRef(resource.team),
      ...(resource.system
        ? { system: entityRefOf(resource.system, 'system') }
        : {}),
      ...(resource.component
        ? { dependencyOf: [entityRefOf(resource.component, 'component')] }
        : {}),
      ...(dependencies.length > 0
        ? {
            dependsOn: dependencies.map(
              d => `resource:default/${resourceEntityName(d)}`,
            ),
          }
        : {}),
    },
  };
}
