// 6. Database restart: the app's backend runs on a PostgreSQL cluster of the
// check's own, which is stopped for about ten seconds and started again while
// a steady load creates and reads resources. During the outage the Platform
// API may only answer 2xx or 503 (with Retry-After); afterwards it must
// answer 2xx again by itself, and every accepted resource must become ready.
const fs = require('node:fs');
const path = require('node:path');
const { appBackend, sleep } = require('../lib/backend');
const { PlatformApi, until } = require('../lib/api');
const { PrivatePostgres } = require('../lib/privatePostgres');
const { tally } = require('../lib/report');

const WORKERS = 4;
/** Pause between one worker's requests, so the load stays steady when answers are quick. */
const PACE_MS = 100;
/** Answers must be 2xx again within this long of the database being back. */
const RECOVERY_BOUND_MS = 15_000;
/** How long the load goes on once every answer is 2xx again. */
const CLEAN_TAIL_MS = 8_000;

const ok = status => status >= 200 && status < 300;

module.exports = async function databaseRestart(report, ctx) {
  const downMs = 10_000;
  const warmUpMs = ctx.short ? 5_000 : 15_000;
  const settleMs = ctx.short ? 60_000 : 120_000;
  const namePrefix = `dbr${ctx.runId}-`;
  const mine = items => items.filter(r => r.name.startsWith(namePrefix));

  const cluster = await PrivatePostgres.create({
    parentDir: ctx.runDir,
    basePort: 7250,
  });
  ctx.cleanup.push(() => cluster.ensureStopped());
  await cluster.start();
  report.note(
    `private PostgreSQL cluster on ${cluster.host}:${cluster.port} (${cluster.dataDir})`,
  );

  const backend = await appBackend({
    name: 'db-restart',
    basePort: 7107,
    runDir: ctx.runDir,
    extra: {
      backend: { database: cluster.backendDatabase() },
      platform: {
        quotas: { teams: { 'team-alpha': { 'web-application': 10_000 } } },
        gitops: {
          repository: { path: path.join(ctx.runDir, 'gitops-db-restart') },
        },
        postgres: { host: cluster.host, port: cluster.port },
      },
    },
  });
  ctx.stopAtEnd([backend]);
  await backend.start();
  report.note(
    `backend ready in ${(backend.lastStartMs / 1000).toFixed(1)} s on it`,
  );
  const api = new PlatformApi(backend.baseUrl, await backend.token());

  const answers = []; // { at, kind, status, retryAfter, body, error }
  const accepted = []; // { id, name }
  let counter = 0;
  let stopped = false;

  async function call(kind, method, url, body) {
    const res = await api.send(method, url, { body });
    answers.push({
      at: Date.now(),
      kind,
      status: res.status,
      retryAfter: res.headers?.get('retry-after') ?? undefined,
      body: res.body,
      text: res.text,
      error: res.error,
    });
    return res;
  }

  async function worker() {
    while (!stopped) {
      const name = `${namePrefix}${counter++}`;
      const created = await call('create', 'post', '/resources', {
        offering: 'web-application',
        name,
        team: 'team-alpha',
        environment: 'development',
        config: { replicas: 1 },
      });
      if (created.status === 202) accepted.push({ id: created.body.id, name });
      await sleep(PACE_MS);
      if (accepted.length > 0) {
        const { id } = accepted[Math.floor(Math.random() * accepted.length)];
        await call('read', 'get', `/resources/${id}`);
        await sleep(PACE_MS);
      }
      await call(
        'list',
        'get',
        '/resources?team=team-alpha&offering=web-application&limit=20',
      );
      await sleep(PACE_MS);
    }
  }

  const load = Array.from({ length: WORKERS }, () => worker());
  let stopAt;
  let backAt;
  let logOffset = 0;
  let recoveredBy;
  let inProgressAtStop = [];
  try {
    await sleep(warmUpMs);
    // What the engine has in hand when the database goes: it must resume.
    inProgressAtStop = mine(
      await api.list({ team: 'team-alpha', offering: 'web-application' }),
    ).filter(r => r.state !== 'ready');
    logOffset = fs.statSync(backend.logFile).size;
    stopAt = Date.now();
    await cluster.stop();
    const stoppedIn = Date.now() - stopAt;
    await sleep(Math.max(0, downMs - stoppedIn));
    await cluster.start();
    backAt = Date.now();
    report.note(
      `database down for ${((backAt - stopAt) / 1000).toFixed(
        1,
      )} s (stop took ${(stoppedIn / 1000).toFixed(1)} s)`,
    );
    // The load goes on until every answer has been 2xx for a while.
    const lastBad = () =>
      Math.max(backAt, ...answers.filter(a => !ok(a.status)).map(a => a.at));
    recoveredBy = await until(
      () => Date.now() - lastBad() >= CLEAN_TAIL_MS && lastBad(),
      { timeoutMs: RECOVERY_BOUND_MS + CLEAN_TAIL_MS, intervalMs: 250 },
    );
  } finally {
    stopped = true;
    await Promise.all(load);
  }

  const before = answers.filter(a => a.at < stopAt);
  const during = answers.filter(a => a.at >= stopAt && a.at < backAt);
  const after = answers.filter(a => a.at >= backAt);
  const describe = list =>
    `${list.length} answers: ${tally(list.map(a => a.status || a.error))}`;
  report.note(`before the outage: ${describe(before)}`);
  report.note(`during the outage: ${describe(during)}`);
  report.note(`after the restart: ${describe(after)}`);
  for (const kind of ['create', 'read', 'list']) {
    report.note(
      `  ${kind} during the outage: ${tally(
        during.filter(a => a.kind === kind).map(a => a.status || a.error),
      )}`,
    );
  }

  report.expect(
    'before the outage every answer was 2xx',
    before.length > 0 && before.every(a => ok(a.status)),
    describe(before),
  );
  const wrong = answers.filter(a => !ok(a.status) && a.status !== 503);
  report.expect(
    'during and after the outage only 2xx or 503 answers',
    wrong.length === 0,
    wrong.length
      ? `${describe(wrong)}; first: ${wrong[0].kind} ${
          wrong[0].status || wrong[0].error
        } ${wrong[0].text?.slice(0, 300)}`
      : `${describe(answers)} in all`,
  );
  const unavailable = answers.filter(a => a.status === 503);
  const badUnavailable = unavailable.filter(
    a =>
      !/^\d+$/.test(a.retryAfter ?? '') ||
      a.body?.error?.name !== 'ServiceUnavailableError' ||
      typeof a.body?.error?.message !== 'string' ||
      a.body?.response?.statusCode !== 503 ||
      'stack' in (a.body?.error ?? {}),
  );
  report.expect(
    'the outage was seen: requests were answered 503',
    unavailable.length > 0,
    `${unavailable.length} answered 503`,
  );
  report.expect(
    'every 503 has Retry-After and the standard JSON error body, without a stack',
    unavailable.length > 0 && badUnavailable.length === 0,
    badUnavailable.length
      ? `${badUnavailable.length} without: ${badUnavailable[0].text.slice(
          0,
          300,
        )} (Retry-After ${badUnavailable[0].retryAfter})`
      : unavailable.length
      ? `Retry-After ${tally(unavailable.map(a => a.retryAfter))}`
      : undefined,
  );
  if (unavailable.length && badUnavailable.length === 0) {
    report.note(
      `503 messages: ${tally(
        unavailable.map(a => `"${a.body.error.message}"`),
      )}`,
    );
  }
  const recoveryMs = recoveredBy ? recoveredBy - backAt : undefined;
  const firstOk = Math.min(...after.filter(a => ok(a.status)).map(a => a.at));
  report.note(
    `recovery: first 2xx ${
      Number.isFinite(firstOk) ? `${firstOk - backAt} ms` : 'never'
    } after the database was back; last non-2xx ${
      recoveryMs === undefined ? 'never followed by 2xx' : `${recoveryMs} ms`
    } after it`,
  );
  report.expect(
    `answers are 2xx again within ${
      RECOVERY_BOUND_MS / 1000
    } s of the database being back, and stay so`,
    recoveryMs !== undefined && recoveryMs <= RECOVERY_BOUND_MS,
    recoveryMs === undefined
      ? 'never'
      : `last non-2xx answer ${(recoveryMs / 1000).toFixed(
          1,
        )} s after the database was back, then ${
          after.filter(a => a.at > recoveredBy).length
        } answers 2xx over ${CLEAN_TAIL_MS / 1000} s`,
  );
  report.expect(
    'the backend stayed up, without a restart',
    backend.running && backend.starts === 1,
  );

  // Every accepted resource becomes ready; so does any create that was
  // recorded although its answer was a 503.
  const settleStart = Date.now();
  let latest = [];
  const settled = await until(
    async () => {
      latest = mine(
        await api.list({ team: 'team-alpha', offering: 'web-application' }),
      );
      return latest.every(r => r.state === 'ready');
    },
    { timeoutMs: settleMs, intervalMs: 1000 },
  );
  report.note(
    `${accepted.length} creates accepted; all ready ${
      settled
        ? `${((Date.now() - settleStart) / 1000).toFixed(1)} s after the load`
        : 'never'
    }`,
  );
  const found = new Set(latest.map(r => r.id));
  const lost = accepted.filter(a => !found.has(a.id));
  report.expect(
    'none lost: every accepted resource is listed',
    accepted.length > 0 && lost.length === 0,
    lost.length
      ? `${lost.length} missing: ${lost.map(l => l.name).join(', ')}`
      : `${accepted.length} accepted, ${latest.length} listed`,
  );
  const extra = latest.filter(r => !accepted.some(a => a.id === r.id));
  if (extra.length) {
    report.note(
      `${extra.length} recorded although their create was not answered 202 (they must become ready too)`,
    );
  }
  const notReady = latest.filter(r => r.state !== 'ready');
  report.expect(
    `every resource of the run became ready within ${settleMs / 1000} s`,
    latest.length > 0 && notReady.length === 0,
    `${tally(latest.map(r => r.state))}${
      notReady.length
        ? `; not ready: ${notReady
            .slice(0, 5)
            .map(r => `${r.name} ${r.state} ${r.error ?? ''}`)
            .join(', ')}`
        : ''
    }`,
  );
  const timelines = await Promise.all(latest.map(r => api.events(r.id)));
  const notOnce = latest.filter(
    (_, i) => timelines[i].filter(e => e.type === 'provisioned').length !== 1,
  );
  report.expect(
    'each was recorded as provisioned exactly once',
    notOnce.length === 0,
    notOnce.length
      ? notOnce.map(r => r.name).join(', ')
      : `${latest.length} timelines`,
  );
  const readyAt = new Map(
    latest.map((r, i) => [
      r.id,
      Date.parse(timelines[i].find(e => e.type === 'provisioned')?.time),
    ]),
  );
  const lastReady = state => {
    const times = inProgressAtStop
      .filter(r => r.state === state)
      .map(r => readyAt.get(r.id) ?? NaN);
    return times.length ? Math.max(...times) : undefined;
  };
  const resumed = ['provisioning', 'pending']
    .map(state => [state, lastReady(state)])
    .filter(([, at]) => at !== undefined);
  report.expect(
    'work in progress when the database stopped was resumed and finished',
    inProgressAtStop.length > 0 &&
      resumed.every(([, at]) => Number.isFinite(at)),
    `at the stop ${tally(
      inProgressAtStop.map(r => r.state),
    )}; the last of each ready ${resumed
      .map(([state, at]) => `(${state}) ${((at - backAt) / 1000).toFixed(1)} s`)
      .join(', ')} after the database was back`,
  );
  const failedAttempts = timelines.filter(events =>
    events.some(e => e.type === 'attempt-failed'),
  ).length;
  report.note(
    `${failedAttempts} resource(s) with a failed attempt in their timeline`,
  );

  // What the platform plugin logged from the stop on: the outage in one
  // line, its end in another, and no error handler's line or stack per
  // request. Backstage's own scheduler (`taskStatePoller`, one line every
  // few seconds) and the audit events (one per mutation, without a stack)
  // are not the platform's outage reporting.
  const lines = fs
    .readFileSync(backend.logFile, 'utf8')
    .slice(logOffset)
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n');
  const platformLines = lines.filter(l => /^\S+ platform /.test(l));
  const started = platformLines.filter(l =>
    l.includes('The Platform API is unavailable'),
  );
  const ended = platformLines.filter(l =>
    l.includes('The Platform API is available again'),
  );
  const perRequest = platformLines.filter(
    l =>
      l.includes('type="errorHandler"') ||
      (l.includes('stack=') && !l.includes('type="taskStatePoller"')),
  );
  const others = platformLines.filter(
    l =>
      !started.includes(l) &&
      !ended.includes(l) &&
      !l.includes('isAuditEvent=true') &&
      !l.includes('type="taskStatePoller"'),
  );
  report.expect(
    'the platform logged the outage in one line and its end in one',
    started.length === 1 && ended.length === 1,
    `${started.length} and ${ended.length}${
      started.length ? `: "${started[0].replace(/^\S+ /, '')}"` : ''
    }${ended.length ? ` … "${ended[0].replace(/^\S+ /, '')}"` : ''}`,
  );
  report.expect(
    'no error handler line or stack per request from the platform',
    perRequest.length === 0,
    perRequest.length
      ? `${perRequest.length}, first: ${perRequest[0].slice(0, 300)}`
      : `${platformLines.length} platform lines in all, ${
          platformLines.filter(l => l.includes('isAuditEvent=true')).length
        } of them audit events`,
  );
  for (const line of others.slice(0, 5)) {
    report.note(`other platform line: ${line.slice(0, 200)}`);
  }
};
