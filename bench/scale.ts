/*
 * Scale benchmark, run by bench/run.js in a child process of its own:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/scale.ts \
 *     --db sqlite|postgres --resources 1000000 --teams 1000 --out result.json \
 *     [--file /tmp/x.sqlite] [--database bench_x_scale]
 *
 * Brings a fresh database up to date with the platform's own migrations
 * (plugins/platform-backend/migrations, through knex migrate), bulk-inserts
 * the resources and the quota usage rows directly, then times what
 * ResourceStore does with them: list-by-team keyset pages of 50 (`list`)
 * and the quota check (`usage`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory, { Knex } from 'knex';
import { QuotaLedger } from '../plugins/platform-backend/src/quota/QuotaLedger';
import { ResourceStore } from '../plugins/platform-backend/src/store/ResourceStore';
import { insertResources, random, teamName as team } from './lib/seed';
import { server } from '../reliability/lib/postgres';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) {
  args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
}
const dbKind = args.get('db') ?? 'sqlite';
const total = Number(args.get('resources') ?? 1_000_000);
const teamCount = Number(args.get('teams') ?? 1000);
const listTeams = Number(args.get('list-teams') ?? 200);
const pagesPerTeam = Number(args.get('pages') ?? 5);
const usageCalls = Number(args.get('usage-calls') ?? 1000);
const out = args.get('out');

const migrationsDir = path.resolve(
  __dirname,
  '../plugins/platform-backend/migrations',
);

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(
      sorted.length - 1,
      Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
    )
  ];
}

function stats(values: number[]) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

function connect(): Knex {
  if (dbKind === 'postgres') {
    return knexFactory({
      client: 'pg',
      connection: { ...server, database: args.get('database') },
      pool: { min: 0, max: 4 },
    });
  }
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: args.get('file')! },
    useNullAsDefault: true,
  });
}

async function explainList(db: Knex, t: string): Promise<string> {
  const query = db('platform_resources')
    .select('id')
    .whereNull('deleted_at')
    .where('team', t)
    .orderBy('id', 'desc')
    .limit(51)
    .toSQL();
  if (dbKind === 'postgres') {
    const result = await db.raw(`explain ${query.sql}`, query.bindings);
    return result.rows
      .map((r: Record<string, string>) => r['QUERY PLAN'])
      .join('\n');
  }
  const rows = await db.raw(`explain query plan ${query.sql}`, query.bindings);
  return rows.map((r: { detail: string }) => r.detail).join('\n');
}

async function main() {
  const db = connect();
  const result: Record<string, unknown> = {
    db: dbKind,
    resources: total,
    teams: teamCount,
  };
  try {
    let t0 = performance.now();
    await db.migrate.latest({ directory: migrationsDir });
    result.migrateMs = performance.now() - t0;

    t0 = performance.now();
    await insertResources(db, {
      total,
      teamCount,
      batchSize: dbKind === 'postgres' ? 1000 : 500,
    });
    result.insertMs = performance.now() - t0;

    if (dbKind === 'postgres') {
      // What autovacuum does shortly after a bulk load.
      t0 = performance.now();
      await db.raw('analyze platform_resources');
      await db.raw('analyze platform_quota_usage');
      result.analyzeMs = performance.now() - t0;
    }
    if (dbKind === 'sqlite') {
      result.fileBytes = fs.statSync(args.get('file')!).size;
    }

    const store = new ResourceStore(db);
    const quota = new QuotaLedger(db);
    const pick = random(7);
    const someTeam = () => team(Math.floor(pick() * teamCount));
    result.listPlan = await explainList(db, someTeam());

    // Warm-up: caches, prepared statements, JIT.
    for (let i = 0; i < 20; i++) {
      await store.list({ team: someTeam(), limit: 50 });
      await quota.used(someTeam());
    }

    const measureList = async () => {
      const firstPages: number[] = [];
      const laterPages: number[] = [];
      let items = 0;
      const teams = random(11);
      for (let i = 0; i < listTeams; i++) {
        const t = team(Math.floor(teams() * teamCount));
        let cursor: string | undefined;
        for (let page = 0; page < pagesPerTeam; page++) {
          const start = performance.now();
          const listed = await store.list({ team: t, limit: 50, cursor });
          (page === 0 ? firstPages : laterPages).push(
            performance.now() - start,
          );
          items += listed.items.length;
          cursor = listed.nextCursor;
          if (!cursor) break;
        }
      }
      return {
        all: stats([...firstPages, ...laterPages]),
        firstPage: stats(firstPages),
        laterPages: laterPages.length ? stats(laterPages) : undefined,
        itemsPerPage: items / (firstPages.length + laterPages.length),
      };
    };
    result.list = await measureList();

    const usageTimes: number[] = [];
    for (let i = 0; i < usageCalls; i++) {
      const start = performance.now();
      await quota.used(someTeam());
      usageTimes.push(performance.now() - start);
    }
    result.usage = stats(usageTimes);
  } finally {
    await db.destroy();
  }
  const text = JSON.stringify(result, null, 2);
  if (out) fs.writeFileSync(out, text);
  else console.log(text);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
