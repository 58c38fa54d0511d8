#!/usr/bin/env node
// The platform's benchmarks: each figure side by side with a baseline
// measured in the same run, on this machine, against localhost only.
//
//   node bench/run.js                 full run (about 10 minutes); writes docs/benchmarks.md
//   node bench/run.js --quick         short smoke run; prints, writes nothing unless --out
//   node bench/run.js --only=read,write,queue,provision,scale,sync,frontend
//   node bench/run.js --skip-build    use the existing packages/app/dist
//   node bench/run.js --no-postgres   SQLite only (no PostgreSQL server)
//   node bench/run.js --out=FILE      write the report to FILE
//   node bench/run.js --keep          keep the run directory (logs, SQLite files)
//   node bench/run.js --report=FILE   rewrite the report from a kept results.json
//
// See bench/README.md.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startBenchBackend, stopAll } = require('./lib/backend');
const {
  createCostBench,
  readBench,
  queueIdleBench,
  writeBench,
} = require('./lib/http');
const { provisionBench } = require('./lib/provision');
const { benchOfferings, frontendBench } = require('./lib/frontend');
const pg = require('../reliability/lib/postgres');
const { writeReport, printSummary } = require('./lib/report');
const { root, run } = require('./lib/util');

const ALL = [
  'read',
  'write',
  'queue',
  'provision',
  'scale',
  'sync',
  'frontend',
];

function parseArgs(argv) {
  const options = {
    quick: false,
    only: ALL,
    skipBuild: false,
    postgres: true,
    keep: false,
    out: undefined,
  };
  for (const arg of argv) {
    if (arg === '--quick') options.quick = true;
    else if (arg === '--skip-build') options.skipBuild = true;
    else if (arg === '--no-postgres') options.postgres = false;
    else if (arg === '--keep') options.keep = true;
    else if (arg.startsWith('--out=')) options.out = arg.slice(6);
    else if (arg.startsWith('--report=')) options.report = arg.slice(9);
    else if (arg.startsWith('--only=')) {
      options.only = arg.slice(7).split(',');
      const unknown = options.only.filter(o => !ALL.includes(o));
      if (unknown.length) {
        throw new Error(`Unknown benchmark ${unknown}; choose from ${ALL}`);
      }
    } else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`Unknown argument ${arg}; see bench/README.md`);
  }
  if (!options.quick && !options.out) {
    options.out = path.join(root, 'docs/benchmarks.md');
  }
  return options;
}

/** Durations and sizes: the full run, and the smoke run. */
function settingsFor(quick) {
  return quick
    ? {
        readSec: 3,
        warmupSec: 1,
        writeRate: 200,
        writeSec: 3,
        maxSec: 0,
        idleCount: 10,
        provisionCount: 2,
        scaleResources: 50_000,
        scaleListTeams: 50,
        scaleUsageCalls: 200,
        syncResources: 20_000,
        frontendRuns: 1,
      }
    : {
        readSec: 10,
        warmupSec: 3,
        writeRate: 200,
        writeSec: 10,
        maxSec: 10,
        idleCount: 50,
        provisionCount: 10,
        scaleResources: 1_000_000,
        scaleListTeams: 200,
        scaleUsageCalls: 1000,
        syncResources: 100_000,
        frontendRuns: 5,
      };
}

async function machine() {
  const cpus = os.cpus();
  const git = await run('git', ['rev-parse', '--short', 'HEAD'], {
    allowFailure: true,
  });
  const dirty = await run('git', ['status', '--porcelain'], {
    allowFailure: true,
  });
  let postgres;
  try {
    postgres = await pg.withAdmin(
      async c => (await c.query('show server_version')).rows[0].server_version,
    );
  } catch {
    postgres = 'not reachable';
  }
  const sqlite = require('better-sqlite3')(':memory:')
    .prepare('select sqlite_version() as v')
    .get().v;
  return {
    date: new Date().toISOString(),
    cpus: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    loadavg: os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' '),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    postgres,
    sqlite,
    commit: `${git.stdout.trim()}${
      dirty.stdout.trim() ? ' (with uncommitted changes)' : ''
    }`,
  };
}

const nodeTransform = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
  {
    paths: [root],
  },
);

async function tsChild(script, args, outFile, logFile) {
  const result = await run(
    process.execPath,
    ['--require', nodeTransform, path.join(root, 'bench', script), ...args],
    {
      env: { ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json') },
      timeoutMs: 30 * 60_000,
      allowFailure: true,
    },
  );
  fs.writeFileSync(logFile, result.stdout + result.stderr);
  if (result.code !== 0) {
    throw new Error(`${script} ${args[0]} failed; see ${logFile}`);
  }
  return outFile ? JSON.parse(fs.readFileSync(outFile, 'utf8')) : undefined;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(
      fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 14).join('\n'),
    );
    return 0;
  }
  if (options.report) {
    const saved = JSON.parse(fs.readFileSync(options.report, 'utf8'));
    printSummary(saved);
    const out = options.out ?? path.join(root, 'docs/benchmarks.md');
    writeReport(saved, out);
    console.log(`wrote ${path.relative(root, out)}`);
    return 0;
  }
  const settings = settingsFor(options.quick);
  const want = name => options.only.includes(name);
  const runId = crypto.randomBytes(3).toString('hex');
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${runId}-`));
  const pgPrefix = `bench_${runId}_`;
  const results = {
    quick: options.quick,
    settings,
    machine: await machine(),
    errors: [],
  };
  const log = message =>
    console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  log(`run ${runId}, files in ${runDir}`);

  const usePostgres = options.postgres && (await pg.reachable());
  if (options.postgres && !usePostgres) {
    results.errors.push(
      'PostgreSQL at 127.0.0.1:5432 is not reachable: its figures are missing',
    );
  }

  // One step; a failure is recorded and the run goes on.
  const step = async (label, fn) => {
    log(`${label}…`);
    const started = Date.now();
    try {
      const value = await fn();
      log(`${label}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      return value;
    } catch (error) {
      log(`${label}: FAILED: ${error.message}`);
      results.errors.push(`${label}: ${error.message}`);
      return undefined;
    }
  };

  const httpOn = async (database, key) => {
    const backend = await startBenchBackend({
      name: `http-${database}`,
      runDir,
      database,
      pgPrefix: `${pgPrefix}http_`,
    });
    log(
      `${database} backend ready in ${(backend.startupMs / 1000).toFixed(
        0,
      )} s at ${backend.baseUrl}`,
    );
    const out = (results[key] = {});
    try {
      if (want('read')) {
        out.read = [];
        for (const auth of database === 'sqlite'
          ? ['service', 'guest']
          : ['service']) {
          const r = await step(`read (${database}, ${auth} token)`, () =>
            readBench(backend, {
              durationSec: settings.readSec,
              warmupSec: settings.warmupSec,
              auth,
            }),
          );
          if (r) out.read.push(r);
        }
      }
      if (want('queue')) {
        out.queueIdle = await step(`queue latency, idle (${database})`, () =>
          queueIdleBench(backend, { count: settings.idleCount }),
        );
      }
      if (want('write') || want('queue')) {
        out.write = await step(`write (${database})`, () =>
          writeBench(backend, {
            rate: settings.writeRate,
            durationSec: settings.writeSec,
            warmupSec: settings.warmupSec,
            maxSec: settings.maxSec,
          }),
        );
      }
    } finally {
      await backend.stop();
    }
    if (want('write')) {
      out.withoutCatalog = await step(
        `cost of a create without the catalog module (${database})`,
        async () => {
          const bare = await startBenchBackend({
            name: `http-${database}-without-catalog`,
            runDir,
            database,
            pgPrefix: `${pgPrefix}nocat_`,
            env: { BENCH_OMIT: 'catalog-module' },
          });
          try {
            return await createCostBench(bare, {
              rate: settings.writeRate,
              durationSec: settings.writeSec,
              warmupSec: settings.warmupSec,
            });
          } finally {
            await bare.stop();
          }
        },
      );
    }
  };

  const interrupted = async () => {
    log('interrupted: stopping backends');
    await stopAll();
    if (usePostgres) {
      await pg.dropStartingWith(pgPrefix).catch(() => {});
    }
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    if (want('read') || want('write') || want('queue')) {
      await step('HTTP benchmarks on SQLite', () => httpOn('sqlite', 'sqlite'));
      if (usePostgres) {
        await step('HTTP benchmarks on PostgreSQL', () =>
          httpOn('postgres', 'postgres'),
        );
      }
    }

    if (want('provision')) {
      if (!usePostgres) {
        results.errors.push('provision: needs PostgreSQL');
      } else {
        await step('real provisioning', async () => {
          const backend = await startBenchBackend({
            name: 'provision',
            runDir,
            database: 'sqlite',
            provisioners: 'postgres',
          });
          try {
            results.provision = await provisionBench(backend, {
              count: settings.provisionCount,
              runId,
            });
          } finally {
            await backend.stop();
          }
        });
      }
    }

    if (want('scale')) {
      results.scale = {};
      const common = [
        '--resources',
        String(settings.scaleResources),
        '--teams',
        '1000',
        '--list-teams',
        String(settings.scaleListTeams),
        '--usage-calls',
        String(settings.scaleUsageCalls),
      ];
      results.scale.sqlite = await step(
        `scale, ${settings.scaleResources} resources (SQLite)`,
        () => {
          const out = path.join(runDir, 'scale-sqlite.json');
          return tsChild(
            'scale.ts',
            [
              '--db',
              'sqlite',
              '--file',
              path.join(runDir, 'scale.sqlite'),
              '--out',
              out,
              ...common,
            ],
            out,
            path.join(runDir, 'scale-sqlite.log'),
          );
        },
      );
      fs.rmSync(path.join(runDir, 'scale.sqlite'), { force: true });
      if (usePostgres) {
        results.scale.postgres = await step(
          `scale, ${settings.scaleResources} resources (PostgreSQL)`,
          async () => {
            const database = `${pgPrefix}scale`;
            await pg.createDatabase(database);
            try {
              const out = path.join(runDir, 'scale-postgres.json');
              return await tsChild(
                'scale.ts',
                [
                  '--db',
                  'postgres',
                  '--database',
                  database,
                  '--out',
                  out,
                  ...common,
                ],
                out,
                path.join(runDir, 'scale-postgres.log'),
              );
            } finally {
              await pg.dropStartingWith(database);
            }
          },
        );
      }
    }

    if (want('sync')) {
      results.sync = await step(
        `catalog sync of ${settings.syncResources} resources`,
        async () => {
          const file = path.join(runDir, 'sync.sqlite');
          await tsChild(
            'sync.ts',
            [
              'seed',
              '--file',
              file,
              '--resources',
              String(settings.syncResources),
            ],
            undefined,
            path.join(runDir, 'sync-seed.log'),
          );
          const out = path.join(runDir, 'sync.json');
          const result = await tsChild(
            'sync.ts',
            ['sync', '--file', file, '--out', out],
            out,
            path.join(runDir, 'sync.log'),
          );
          fs.rmSync(file, { force: true });
          return result;
        },
      );
    }

    if (want('frontend')) {
      await step('frontend', async () => {
        const dist = path.join(root, 'packages/app/dist/index.html');
        if (!options.skipBuild || !fs.existsSync(dist)) {
          log('building the app (yarn workspace app build)…');
          const started = Date.now();
          const build = await run(
            process.execPath,
            [
              path.join(root, '.yarn/releases/yarn-4.13.0.cjs'),
              'workspace',
              'app',
              'build',
            ],
            { timeoutMs: 30 * 60_000, allowFailure: true },
          );
          fs.writeFileSync(
            path.join(runDir, 'app-build.log'),
            build.stdout + build.stderr,
          );
          if (build.code !== 0) {
            throw new Error(
              `the app build failed; see ${path.join(runDir, 'app-build.log')}`,
            );
          }
          results.appBuildSec = (Date.now() - started) / 1000;
        }
        const backend = await startBenchBackend({
          name: 'frontend',
          runDir,
          database: 'sqlite',
          platform: { offerings: benchOfferings() },
        });
        try {
          results.frontend = await frontendBench(backend, {
            runs: settings.frontendRuns,
            path: '/platform',
          });
        } finally {
          await backend.stop();
        }
      });
    }
  } finally {
    await stopAll();
    if (usePostgres) {
      await pg.dropStartingWith(pgPrefix).catch(() => {});
    }
  }

  fs.writeFileSync(
    path.join(runDir, 'results.json'),
    JSON.stringify(results, null, 2),
  );
  printSummary(results);
  if (options.out) {
    writeReport(results, options.out);
    log(`wrote ${path.relative(root, options.out)}`);
  }
  if (!options.keep && results.errors.length === 0) {
    fs.rmSync(runDir, { recursive: true, force: true });
  } else {
    log(`kept ${runDir} (logs, results.json)`);
  }
  return results.errors.length ? 1 : 0;
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error);
    process.exit(1);
  },
);
