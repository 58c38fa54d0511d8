import { NotFoundError } from '@backstage/errors';
import { KubernetesObject } from './types';

/** Plain-data view of an object's nested fields, which YAML gives untyped. */
export type Fields = Record<string, any>;

/**
 * The one object of a kind among a resource's objects.
 *
 * @throws NotFoundError when there is none
 */
export function findObject(objects: KubernetesObject[], kind: string): Fields {
  const found = objects.find(object => object.kind === kind);
  if (!found) {
    throw new NotFoundError(`The ${kind} is missing`);
  }
  return found;
}
