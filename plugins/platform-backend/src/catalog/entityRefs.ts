import {
  CompoundEntityRef,
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';

/**
 * An entity reference from a request, parsed and checked: the kind it must
 * have, a valid namespace and name. Returns the problem instead of throwing,
 * so that every field of a request can be reported at once.
 */
export function parseRequestRef(
  value: string,
  kind: 'group' | 'component' | 'system',
):
  | { ref: CompoundEntityRef; problem?: undefined }
  | { ref?: undefined; problem: string } {
  const example =
    kind === 'group'
      ? 'team-alpha or group:default/team-alpha'
      : `${kind}:default/my-${kind}`;
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
  } catch {
    return { problem: `must be an entity reference such as ${example}` };
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== kind) {
    return {
      problem: `must refer to a ${kind}, not to kind '${ref.kind.slice(
        0,
        64,
      )}'`,
    };
  }
  if (!KubernetesValidatorFunctions.isValidNamespace(ref.namespace)) {
    return {
      problem: `has an invalid namespace '${ref.namespace.slice(0, 64)}'`,
    };
  }
  if (!KubernetesValidatorFunctions.isValidObjectName(ref.name)) {
    return {
      problem: `has an invalid name '${ref.name.slice(
        0,
        64,
      )}': use letters, digits, '-', '_' and '.', at most 63 characters`,
    };
  }
  return { ref: { kind, namespace: ref.namespace, name: ref.name } };
}
