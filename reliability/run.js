#!/usr/bin/env node
// The fault suite: runs the reliability checks against real backends on
// localhost and prints `<check>: N passed, N failed` per check, then
// `N passed, N failed` overall. Exits non-zero on any failure.
// See reliability/README.md.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CheckReport } = require('./lib/report');
const { killAllSync } = require('./lib/processes');
const { setLauncher } = require('./lib/backend');
const pg = require('./lib/postgres');

const CHECKS = [
  ['quota race', 'quota-race', require('./checks/quotaRace')],
  ['crash', 'crash', require('./checks/crash')],
  ['provisioner faults', 'faults', require('./checks/faults')],
  ['restart durability', 'durability', require('./checks/durability')],
  ['bad input', 'bad-input', require('./checks/badInput')],
  ['database restart', 'db-restart', require('./checks/databaseRestart')],
  ['budget race', 'budget-race', require('./checks/budgetRace')],
];

const USAGE = `Usage: node reliability/run.js [options]

  --short            the CI version (under 5 minutes); without it, the full run
  --only=<ids>       only these checks, comma-separated: ${CHECKS.map(
    ([, id]) => id,
  ).join(', ')}
  --keep             keep the run directory (logs, configs, SQLite files, Git repositories)
  --launcher=yarn    start the app's backend with \`yarn start\` (file watcher included)
                     instead of node with the same transform (default: node)
  --cleanup          only drop what aborted runs left on PostgreSQL, then exit
`;

function parseArgs(argv) {
  const options = { short: false, keep: false, only: undefined };
  for (const arg of argv) {
    if (arg === '--short') options.short = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--cleanup') options.cleanupOnly = true;
    else if (arg.startsWith('--only=')) {
      options.only = arg.slice('--only='.length).split(',');
      const unknown = options.only.filter(
        o => !CHECKS.some(([, id]) => id === o),
      );
      if (unknown.length) {
        throw new Error(
          `Unknown check ${unknown.join(', ')}; the checks are ${CHECKS.map(
            ([, id]) => id,
          ).join(', ')}`,
        );
      }
    } else if (arg.startsWith('--launcher=')) {
      setLauncher(arg.slice('--launcher='.length));
    } else if (arg === '--help' || arg === '-h') {
      options.help = true;
    } else {
      throw new Error(`Unknown argument ${arg}; see reliability/README.md`);
    }
  }
  return options;
}

/** Drops everything earlier runs of the suite left on PostgreSQL. */
async function cleanupStale() {
  const dropped = [
    ...(await pg.dropStartingWith('reliability_')),
    // Roles and databases of the crash check: p_<env>_<team>_rel<run>_…
    ...(await pg.dropStartingWith('p_development_team_alpha_rel', {
      roles: true,
    })),
  ];
  console.log(
    dropped.length
      ? `Dropped ${dropped.length}: ${dropped.join(', ')}`
      : 'Nothing to drop',
  );
}

async function runCleanup(steps) {
  for (const step of steps.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      console.log(`Cleaning up failed: ${error.message}`);
    }
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.cleanupOnly) {
    await cleanupStale();
    return 0;
  }

  const runId = crypto.randomBytes(3).toString('hex');
  const runDir = fs.mkdtempSync(
    path.join(os.tmpdir(), `reliability-${runId}-`),
  );
  const running = [];
  const ctx = {
    short: options.short,
    runId,
    runDir,
    // Fresh plugin databases per run, dropped at the end.
    dbPrefix: `reliability_${runId}_`,
    cleanup: [],
    /** Backends to stop once their check is over, whatever happened. */
    stopAtEnd(backends) {
      running.push(...backends);
    },
  };

  // Cleans up on Ctrl-C too: the processes first, then the databases.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      console.log(`\n${signal}: stopping the backends and cleaning up`);
      killAllSync();
      await runCleanup(ctx.cleanup);
      process.exit(130);
    });
  }

  const suiteStart = Date.now();
  console.log(
    `Fault suite (${
      options.short ? 'short' : 'full'
    }), run ${runId}, logs in ${runDir}`,
  );
  if (!(await pg.reachable())) {
    console.log(
      `  PostgreSQL at ${pg.server.host}:${pg.server.port} does not answer: the quota race and crash checks will fail`,
    );
  }

  let passed = 0;
  let failed = 0;
  for (const [name, id, check] of CHECKS) {
    if (options.only && !options.only.includes(id)) continue;
    console.log(`\n${name}`);
    const report = new CheckReport(name);
    try {
      await check(report, ctx);
    } catch (error) {
      report.crashed(error);
    } finally {
      await Promise.all(running.splice(0).map(b => b.stop()));
    }
    report.summary();
    passed += report.passed;
    failed += report.failed;
  }

  await runCleanup(ctx.cleanup);
  if (!options.keep && failed === 0) {
    fs.rmSync(runDir, { recursive: true, force: true });
  } else {
    console.log(`\nLogs and data kept in ${runDir}`);
  }
  console.log(
    `\nfault suite took ${((Date.now() - suiteStart) / 1000).toFixed(0)} s`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.on('exit', killAllSync);

main().then(
  code => {
    process.exitCode = code;
  },
  error => {
    console.error(error);
    killAllSync();
    process.exitCode = 2;
  },
);
