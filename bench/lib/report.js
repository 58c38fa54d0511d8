// Turns the results of a run into the console summary and docs/benchmarks.md.
const fs = require('node:fs');
const path = require('node:path');
const { fmt, ratio, root } = require('./util');

const ms = v => (Number.isFinite(v) ? `${fmt(v, v < 10 ? 1 : 0)} ms` : '–');
const sec = v => (Number.isFinite(v) ? `${fmt(v / 1000, 2)} s` : '–');
const rps = v => fmt(v, 0);
const verdict = ok => (ok === undefined ? '–' : ok ? 'met' : '**missed**');

/** Every target with its figure, from the results. */
function targets(r) {
  const rows = [];
  const readSqlite = r.sqlite?.read?.find(x => x.auth === 'service');
  if (readSqlite) {
    const q = readSqlite.platform.rps / readSqlite.catalog.rps;
    rows.push([
      '1',
      "read: `GET /resources/:id` vs the catalog's entity by name (SQLite, service token)",
      'at least as fast (≥ 1.00×)',
      `${rps(readSqlite.platform.rps)} vs ${rps(
        readSqlite.catalog.rps,
      )} req/s = ${fmt(q, 2)}×`,
      q >= 1,
    ]);
  }
  for (const db of ['sqlite', 'postgres']) {
    const write = r[db]?.write?.fixedRate;
    if (!write?.platform) continue;
    rows.push([
      '2',
      `write: \`POST /resources\` p99 at ${
        r.settings.writeRate
      } req/s (${dbName(db)})`,
      '≤ 50 ms',
      `${ms(write.platform.p99)}, ${rps(write.platform.rps)} of ${
        r.settings.writeRate
      } req/s served (bare insert: ${ms(write.bare.p99)}, ${rps(
        write.bare.rps,
      )} req/s)`,
      write.platform.p99 <= 50 &&
        write.platform.non2xx === 0 &&
        write.platform.rps >= 0.95 * r.settings.writeRate,
    ]);
  }
  const idle = r.sqlite?.queueIdle;
  if (idle) {
    rows.push([
      '3',
      'queue latency idle, p99 (SQLite; request recorded → provision began)',
      '≤ 100 ms',
      ms(idle.fromCreated.p99),
      idle.fromCreated.p99 <= 100,
    ]);
  }
  if (r.provision) {
    const q = r.provision.platform.endToEnd.p50 / r.provision.cli.p50;
    rows.push([
      '4',
      'real provisioning: time to ready vs createuser + createdb (medians)',
      '≤ 1.5×',
      `${ms(r.provision.platform.endToEnd.p50)} vs ${ms(
        r.provision.cli.p50,
      )} = ${fmt(q, 2)}×`,
      q <= 1.5,
    ]);
  }
  for (const db of ['sqlite', 'postgres']) {
    const s = r.scale?.[db];
    if (!s) continue;
    rows.push([
      '5',
      `list by team, pages of 50, p99 (${s.resources.toLocaleString(
        'en-US',
      )} resources, ${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
      '≤ 20 ms',
      ms(s.list.all.p99),
      s.list.all.p99 <= 20,
    ]);
  }
  if (r.sync) {
    rows.push([
      '5',
      `catalog sync of ${r.sync.resources.toLocaleString(
        'en-US',
      )} resources: time`,
      '≤ 30 s',
      sec(r.sync.syncMs),
      r.sync.syncMs <= 30_000,
    ]);
    rows.push([
      '5',
      'catalog sync: peak RSS of the process',
      '≤ 300 MB',
      `${fmt(r.sync.peakRssMb, 0)} MB (${fmt(
        r.sync.baselineRssMb,
        0,
      )} MB before the sync)`,
      r.sync.peakRssMb <= 300,
    ]);
  }
  if (r.frontend) {
    rows.push([
      '6',
      `service catalog with ${r.frontend.offerings} offerings: navigation → last card visible (median, warm / cold cache)`,
      '≤ 1.5 s',
      `${sec(r.frontend.warm.p50)} / ${sec(r.frontend.cold.p50)}`,
      r.frontend.warm.p50 <= 1500 && r.frontend.cold.p50 <= 1500,
    ]);
  }
  return rows;
}

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(row => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const dbName = db => (db === 'sqlite' ? 'SQLite' : 'PostgreSQL');

function readSection(r) {
  const rows = [];
  for (const db of ['sqlite', 'postgres']) {
    for (const x of r[db]?.read ?? []) {
      rows.push([
        dbName(db),
        x.auth === 'guest' ? 'guest user' : 'static service token',
        rps(x.platform.rps),
        rps(x.catalog.rps),
        `**${ratio(x.platform.rps, x.catalog.rps)}**`,
        `${ms(x.platform.p50)} / ${ms(x.platform.p99)}`,
        `${ms(x.catalog.p50)} / ${ms(x.catalog.p99)}`,
        `${x.platform.non2xx + x.platform.errors} / ${
          x.catalog.non2xx + x.catalog.errors
        }`,
      ]);
    }
  }
  if (!rows.length) return '';
  return `## 1. Read

\`GET /api/platform/resources/:id\` against the catalog's own
\`GET /api/catalog/entities/by-name/component/default/storefront-web\`, in the
same backend process, with the same credentials: autocannon, 10 connections,
${r.settings.readSec} s each after ${
    r.settings.warmupSec
  } s of warm-up, in the order platform,
catalog, catalog, platform (half the time each, so that a drift in the
machine's other work weighs on both alike; p50 and p99 are the means of the
two halves).

${table(
  [
    'database',
    'credentials',
    'platform req/s',
    'catalog req/s',
    'platform / catalog',
    'platform p50 / p99',
    'catalog p50 / p99',
    'errors (platform / catalog)',
  ],
  rows,
)}
`;
}

/** CPU milliseconds, as the cost table shows them; – when not measured. */
const cpu = value => (value === undefined ? '–' : `${fmt(value, 2)} ms`);

/** The write benchmark's CPU per request of each database that measured it. */
function costsPerDatabase(r) {
  return ['sqlite', 'postgres']
    .filter(db => r[db]?.write?.cost?.platform)
    .map(db => {
      const { bare, platform } = r[db].write.cost;
      return {
        db,
        bare: bare.cpuMsPerRequest,
        create: platform.cpuMsPerRequest,
        withoutCatalog: r[db].withoutCatalog?.cost?.cpuMsPerRequest,
        settleMs: platform.settleMs,
      };
    });
}

function writeSection(r) {
  const rows = [];
  const unthrottled = [];
  for (const db of ['sqlite', 'postgres']) {
    const w = r[db]?.write;
    if (!w) continue;
    const { platform, bare } = w.fixedRate;
    rows.push([
      dbName(db),
      rps(platform.rps),
      `${ms(platform.p50)} / ${ms(platform.p99)}`,
      rps(bare.rps),
      `${ms(bare.p50)} / ${ms(bare.p99)}`,
      `**${ratio(platform.p99, bare.p99)}**`,
      `${platform.non2xx + platform.errors} / ${bare.non2xx + bare.errors}`,
    ]);
    if (w.unthrottled?.platform) {
      const u = w.unthrottled;
      unthrottled.push([
        dbName(db),
        rps(u.platform.rps),
        rps(u.bare.rps),
        `**${ratio(u.platform.rps, u.bare.rps)}**`,
        `${ms(u.platform.p99)} / ${ms(u.bare.p99)}`,
      ]);
    }
  }
  const costs = costsPerDatabase(r).map(c => [
    dbName(c.db),
    cpu(c.bare),
    cpu(c.create),
    cpu(c.withoutCatalog),
    c.withoutCatalog === undefined ? '–' : cpu(c.create - c.withoutCatalog),
    ms(c.settleMs),
  ]);
  if (!rows.length) return '';
  return `## 2. Write

\`POST /api/platform/resources\` (validation, team lookup in the catalog,
permission, policies, quota, the insert transaction, audit, waking the engine
and announcing the change) against \`POST /api/bench/insert\`, a
benchmark-only route behind the same HTTP auth stack that inserts one row
through \`coreServices.database\`. Unique names (\`r1\`, \`r2\`, …), all for
team-alpha, quota raised to 1,000,000. The no-op provisioner and the catalog
module work on every created resource in the same process meanwhile, as they
would in production. At a fixed ${r.settings.writeRate} req/s (autocannon
\`overallRate\`, 10 connections, latencies corrected for coordinated
omission), ${r.settings.writeSec} s each, the bare route first:

${table(
  [
    'database',
    'platform req/s',
    'platform p50 / p99',
    'bare req/s',
    'bare p50 / p99',
    'p99 platform / bare',
    'errors (platform / bare)',
  ],
  rows,
)}
${
  unthrottled.length
    ? `
As fast as 10 connections go (${r.settings.maxSec} s each):

${table(
  [
    'database',
    'platform req/s',
    'bare req/s',
    'platform / bare',
    'p99 platform / bare',
  ],
  unthrottled,
)}
`
    : ''
}${
    costs.length
      ? `
What a request costs the backend process in CPU at the fixed rate, all the
work it starts included: from the start of the load until the process is
back at rest (its CPU at rest measured before and subtracted), divided by
the requests served. The same create on a backend started without the
catalog module (\`BENCH_OMIT=catalog-module\`) gives the catalog's share:
its processing and stitching of each new \`Resource\` entity, and the
re-stitching of the team's group. One Node.js process serves at most
1,000 ms of CPU a second: at ${r.settings.writeRate} creates a second, each
may cost ${fmt(1000 / r.settings.writeRate, 1)} ms in all.

${table(
  [
    'database',
    'bare insert',
    'create',
    'create without the catalog module',
    "the catalog's share",
    'busy after the load',
  ],
  costs,
)}
`
      : ''
  }`;
}

function queueSection(r) {
  const rows = [];
  for (const db of ['sqlite', 'postgres']) {
    const idle = r[db]?.queueIdle;
    if (idle) {
      rows.push([
        dbName(db),
        'idle: one request at a time',
        idle.fromCreated.n,
        `${ms(idle.fromCreated.p50)} / ${ms(idle.fromCreated.p99)} / ${ms(
          idle.fromCreated.max,
        )}`,
        `${ms(idle.fromAccepted.p50)} / ${ms(idle.fromAccepted.p99)}`,
        '–',
      ]);
    }
    const load = r[db]?.write?.queueUnderLoad;
    if (load) {
      rows.push([
        dbName(db),
        `under load: ${r.settings.writeRate} req/s for ${r.settings.writeSec} s`,
        `${load.started}${
          load.notStarted ? ` (${load.notStarted} never began)` : ''
        }`,
        `${ms(load.fromCreated.p50)} / ${ms(load.fromCreated.p99)} / ${ms(
          load.fromCreated.max,
        )}`,
        `${ms(load.fromAccepted.p50)} / ${ms(load.fromAccepted.p99)}`,
        ms(load.drainMs),
      ]);
    }
  }
  if (!rows.length) return '';
  return `## 3. Queue latency

From an accepted request to its provisioner's start: the no-op provisioner
records \`Date.now()\` when it begins, compared with the resource's
\`createdAt\` (recorded in the same process as it is inserted, before the
\`202\`: an upper bound) and with the moment the benchmark received the
\`202\` (negative when the provision began before the answer arrived).

${table(
  [
    'database',
    'condition',
    'resources',
    'recorded → start p50 / p99 / max',
    '202 → start p50 / p99',
    'last start after the load ended',
  ],
  rows,
)}
`;
}

function provisionSection(r) {
  const p = r.provision;
  if (!p) return '';
  return `## 4. Real provisioning

A \`postgresql-database\` resource (size small, development) through the
Platform API and the real module (\`plugins/platform-backend-module-postgres\`)
in its own backend process, from \`POST /resources\` until \`GET\` (polled every
5 ms) says \`ready\`; against \`createuser --login --connection-limit=20\` and
\`createdb --owner\` of Debian's client tools on the same server
(127.0.0.1:5432). Interleaved, ${p.count} of each after one of each to warm up.
All roles and databases are dropped afterwards (the platform's through
\`DELETE /resources/:id\`; ${
    p.leftAfterDelete
  } were left behind and dropped by name).
The module does more than the two tools: the role's password (a SCRAM
verifier computed in the backend), comments that mark both as the
resource's, \`REVOKE ALL … FROM PUBLIC\`, the connection limit and two
database settings, each step recorded on the timeline.

${table(
  ['', 'p50', 'p99', 'max'],
  [
    [
      'platform, POST → ready seen by the client',
      ms(p.platform.endToEnd.p50),
      ms(p.platform.endToEnd.p99),
      ms(p.platform.endToEnd.max),
    ],
    [
      'platform, timeline: requested → provisioned',
      ms(p.platform.requestedToReady.p50),
      ms(p.platform.requestedToReady.p99),
      ms(p.platform.requestedToReady.max),
    ],
    [
      'platform, timeline: provisioning → provisioned (the module)',
      ms(p.platform.provisioner.p50),
      ms(p.platform.provisioner.p99),
      ms(p.platform.provisioner.max),
    ],
    ['createuser + createdb', ms(p.cli.p50), ms(p.cli.p99), ms(p.cli.max)],
    [
      '**ratio** (medians, client-seen / tools)',
      `**${ratio(p.platform.endToEnd.p50, p.cli.p50)}**`,
      '',
      '',
    ],
  ],
)}
`;
}

function scaleSection(r) {
  const rows = [];
  const plans = [];
  for (const db of ['sqlite', 'postgres']) {
    const s = r.scale?.[db];
    if (!s) continue;
    rows.push([
      dbName(db),
      s.resources.toLocaleString('en-US'),
      sec(s.insertMs),
      `${ms(s.list.firstPage.p50)} / ${ms(s.list.firstPage.p99)}`,
      s.list.laterPages
        ? `${ms(s.list.laterPages.p50)} / ${ms(s.list.laterPages.p99)}`
        : '–',
      `**${ms(s.list.all.p99)}**`,
      `${ms(s.usage.p50)} / ${ms(s.usage.p99)}`,
    ]);
    plans.push(`${dbName(db)}:\n\n\`\`\`\n${s.listPlan}\n\`\`\`\n`);
  }
  const sync = r.sync;
  let text = '';
  if (rows.length) {
    const s = r.scale.sqlite ?? r.scale.postgres;
    text += `## 5. Scale

${s.resources.toLocaleString(
  'en-US',
)} resources across ${s.teams.toLocaleString('en-US')} teams (random
team, environment and offering each; one in twenty a deleted tombstone;
time-ordered ids as the platform makes them), bulk-inserted in batches into a
fresh database brought up to date by the platform's own migrations
(\`knex migrate\`), plus the quota-usage rows. Then, with the
\`ResourceStore\` of \`plugins/platform-backend\`: \`list({ team, limit: 50 })\`
and up to ${r.settings.scaleListTeams > 0 ? 4 : 0} more pages by cursor for
${r.settings.scaleListTeams} random teams, and \`usage(team)\` (the quota
check) ${r.settings.scaleUsageCalls} times. PostgreSQL is \`ANALYZE\`d after
the load, as autovacuum would; SQLite is not (nothing runs \`ANALYZE\` there).

${table(
  [
    'database',
    'resources',
    'bulk insert',
    'first page p50 / p99',
    'later pages p50 / p99',
    'list p99',
    'usage p50 / p99',
  ],
  rows,
)}

Plans of the list query (\`team = ? and deleted_at is null order by id desc limit 51\`):

${plans.join('\n')}`;
  }
  if (sync) {
    text += `
### Catalog sync

The catalog module's \`ResourceEntityProvider.fullSync\` over
${sync.resources.toLocaleString(
  'en-US',
)} live resources (10% depend on another),
in a process of its own: the Platform API client replaced by the
\`ResourceStore\` in the same process (pages of 500, JSON round-tripped as on
the wire), the catalog connection by one that only counts the entities of the
one full mutation. Peak RSS is the process's (\`getrusage\` maxRSS and
\`process.memoryUsage().rss\` sampled every 20 ms).

${table(
  ['', 'figure'],
  [
    ['full sync', sec(sync.syncMs)],
    ['of which reading the pages', sec(sync.readMs)],
    [
      `\`resourceEntity\` alone for ${sync.buildOnly.resources.toLocaleString(
        'en-US',
      )} resources in memory`,
      sec(sync.buildOnly.ms),
    ],
    ['RSS before the sync', `${fmt(sync.baselineRssMb, 0)} MB`],
    ['peak RSS', `**${fmt(sync.peakRssMb, 0)} MB**`],
    ['entities in the mutation', sync.mutated.toLocaleString('en-US')],
  ],
)}
`;
  }
  return text;
}

function frontendSection(r) {
  const f = r.frontend;
  if (!f) return '';
  return `## 6. Frontend

The production build of the app (\`yarn workspace app build\`${
    r.appBuildSec ? `, ${fmt(r.appBuildSec, 0)} s here` : ''
  }) served by the bench backend, with ${f.offerings} offerings added through
\`platform.offerings\` (${
    f.cardsOnPage ?? '?'
  } cards on the page with the built-in ones),
in headless Chromium (1440×900). Signed in as guest, then \`${f.path}\` is
loaded; the time is from navigation start until the name of every one of
the ${f.offerings} offerings is in the rendered text of the page. Warm: the
bundles are in the browser cache from the sign-in; cold: cache cleared
first. ${f.warm.n} runs each after one to warm up.

${table(
  [
    '',
    'last card visible p50',
    'max',
    'DOM content loaded',
    '`GET /offerings` sent → received',
    'first card visible',
    'scripts (transferred)',
  ],
  ['warm', 'cold'].map(k => [
    `${k} cache`,
    `**${sec(f[k].p50)}**`,
    sec(f[k].max),
    sec(f[k].domContentLoaded),
    `${sec(f[k].offeringsRequested)} → ${sec(f[k].offeringsReceived)}`,
    sec(f[k].firstCard),
    `${fmt(f[k].scripts, 0)} (${fmt(f[k].scriptBytes / 1024 / 1024, 1)} MB)`,
  ]),
)}

All moments are medians, from navigation start.
`;
}

function render(r) {
  const m = r.machine;
  const findingsFile = path.join(root, 'bench/findings.md');
  const findings = fs.existsSync(findingsFile)
    ? fs.readFileSync(findingsFile, 'utf8').trim()
    : '';
  return `# Benchmarks

Written by \`node bench/run.js\`${
    r.quick ? ' --quick (a smoke run: short and small)' : ''
  } on ${m.date.slice(0, 10)}; how to run them and what each does:
[bench/README.md](../bench/README.md).

| machine | |
|---|---|
| CPUs | ${m.cpus} |
| memory | ${m.memory} |
| load average at the start | ${m.loadavg} |
| Node.js | ${m.node} |
| OS | ${m.os} |
| PostgreSQL | ${m.postgres} (127.0.0.1:5432) |
| SQLite | ${m.sqlite} (better-sqlite3) |
| commit | ${m.commit} |
| date | ${m.date} |

The machine has 2 cores, shared with other work while this ran; the load
generator (autocannon) runs on them too. Absolute figures move from run to
run: the ratios, each measured side by side in the same run and the same
process, are the figures to compare. Every backend is a production-like
process (\`NODE_ENV=production\`, TypeScript through Backstage's node
transform, as \`backstage-cli package start\` runs it), listening on
127.0.0.1 only, with a fresh database.

## Targets

${table(
  ['#', 'what', 'target', 'measured', ''],
  targets(r).map(row => [...row.slice(0, 4), verdict(row[4])]),
)}
${
  r.errors.length
    ? `\nNot measured in this run:\n\n${r.errors
        .map(e => `- ${e}`)
        .join('\n')}\n`
    : ''
}
${readSection(r)}
${writeSection(r)}
${queueSection(r)}
${provisionSection(r)}
${scaleSection(r)}
${frontendSection(r)}
${findings ? `${findings}\n` : ''}`.replace(/\n{3,}/g, '\n\n');
}

function writeReport(results, file) {
  fs.writeFileSync(file, render(results));
}

function printSummary(r) {
  console.log('\nTargets:');
  for (const [n, what, target, measured, ok] of targets(r)) {
    console.log(
      `  ${n}. ${what.replace(/`/g, '')}\n     ${measured.replace(
        /\*\*/g,
        '',
      )}  (target ${target}: ${
        ok === undefined ? '–' : ok ? 'met' : 'MISSED'
      })`,
    );
  }
  for (const c of costsPerDatabase(r)) {
    const without =
      c.withoutCatalog === undefined
        ? ''
        : `, without the catalog module ${cpu(c.withoutCatalog)}`;
    console.log(
      `\nCPU per request (${dbName(c.db)}): create ${cpu(
        c.create,
      )}${without}, bare insert ${cpu(c.bare)}`,
    );
  }
  if (r.errors.length) {
    console.log('\nNot measured:');
    for (const e of r.errors) console.log(`  - ${e}`);
  }
}

module.exports = { writeReport, printSummary, render };
