import { InputError } from '@backstage/errors';
import { KubernetesObject } from './types';

/** What every kubernetes-models class provides. */
interface SchemaModel {
  kind: string;
  validate(): void;
  toJSON(): unknown;
}

/**
 * Validates an object against its Kubernetes schema and returns it as plain
 * data.
 *
 * @throws InputError naming the kind and the failing fields
 */
export function validated(model: SchemaModel): KubernetesObject {
  try {
    model.validate();
  } catch (error) {
    throw new InputError(
      `The rendered ${model.kind} is invalid: ${(error as Error).message}`,
      error,
    );
  }
  // A plain copy, so that YAML output carries no class instances.
  return JSON.parse(JSON.stringify(model.toJSON()));
}
