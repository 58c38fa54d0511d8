import { InputError } from '@backstage/errors';
import { FieldError } from '@idp-kit/plugin-platform-common';
import { InvalidRequestError } from '../errors/RequestErrors';

/**
 * Deepest nesting of objects and arrays a request body may have. Every body
 * of the API is a flat document with one level of configuration; bounding
 * the depth here keeps every later walk (validation, logging, storage) safe.
 */
export const MAX_BODY_DEPTH = 16;

/** How deeply a JSON value nests, found without recursion, stopping at `limit + 1`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) {
      continue;
    }
    const level = depth + 1;
    deepest = Math.max(deepest, level);
    if (deepest > limit) {
      return deepest;
    }
    for (const inner of Object.values(current)) {
      pending.push([inner, level]);
    }
  }
  return deepest;
}

/** The fields of a body that take it deeper than {@link MAX_BODY_DEPTH}. */
function fieldsNestedTooDeep(fields: Record<string, unknown>): FieldError[] {
  const limit = MAX_BODY_DEPTH - 1;
  return Object.entries(fields)
    .filter(([, value]) => nestingDepth(value, limit) > limit)
    .map(([field]) => ({
      field,
      message: `nests the request more than ${MAX_BODY_DEPTH} levels deep`,
    }));
}

/**
 * Refuses a parsed body nested deeper than {@link MAX_BODY_DEPTH}, naming
 * the fields that take it there; a body that is an array has none to name.
 */
export function checkBodyDepth(body: unknown): void {
  if (nestingDepth(body, MAX_BODY_DEPTH) <= MAX_BODY_DEPTH) {
    return;
  }
  if (!Array.isArray(body)) {
    throw new InvalidRequestError(
      fieldsNestedTooDeep(body as Record<string, unknown>),
    );
  }
  throw new InputError(
    `Request body is nested more than ${MAX_BODY_DEPTH} levels deep`,
  );
}
