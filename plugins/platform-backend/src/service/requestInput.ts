import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import { teamNameOf } from '@idp-kit/plugin-platform-common';
import { parseRequestRef } from '../catalog/entityRefs';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** Any route's request, whatever types the spec gave its parts. */
export type AnyRequest = express.Request<any, any, any, any>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A single query parameter, or undefined when absent; the spec has bounded its length and characters. */
export function queryString(req: AnyRequest, key: string): string | undefined {
  const value = req.query[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(`Query parameter '${key}' must be given once`);
  }
  return value;
}

/**
 * A resource id from outside, checked before it reaches SQL: anything that
 * is not one names no resource.
 */
export function checkResourceId(id: string): string {
  if (!UUID.test(id)) {
    throw new NotFoundError(`No resource '${id.slice(0, 64)}'`);
  }
  return id;
}

/** The `:id` of a route. */
export function resourceId(req: AnyRequest): string {
  return checkResourceId(req.params.id);
}

/** A list's page size: the spec has bounded it and made it a number. */
export function queryLimit(req: AnyRequest): number | undefined {
  const limit: unknown = req.query.limit;
  return typeof limit === 'number' ? limit : undefined;
}

const CURSOR_PROBLEM = `Query parameter 'cursor' must be the nextCursor of an earlier page`;

/** The `cursor` of a list keyed by event ids. */
export function eventCursor(req: AnyRequest): number | undefined {
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
export function uuidCursor(req: AnyRequest): string | undefined {
  const value = queryString(req, 'cursor');
  if (value !== undefined && !UUID.test(value)) {
    throw new InputError(CURSOR_PROBLEM);
  }
  return value;
}

/** A team in the query (`team-alpha` or `group:default/team-alpha`) as resources store it. */
export function teamQuery(req: AnyRequest, key = 'team'): string | undefined {
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
  req: AnyRequest,
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
