import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import { parseRequestRef, teamNameOf } from '../catalog/entityRefs';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** Longest query parameter accepted; longer ones cannot name anything real. */
const MAX_QUERY_LENGTH = 255;
// Control characters (NUL above all) have no place in any name or filter,
// and PostgreSQL refuses NUL in text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
  if (!UUID.test(id)) {
    throw new NotFoundError(`No resource '${id.slice(0, 64)}'`);
  }
  return id;
}

/** The largest page any list returns. */
export const MAX_PAGE_SIZE = 500;

export function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InputError(
      `Query parameter 'limit' must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  return limit;
}

const CURSOR_PROBLEM = `Query parameter 'cursor' must be the nextCursor of an earlier page`;

/** The `cursor` of a list keyed by event ids. */
export function eventCursor(req: express.Request): number | undefined {
  const value = queryString(req, 'cursor');
  if (value === undefined) {
    return undefined;
  }
  if (!/^[1-9][0-9]{0,14}$/.test(value)) {
    throw new InputError(CURSOR_PROBLEM);
  }
  return Number(value);
}

/** The `cursor` of a list keyed by time-ordered uuids. */
export function uuidCursor(req: express.Request): string | undefined {
  const value = queryString(req, 'cursor');
  if (value !== undefined && !UUID.test(value)) {
    throw new InputError(CURSOR_PROBLEM);
  }
  return value;
}

/** A team in the query (`team-alpha` or `group:default/team-alpha`) as resources store it. */
export function teamQuery(
  req: express.Request,
  key = 'team',
): string | undefined {
  const value = queryString(req, key);
  if (!value) {
    return undefined;
  }
  const parsed = parseRequestRef(value, 'group');
  if (!parsed.ref) {
    throw new InputError(`Query parameter '${key}' ${parsed.problem}`);
  }
  return teamNameOf(parsed.ref);
}

/** A component or system ref in the query, in the full form resources store. */
export function entityRefQuery(
  req: express.Request,
  kind: 'component' | 'system',
): string | undefined {
  const value = queryString(req, kind);
  if (!value) {
    return undefined;
  }
  const parsed = parseRequestRef(value, kind);
  if (!parsed.ref) {
    throw new InputError(`Query parameter '${kind}' ${parsed.problem}`);
  }
  return stringifyEntityRef(parsed.ref);
}
