import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/**
 * An entity ref the way people say it: `platform-team` for
 * `group:default/platform-team`, with kind and namespace only where they
 * are not the usual ones.
 */
export function entityName(ref: string, defaultKind: 'group' | 'user'): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    // Not an entity ref (an older or hand-written value): show it as it is.
    return ref;
  }
}
