import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { Knex } from 'knex';
import { PlatformResourceFilter } from './rules';

/** Adds a permission filter to a query on platform_resources, as SQL. */
export function applyFilter(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<PlatformResourceFilter>,
): void {
  if (isAndCriteria(criteria)) {
    query.where(q => {
      for (const c of criteria.allOf) {
        q.andWhere(sub => applyFilter(sub, c));
      }
    });
  } else if (isOrCriteria(criteria)) {
    query.where(q => {
      for (const c of criteria.anyOf) {
        q.orWhere(sub => applyFilter(sub, c));
      }
    });
  } else if (isNotCriteria(criteria)) {
    query.whereNot(q => applyFilter(q, criteria.not));
  } else if (criteria.values.length === 0) {
    query.whereRaw('1 = 0');
  } else {
    query.whereIn(criteria.property, criteria.values);
  }
}
