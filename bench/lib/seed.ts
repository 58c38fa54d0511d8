/*
 * Bulk-inserts platform resources straight into the platform's tables (as
 * created by its migrations), for the scale and sync benchmarks.
 */
import { Knex } from 'knex';
import { v7 as uuid } from 'uuid';

export const OFFERINGS = [
  'web-application',
  'postgresql-database',
  'api-gateway',
];
export const ENVIRONMENTS = ['development', 'staging', 'production'];

const CONFIGS: Record<string, string> = {
  'web-application': JSON.stringify({
    replicas: 2,
    cpu: '500m',
    memory: '512Mi',
  }),
  'postgresql-database': JSON.stringify({
    size: 'small',
    high_availability: false,
    backup_retention_days: 7,
  }),
  'api-gateway': JSON.stringify({
    upstream: 'storefront',
    rate_limit: 1000,
    authentication: 'oauth2',
  }),
};

/** A small deterministic generator, so that every run has the same data. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const teamName = (k: number) => `team-${String(k).padStart(4, '0')}`;

/**
 * Inserts `total` resources, spread at random over `teamCount` teams, three
 * environments and the three built-in offerings, with time-ordered (v7) ids
 * as the platform gives them; one in twenty (`tombstoneShare`) is a
 * deleted tombstone. Also
 * fills `platform_quota_usage` with the live counts. With
 * `dependencyShare`, that share of live resources depends on the previous
 * live resource of its team (as an API gateway on its web application).
 */
export async function insertResources(
  db: Knex,
  options: {
    total: number;
    teamCount: number;
    batchSize: number;
    rowsPerTransaction?: number;
    dependencyShare?: number;
    /** Share of deleted tombstones; default 0.05. */
    tombstoneShare?: number;
  },
) {
  const { total, teamCount, batchSize } = options;
  const rowsPerTransaction = options.rowsPerTransaction ?? 20_000;
  const next = random(42);
  const usage = new Map<string, number>();
  const lastOfTeam = new Map<string, string>();
  const base = Date.now() - total - 60_000;
  let row = 0;
  while (row < total) {
    const end = Math.min(total, row + rowsPerTransaction);
    await db.transaction(async tx => {
      for (let start = row; start < end; start += batchSize) {
        const rows = [];
        for (let i = start; i < Math.min(end, start + batchSize); i++) {
          const msecs = base + i;
          const at = new Date(msecs).toISOString();
          const id = uuid({ msecs });
          const team = teamName(Math.floor(next() * teamCount));
          const environment = ENVIRONMENTS[Math.floor(next() * 3)];
          const offering = OFFERINGS[Math.floor(next() * 3)];
          const deleted = next() < (options.tombstoneShare ?? 0.05);
          const name = `r${i}`;
          let dependsOn: string[] = [];
          if (!deleted) {
            const key = `${team}\u0000${offering}`;
            usage.set(key, (usage.get(key) ?? 0) + 1);
            const previous = lastOfTeam.get(team);
            if (previous && next() < (options.dependencyShare ?? 0)) {
              dependsOn = [previous];
            }
            lastOfTeam.set(team, id);
          }
          rows.push({
            id,
            offering,
            name,
            team,
            environment,
            state: deleted ? 'deleted' : 'ready',
            config: CONFIGS[offering],
            outputs: '{"bench":true}',
            depends_on: JSON.stringify(dependsOn),
            created_by: 'user:default/guest',
            created_via: 'api',
            created_at: at,
            updated_at: at,
            deleted_at: deleted ? at : null,
            live_key: deleted ? null : `${team}/${environment}/${name}`,
            generation: 1,
            attempts: 0,
            self_service: true,
            provision_seconds: 1.5,
            ready_at: at,
          });
        }
        await tx('platform_resources').insert(rows);
        const dependencies = rows.flatMap(r =>
          (JSON.parse(r.depends_on) as string[]).map(target => ({
            resource_id: r.id,
            depends_on_id: target,
          })),
        );
        if (dependencies.length > 0) {
          await tx('platform_resource_dependencies').insert(dependencies);
        }
      }
    });
    row = end;
  }
  const usageRows = [...usage].map(([key, used]) => {
    const [team, offering] = key.split('\u0000');
    return { team, offering, used };
  });
  for (let i = 0; i < usageRows.length; i += 500) {
    await db('platform_quota_usage').insert(usageRows.slice(i, i + 500));
  }
}
