// 4. Restart durability on the embedded default database: the app's backend
// on SQLite files in a fresh directory; resources in every settled state are
// created, the backend is stopped and started again, and everything must be
// as it was, timelines included.
const fs = require('node:fs');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { appBackend } = require('../lib/backend');
const { PlatformApi, until, pool } = require('../lib/api');
const { freePort } = require('../lib/processes');
const { tally } = require('../lib/report');

module.exports = async function durability(report, ctx) {
  const webApps = ctx.short ? 4 : 10;
  const databases = ctx.short ? 1 : 3;
  const sqliteDir = path.join(ctx.runDir, 'sqlite');
  fs.mkdirSync(sqliteDir, { recursive: true });
  // Nothing listens here: database resources fail, so failed is covered too.
  const deadPostgresPort = await freePort(7190);

  const backend = await appBackend({
    name: 'durability',
    basePort: 7104,
    runDir: ctx.runDir,
    extra: {
      backend: {
        database: {
          client: 'better-sqlite3',
          connection: { directory: sqliteDir },
        },
      },
      platform: {
        gitops: {
          repository: { path: path.join(ctx.runDir, 'gitops-durability') },
        },
        postgres: { port: deadPostgresPort, connectTimeoutSeconds: 2 },
        provisioning: {
          sweepIntervalSeconds: 1,
          backoffInitialSeconds: 0.5,
          backoffMaxSeconds: 1,
          maxAttempts: 2,
        },
      },
    },
  });
  ctx.stopAtEnd([backend]);
  await backend.start();
  let api = new PlatformApi(backend.baseUrl, await backend.token());

  const create = (offering, name, config = {}) =>
    api.create({
      offering,
      name,
      team: 'team-alpha',
      environment: 'development',
      config,
    });
  const created = [];
  const apps = await pool(
    Array.from({ length: webApps }, (_, i) => `durable-app-${i}`),
    4,
    name => create('web-application', name, { replicas: 1 }),
  );
  created.push(...apps);
  created.push(
    await create('api-gateway', 'durable-gateway', {
      upstream: 'durable-app-0',
    }),
  );
  for (let i = 0; i < databases; i++) {
    created.push(await create('postgresql-database', `durable-db-${i}`));
  }
  report.expect(
    'resources created (202)',
    created.every(c => c.status === 202),
    tally(created.map(c => c.status || c.error)),
  );
  const ids = created.filter(c => c.status === 202).map(c => c.body.id);
  const byName = name =>
    created.find(c => c.status === 202 && c.body.name === name)?.body.id;

  const settled = async () => {
    const all = await Promise.all(ids.map(id => api.get(id)));
    return all.every(r => ['ready', 'failed', 'deleted'].includes(r.state))
      ? all
      : undefined;
  };
  await until(settled, { timeoutMs: 60_000 });
  // Day-2 changes: an update and a deletion.
  const updated = await api.send(
    'patch',
    `/resources/${byName('durable-app-1')}`,
    { body: { config: { replicas: 3 } } },
  );
  const deleted = await api.send(
    'delete',
    `/resources/${byName(`durable-app-${webApps - 1}`)}`,
  );
  report.expect(
    'an update and a deletion accepted (202)',
    updated.status === 202 && deleted.status === 202,
    `${updated.status}, ${deleted.status}`,
  );
  const before = await until(settled, { timeoutMs: 60_000 });
  report.expect(
    'everything settled before the stop',
    Boolean(before),
    before ? tally(before.map(r => `${r.offering} ${r.state}`)) : 'timed out',
  );
  if (!before) return;
  const states = new Set(before.map(r => r.state));
  const app1 = before.find(r => r.name === 'durable-app-1');
  const app1Events = await api.events(app1.id);
  report.expect(
    'the snapshot covers ready, updated, failed and deleted resources',
    ['ready', 'failed', 'deleted'].every(s => states.has(s)) &&
      app1.config.replicas === 3 &&
      app1Events.some(e => e.type === 'updated'),
    [...states].join(', '),
  );
  for (const failed of before.filter(r => r.state === 'failed')) {
    report.note(`${failed.name} failed: ${failed.error}`);
  }

  const snapshot = async () => ({
    resources: await Promise.all(ids.map(id => api.get(id))),
    events: await Promise.all(ids.map(id => api.events(id))),
    live: await api.list({ team: 'team-alpha' }),
    tombstones: await api.list({ team: 'team-alpha', state: 'deleted' }),
    quotas: await api.ok('get', '/quotas?team=team-alpha'),
  });
  const first = await snapshot();
  const eventCount = first.events.reduce((n, e) => n + e.length, 0);

  const stopStart = Date.now();
  await backend.stop();
  report.expect(
    'the backend stopped on SIGTERM',
    !backend.running,
    `in ${((Date.now() - stopStart) / 1000).toFixed(1)} s, exit ${
      backend.child.exitCode ?? backend.child.signalCode
    }`,
  );
  const files = fs.readdirSync(sqliteDir);
  report.note(`SQLite files: ${files.join(', ')}`);

  await backend.start();
  api = new PlatformApi(backend.baseUrl, await backend.token());
  const second = await snapshot();

  const changed = ids.filter(
    (id, i) => !isDeepStrictEqual(first.resources[i], second.resources[i]),
  );
  report.expect(
    `all ${ids.length} resources still there with the same state, config, outputs and errors`,
    changed.length === 0,
    changed.length
      ? `${changed.length} differ, e.g. ${JSON.stringify(
          first.resources[ids.indexOf(changed[0])],
        )} became ${JSON.stringify(second.resources[ids.indexOf(changed[0])])}`
      : tally(second.resources.map(r => r.state)),
  );
  const changedEvents = ids.filter(
    (id, i) => !isDeepStrictEqual(first.events[i], second.events[i]),
  );
  report.expect(
    `all ${eventCount} timeline events unchanged`,
    changedEvents.length === 0,
    changedEvents.length
      ? `${changedEvents.length} timelines differ`
      : undefined,
  );
  report.expect(
    'the lists of live and deleted resources and the quota usage unchanged',
    isDeepStrictEqual(first.live, second.live) &&
      isDeepStrictEqual(first.tombstones, second.tombstones) &&
      isDeepStrictEqual(first.quotas, second.quotas),
    `${second.live.length} live, ${second.tombstones.length} deleted`,
  );

  // The restarted backend still knows what is taken and keeps working.
  const taken = await create('web-application', 'durable-app-0');
  report.expect(
    "a live resource's name is still taken (409)",
    taken.status === 409,
    `${taken.status}`,
  );
  const fresh = await create('web-application', 'durable-after-restart', {
    replicas: 1,
  });
  const freshReady =
    fresh.status === 202 &&
    (await until(async () => (await api.get(fresh.body.id)).state === 'ready', {
      timeoutMs: 30_000,
    }));
  report.expect(
    'a resource created after the restart is provisioned',
    freshReady,
    `${fresh.status}`,
  );
};
