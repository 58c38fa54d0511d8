// 2. Crash: the backend is killed with SIGKILL at random moments while it
// provisions postgresql-database resources with the real PostgreSQL
// provisioner, and restarted each time. Afterwards every resource must have
// settled, none may be lost, and no role or database may exist twice or
// without its resource.
const path = require('node:path');
const { appBackend, sleep } = require('../lib/backend');
const { PlatformApi, until } = require('../lib/api');
const pg = require('../lib/postgres');
const { tally } = require('../lib/report');

const random = (min, max) => min + Math.random() * (max - min);

module.exports = async function crash(report, ctx) {
  const total = ctx.short ? 20 : 100;
  const kills = ctx.short ? 3 : 6;
  const settleMs = ctx.short ? 90_000 : 240_000;
  const dbPrefix = `${ctx.dbPrefix}c_`;
  // Resource names of this run, and the role/database names the provisioner
  // derives from them (p_<environment>_<team>_<name>_<hash>).
  const namePrefix = `rel${ctx.runId}-`;
  const objectPrefix = `p_development_team_alpha_rel${ctx.runId}_`;
  ctx.cleanup.push(() => pg.dropStartingWith(dbPrefix));
  ctx.cleanup.push(() => pg.dropStartingWith(objectPrefix, { roles: true }));

  const backend = await appBackend({
    name: 'crash',
    basePort: 7103,
    runDir: ctx.runDir,
    extra: {
      backend: { database: pg.backendDatabase(dbPrefix) },
      platform: {
        quotas: {
          teams: { 'team-alpha': { 'postgresql-database': total * 3 } },
        },
        gitops: { repository: { path: path.join(ctx.runDir, 'gitops-crash') } },
        postgres: { ...pg.server },
        provisioning: {
          leaseSeconds: 3,
          sweepIntervalSeconds: 1,
          backoffInitialSeconds: 1,
          backoffMaxSeconds: 4,
          maxAttempts: 5,
          attemptTimeoutSeconds: 30,
        },
      },
    },
  });
  ctx.stopAtEnd([backend]);

  const accepted = []; // { id, name }
  const unanswered = []; // names whose create got no answer
  const otherAnswers = []; // anything but 202 or no answer
  const inFlightAtKill = [];
  let counter = 0;

  const mine = resources =>
    resources.filter(r => r.name.startsWith(namePrefix));
  const listMine = api =>
    api
      .list({ team: 'team-alpha', offering: 'postgresql-database' })
      .then(mine);

  /**
   * Sends creates one after another until `target` are accepted or
   * `stopped()`; calls `onAccepted` after each 202.
   */
  async function submit(api, target, stopped, onAccepted = () => {}) {
    while (accepted.length < target && !stopped()) {
      const name = `${namePrefix}${counter++}`;
      const res = await api.create({
        offering: 'postgresql-database',
        name,
        team: 'team-alpha',
        environment: 'development',
        config: { size: 'small' },
      });
      if (res.status === 202) {
        accepted.push({ id: res.body.id, name });
        onAccepted();
      } else if (res.status === 0) unanswered.push(name);
      else otherAnswers.push(res);
      await sleep(random(0, 100));
    }
  }

  const perLife = Math.ceil(total / kills);
  for (let life = 1; life <= kills; life++) {
    await backend.start();
    const api = new PlatformApi(backend.baseUrl, await backend.token());
    const target = Math.min(total, perLife * life);
    // A random moment while work is under way: after a random one of this
    // life's creates is accepted, while more requests are arriving.
    const killAfter =
      accepted.length +
      1 +
      Math.floor(Math.random() * (target - accepted.length));
    let killed = false;
    let fire;
    const moment = new Promise(resolve => {
      fire = resolve;
    });
    const submitting = submit(
      api,
      target,
      () => killed,
      () => accepted.length >= killAfter && fire(),
    );
    // Also if the creates stop being accepted, rather than waiting forever.
    submitting.finally(fire);
    await moment;
    // Then as soon as the engine has work in hand: a database is provisioned
    // in tens of milliseconds here, so a fixed delay would often fall
    // between two of them.
    let states = [];
    let busy = 0;
    const deadline = Date.now() + 2_000;
    do {
      states = await listMine(api).catch(() => []);
      busy = states.filter(
        r => r.state === 'pending' || r.state === 'provisioning',
      ).length;
    } while (busy === 0 && !killed && Date.now() < deadline);
    killed = true;
    await backend.kill();
    await submitting;
    inFlightAtKill.push(busy);
    report.note(
      `kill -9 #${life} at ${
        accepted.length
      } accepted: ${busy} pending or provisioning (${tally(
        states.map(r => r.state),
      )})`,
    );
  }

  // The last start: no more kills.
  await backend.start();
  const api = new PlatformApi(backend.baseUrl, await backend.token());
  await submit(api, total, () => false);
  const settleStart = Date.now();
  let latest = [];
  const settled = await until(
    async () => {
      latest = await listMine(api);
      return latest.every(r => r.state === 'ready' || r.state === 'failed');
    },
    { timeoutMs: settleMs, intervalMs: 1000 },
  );
  report.note(
    `${backend.starts} starts; settled ${
      settled ? `${((Date.now() - settleStart) / 1000).toFixed(1)} s` : 'not'
    } after the last one`,
  );

  report.expect(
    `${total} creates accepted (202) across ${kills} kills and ${
      backend.starts - 1
    } restarts`,
    accepted.length >= total && backend.starts - 1 >= 2,
    `${accepted.length} accepted, ${unanswered.length} unanswered (in flight at a kill)`,
  );
  report.expect(
    'no create answered with anything but 202 (or nothing, when killed)',
    otherAnswers.length === 0,
    otherAnswers.length
      ? `${tally(
          otherAnswers.map(a => a.status),
        )}: ${otherAnswers[0].text.slice(0, 300)}`
      : undefined,
  );
  report.expect(
    'the kills landed while resources were being provisioned',
    inFlightAtKill.reduce((a, b) => a + b, 0) > 0,
    `pending or provisioning at each kill: ${inFlightAtKill.join(', ')}`,
  );

  const found = await Promise.all(
    accepted.map(a => api.send('get', `/resources/${a.id}`)),
  );
  const lost = accepted.filter((_, i) => found[i].status !== 200);
  report.expect(
    'none lost: every accepted id still exists',
    lost.length === 0,
    lost.length
      ? `${lost.length} missing: ${lost.map(l => l.name).join(', ')}`
      : `${accepted.length} found`,
  );

  const orphans = latest.filter(r => !accepted.some(a => a.id === r.id));
  if (orphans.length) {
    report.note(
      `${orphans.length} resource(s) recorded although their create got no answer; they must settle too`,
    );
  }
  const stuck = latest.filter(r => r.state !== 'ready' && r.state !== 'failed');
  report.expect(
    `every resource settled as ready or failed within ${settleMs / 1000} s`,
    stuck.length === 0,
    `${tally(latest.map(r => r.state))}${
      stuck.length ? `; stuck: ${stuck.map(r => r.name).join(', ')}` : ''
    }`,
  );
  const failed = latest.filter(r => r.state === 'failed');
  report.expect(
    'every failed resource says why',
    failed.every(r => typeof r.error === 'string' && r.error.length > 0),
    failed.length
      ? `${failed.length} failed: ${tally(failed.map(r => r.error))}`
      : 'none failed',
  );

  // What the provisioner did on the server.
  const ready = latest.filter(r => r.state === 'ready');
  const objects = await pg.provisionedObjects(objectPrefix);
  for (const kind of ['databases', 'roles']) {
    const onServer = objects[kind];
    const names = new Set(onServer.map(o => o.name));
    const wrong = ready.filter(r => {
      const object = onServer.find(o => o.name === r.outputs.database);
      return (
        !object ||
        object.comment !== `platform resource ${r.id}` ||
        (kind === 'databases' && object.owner !== r.outputs.database)
      );
    });
    const extra = [...names].filter(
      name => !ready.some(r => r.outputs.database === name),
    );
    report.expect(
      `${kind} on the server: exactly one per ready resource, marked with its id`,
      onServer.length === ready.length &&
        names.size === onServer.length &&
        wrong.length === 0 &&
        extra.length === 0,
      `${onServer.length} ${kind} for ${ready.length} ready resources${
        wrong.length ? `; missing or unmarked: ${wrong.map(r => r.name)}` : ''
      }${extra.length ? `; without a ready resource: ${extra}` : ''}`,
    );
  }

  const timelines = await Promise.all(latest.map(r => api.events(r.id)));
  const twice = latest.filter((r, i) =>
    ['Created role ', 'Created database '].some(
      start => timelines[i].filter(e => e.message.startsWith(start)).length > 1,
    ),
  );
  report.expect(
    'no resource created its role or its database twice',
    twice.length === 0,
    twice.length ? twice.map(r => r.name).join(', ') : undefined,
  );
  const resumed = timelines.filter(events =>
    events.some(
      e =>
        e.message.startsWith('Reset the password of existing role') ||
        e.message.startsWith('Reused existing database'),
    ),
  ).length;
  report.note(
    `${resumed} provisioning(s) resumed half-way after a kill (found their role or database already there)`,
  );
};
