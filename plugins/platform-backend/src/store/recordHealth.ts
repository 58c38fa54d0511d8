import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { TABLES } from '../database/tables';

/** What one status check saw of a ready resource. */
export interface HealthCheck {
  id: string;
  health: NonNullable<PlatformResource['health']>;
  drift: NonNullable<PlatformResource['drift']>;
}

/**
 * Records a page of status checks in one transaction of two statements: each
 * resource's latest health and drift, and a row per check for the health
 * summary. A reconcile checks every ready resource, so a statement or two per
 * resource would grow with the platform and run all the time.
 */
export async function recordHealth(
  db: Knex,
  checks: HealthCheck[],
): Promise<void> {
  if (checks.length === 0) {
    return;
  }
  const reconciledAt = new Date().toISOString();
  // `(values …)` names its columns column1, column2, … in both databases.
  const rows = checks.map(() => '(?, ?, ?)').join(', ');
  const values = checks.flatMap(check => [
    check.id,
    JSON.stringify(check.health),
    JSON.stringify(check.drift),
  ]);
  await db.transaction(async tx => {
    await tx.raw(
      `update ?? set health = checked.column2, drift = checked.column3, reconciled_at = ?
       from (values ${rows}) as checked
       where ??.id = checked.column1`,
      [TABLES.resources, reconciledAt, ...values, TABLES.resources],
    );
    await tx(TABLES.healthChecks).insert(
      checks.map(check => ({
        resource_id: check.id,
        checked_at: check.health.checkedAt,
        healthy: check.health.healthy,
      })),
    );
  });
}
