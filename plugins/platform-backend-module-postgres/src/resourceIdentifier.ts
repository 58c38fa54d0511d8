import { createHash } from 'node:crypto';
import { PlatformResource } from '@idp-kit/plugin-platform-common';

/** PostgreSQL truncates identifiers longer than this many bytes. */
const maxIdentifierBytes = 63;
const hashLength = 8;

/**
 * The name of the role and of the database of a resource, such as
 * `p_production_payments_orders_1a2b3c4d`.
 *
 * Only lower-case ASCII letters, digits and `_` remain, so the name is the
 * same quoted or not. The readable part can collide (`a.b` and `a-b` both
 * become `a_b`), so a hash of the resource id ends every name: the same
 * resource always gets the same name, and different ones different names.
 */
export function resourceIdentifier(
  resource: Pick<PlatformResource, 'id' | 'environment' | 'team' | 'name'>,
): string {
  const readable = ['p', resource.environment, resource.team, resource.name]
    .join('_')
    // Replaced before lower-casing, so that look-alikes such as the Kelvin
    // sign are dropped rather than turned into ASCII letters.
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase()
    .replace(/_+/g, '_');
  const hash = createHash('sha256')
    .update(resource.id)
    .digest('hex')
    .slice(0, hashLength);
  const prefix = readable
    .slice(0, maxIdentifierBytes - hashLength - 1)
    .replace(/_+$/, '');
  return `${prefix}_${hash}`;
}
