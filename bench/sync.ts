/*
 * Catalog sync benchmark, run by bench/run.js in child processes of its own
 * (so that the peak memory is the sync's alone):
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/sync.ts \
 *     seed --file /tmp/x.sqlite --resources 100000
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/sync.ts \
 *     sync --file /tmp/x.sqlite --out result.json
 *
 * `seed` creates the platform's tables with its migrations and inserts the
 * resources, all live (10% depend on another). `sync` runs the catalog module's
 * ResourceEntityProvider.fullSync, with the Platform API replaced by the
 * ResourceStore in this process (pages of 500, JSON round-tripped as over
 * the wire) and the catalog connection by one that only counts: the
 * provider's whole full sync (paging, dependency look-ups, resourceEntity
 * for every resource, the one full mutation) without the HTTP calls. Time,
 * and peak RSS (getrusage maxRSS, plus process.memoryUsage().rss sampled).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory from 'knex';
import {
  OfferingWithSchema,
  builtinOfferings,
  offeringConfigSchema,
} from '@idp-kit/plugin-platform-common';
import { ResourceStore } from '../plugins/platform-backend/src/store/ResourceStore';
import { ResourceEntityProvider } from '../plugins/catalog-backend-module-platform/src/ResourceEntityProvider';
import { resourceEntity } from '../plugins/catalog-backend-module-platform/src/resourceEntity';
import { insertResources } from './lib/seed';

const command = process.argv[2];
const args = new Map<string, string>();
for (let i = 3; i < process.argv.length; i += 2) {
  args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
}
const file = args.get('file')!;
const migrationsDir = path.resolve(
  __dirname,
  '../plugins/platform-backend/migrations',
);

const mb = (bytes: number) => bytes / 1024 / 1024;

async function seed() {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    await db.migrate.latest({ directory: migrationsDir });
    await insertResources(db, {
      total: Number(args.get('resources') ?? 100_000),
      teamCount: Number(args.get('teams') ?? 1000),
      batchSize: 500,
      dependencyShare: 0.1,
      // Every one live: the sync covers exactly this many.
      tombstoneShare: 0,
    });
  } finally {
    await db.destroy();
  }
}

async function sync() {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  const store = new ResourceStore(db);
  const offerings: OfferingWithSchema[] = builtinOfferings.map(o => ({
    ...o,
    schema: offeringConfigSchema(o),
  }));
  const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value));

  let peakSampled = process.memoryUsage().rss;
  const sample = () => {
    peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
  };
  const sampler = setInterval(sample, 20);

  let readMs = 0;
  let pages = 0;
  let lookups = 0;
  const client = {
    async listResources(query: { limit?: string; cursor?: string }) {
      const start = performance.now();
      const page = wire(
        await store.list({ limit: Number(query.limit), cursor: query.cursor }),
      );
      readMs += performance.now() - start;
      pages++;
      sample();
      return page;
    },
    async getResource(id: string) {
      lookups++;
      return wire(await store.get(id));
    },
    async listOfferings() {
      return wire(offerings);
    },
  };
  const quiet = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child() {
      return quiet;
    },
  };
  let mutated = 0;
  const provider = new ResourceEntityProvider({
    client: client as any,
    logger: quiet as any,
    taskRunner: { run: async () => {} } as any,
    appBaseUrl: 'http://localhost:3000',
  });
  await provider.connect({
    async applyMutation(mutation: any) {
      sample();
      mutated = mutation.entities.length;
    },
    async refresh() {},
  } as any);

  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  const start = performance.now();
  const count = await provider.fullSync();
  const syncMs = performance.now() - start;
  sample();
  clearInterval(sampler);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  // The entity building alone, on resources already in memory.
  const resources = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ limit: 500, cursor });
    resources.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const known = new Map(resources.map(r => [r.id, r]));
  const byId = new Map(offerings.map(o => [o.id, o]));
  const buildStart = performance.now();
  let built = 0;
  for (const resource of resources) {
    resourceEntity({
      resource,
      offering: byId.get(resource.offering),
      dependencies: resource.dependsOn.map(id => known.get(id)!),
      appBaseUrl: 'http://localhost:3000',
    });
    built++;
  }
  const buildMs = performance.now() - buildStart;
  await db.destroy();

  const result = {
    resources: count,
    mutated,
    pages,
    dependencyLookups: lookups,
    syncMs,
    readMs,
    baselineRssMb: mb(baselineRss),
    peakRssMb: mb(Math.max(maxRss, peakSampled)),
    peakSampledRssMb: mb(peakSampled),
    maxRssMb: mb(maxRss),
    buildOnly: { resources: built, ms: buildMs },
  };
  const text = JSON.stringify(result, null, 2);
  if (args.get('out')) fs.writeFileSync(args.get('out')!, text);
  else console.log(text);
}

(command === 'seed' ? seed() : sync()).catch(error => {
  console.error(error);
  process.exit(1);
});
