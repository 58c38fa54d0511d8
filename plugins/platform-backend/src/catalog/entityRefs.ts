import {
  CompoundEntityRef,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * An entity reference from a request, parsed and checked: the kind it must
 * have, a valid namespace and name. Returns the problem instead of throwing,
 * so that every field of a request can be reported at once.
 *
 * The ref comes back in lower case, the form the catalog compares refs in:
 * `Team-Beta` and `team-beta` are one team, with one quota. Checked before
 * it is lowered, so that a look-alike letter that lowers to ASCII (the
 * Kelvin sign to `k`) is refused rather than taken for another team's name.
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
  // Namespaces are lower-case DNS labels; a ref may spell one in capitals.
  if (
    !/^[\x20-\x7e]*$/.test(ref.namespace) ||
    !KubernetesValidatorFunctions.isValidNamespace(
      ref.namespace.toLocaleLowerCase('en-US'),
    )
  ) {
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
  return {
    ref: {
      kind,
      namespace: ref.namespace.toLocaleLowerCase('en-US'),
      name: ref.name.toLocaleLowerCase('en-US'),
    },
  };
}

/**
 * A full entity ref in the canonical (lower-case) form the platform stores
 * and compares; throws naming `where` when it is no valid ref of the kind.
 */
export function canonicalEntityRef(
  value: string,
  kind: 'group' | 'component' | 'system',
  where: string,
): string {
  const parsed = parseRequestRef(value, kind);
  if (!parsed.ref) {
    throw new Error(`${where} ${parsed.problem}`);
  }
  return stringifyEntityRef(parsed.ref);
}
