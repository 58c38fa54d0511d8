import { FieldError } from '@idp-kit/plugin-platform-common';
import { InvalidRequestError } from '../errors/RequestErrors';
import { validateRequestBody } from '../schema/validateRequestBody';
import { checkBodyDepth } from '../service/bodyDepth';
import { checkResourceId } from '../service/requestInput';

/**
 * Where each action's fields are over HTTP, so they get the HTTP checks:
 * `id` is the route's `:id`; `query` fields are query parameters, which the
 * spec makes a `Text`. The rest is a request body (create, check, update's
 * `config`), which the domain checks against the spec's schema whichever
 * way it came in. An action missing here cannot be registered.
 */
export const ACTION_INPUTS: Record<string, { id?: true; query?: string[] }> = {
  'list-offerings': { query: ['type'] },
  'check-resource-request': {},
  'create-resource': {},
  'get-resource': { id: true },
  'list-resources': {
    query: ['team', 'environment', 'offering', 'component', 'system', 'cursor'],
  },
  'update-resource': { id: true },
  'delete-resource': { id: true },
  'retry-resource': { id: true },
};

/**
 * Refuses what the HTTP API refuses before its routes run: nesting past the
 * body limit (an InputError naming each field), an id that is no resource
 * id (NotFoundError), a query field the spec would refuse (an InputError
 * naming it, in the spec's words).
 */
export function checkActionInput(
  name: string,
  input: Record<string, unknown>,
): void {
  const rules = ACTION_INPUTS[name];
  // The input is the body the invoke route parsed.
  checkBodyDepth(input);
  if (rules.id) {
    checkResourceId(String(input.id));
  }
  const errors: FieldError[] = [];
  for (const field of rules.query ?? []) {
    if (input[field] !== undefined) {
      errors.push(
        ...validateRequestBody('Text', input[field]).map(e => ({
          ...e,
          field,
        })),
      );
    }
  }
  if (errors.length > 0) {
    throw new InvalidRequestError(errors);
  }
}
