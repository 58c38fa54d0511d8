// 5. Bad input: the generator of the backend's own hostile-input test
// (plugins/platform-backend/src/__testUtils__/hostileRequests.ts, loaded
// through Backstage's node transform) sends thousands of malformed and
// mutated requests to every route of a running backend of the app.
const fs = require('node:fs');
const path = require('node:path');
const { appBackend, root, nodeTransform } = require('../lib/backend');
const { PlatformApi, pool } = require('../lib/api');
const { tally } = require('../lib/report');

/** The id the generator puts in resource paths; half of them get a real one. */
const PLACEHOLDER_ID = '01a21a29-6f5e-7194-8232-15a88952bad7';
const SEED = 20261127;

function loadGenerator() {
  require(nodeTransform);
  return require(path.join(
    root,
    'plugins/platform-backend/src/__testUtils__/hostileRequests.ts',
  )).hostileRequests;
}

module.exports = async function badInput(report, ctx) {
  const hostileRequests = loadGenerator();
  const routes = [...hostileRequests(1, SEED)].length;
  const wanted = ctx.short ? 2_000 : 10_000;
  const perRoute = Math.ceil(wanted / routes);

  const sqliteDir = path.join(ctx.runDir, 'sqlite-bad-input');
  fs.mkdirSync(sqliteDir, { recursive: true });
  const backend = await appBackend({
    name: 'bad-input',
    basePort: 7106,
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
          repository: { path: path.join(ctx.runDir, 'gitops-bad-input') },
        },
        provisioning: { sweepIntervalSeconds: 1 },
      },
    },
  });
  ctx.stopAtEnd([backend]);
  await backend.start();
  const api = new PlatformApi(backend.baseUrl, await backend.token());

  // Real resources, so that hostile requests on resource routes reach more
  // than the 404 of an unknown id: the generator's valid create names the
  // upstream `storefront`.
  const storefront = await api.create({
    offering: 'web-application',
    name: 'storefront',
    team: 'team-alpha',
    environment: 'development',
    config: { replicas: 1 },
  });
  const realId = storefront.body?.id;

  const requests = [...hostileRequests(perRoute, SEED)].map((r, i) =>
    realId && i % 2 === 0
      ? { ...r, path: r.path.replace(PLACEHOLDER_ID, realId) }
      : r,
  );
  const started = Date.now();
  const answers = await pool(requests, 8, r =>
    api.send(r.method, r.path, { body: r.body, rawBody: r.rawBody }),
  );
  const seconds = (Date.now() - started) / 1000;
  report.note(
    `${
      requests.length
    } requests (${perRoute} per route × ${routes} routes, seed ${SEED}) in ${seconds.toFixed(
      1,
    )} s, ${(requests.length / seconds).toFixed(0)}/s: ${tally(
      answers.map(a => a.status || a.error),
    )}`,
  );

  const show = indexes =>
    indexes
      .slice(0, 3)
      .map(i => {
        const r = requests[i];
        return `#${i} ${r.method.toUpperCase()} ${r.path.slice(0, 120)} → ${
          answers[i].status || answers[i].error
        } ${answers[i].text.slice(0, 200)}`;
      })
      .join(' | ');
  const indexesWhere = predicate =>
    answers.flatMap((a, i) => (predicate(a) ? [i] : []));

  const unanswered = indexesWhere(a => a.status === 0);
  report.expect(
    `all ${requests.length} requests answered`,
    unanswered.length === 0,
    unanswered.length
      ? `${unanswered.length} not: ${show(unanswered)}`
      : undefined,
  );
  const serverErrors = indexesWhere(a => a.status >= 500);
  report.expect(
    'no 5xx',
    serverErrors.length === 0,
    serverErrors.length
      ? `${serverErrors.length}: ${show(serverErrors)}`
      : undefined,
  );
  const clientErrors = indexesWhere(a => a.status >= 400 && a.status < 500);
  const unexplained = clientErrors.filter(i => {
    const message = answers[i].body?.error?.message;
    return typeof message !== 'string' || message.trim() === '';
  });
  report.expect(
    'every 4xx has a JSON error.message',
    unexplained.length === 0,
    unexplained.length
      ? `${unexplained.length} of ${clientErrors.length}: ${show(unexplained)}`
      : `${clientErrors.length} 4xx`,
  );

  const ready = await fetch(
    `${backend.baseUrl}/.backstage/health/v1/readiness`,
  );
  const health = await api.send('get', '/health');
  report.expect(
    'the backend is still up and answers a valid request',
    ready.ok && health.status === 200 && backend.starts === 1,
  );
};
