import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';

/** Longest query parameter accepted; longer ones cannot name anything real. */
const MAX_QUERY_LENGTH = 255;
// Control characters (NUL above all) have no place in any name or filter,
// and PostgreSQL refuses NUL in text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const RESOURCE_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A single, sane query parameter, or undefined when absent. */
export function queryString(
  req: express.Request,
  key: string,
): string | undefined {
  const value = req.query[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(`Query parameter '${key}' must be given once`);
  }
  if (value.length > MAX_QUERY_LENGTH) {
    throw new InputError(
      `Query parameter '${key}' must be at most ${MAX_QUERY_LENGTH} characters`,
    );
  }
  if (CONTROL_CHARACTERS.test(value)) {
    throw new InputError(
      `Query parameter '${key}' must not contain control characters`,
    );
  }
  return value;
}

/** The `:id` of a route; anything that is not a resource id names no resource. */
export function resourceId(req: express.Request): string {
  const id = req.params.id;
  if (!RESOURCE_ID.test(id)) {
    throw new NotFoundError(`No resource '${id.slice(0, 64)}'`);
  }
  return id;
}

export function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new InputError(
      `Query parameter 'limit' must be an integer from 1 to 500`,
    );
  }
  return limit;
}
