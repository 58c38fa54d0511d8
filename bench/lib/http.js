// The HTTP benchmarks against one running bench backend: read, write and
// queue latency.
const { measureCost } = require('./cpu');
const { load } = require('./load');
const { sleep, summary } = require('./util');

/** A guest user's token (the guest is a member of team-alpha). */
async function guestToken(backend) {
  const res = await fetch(`${backend.baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`Guest sign-in failed: ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

let nameCounter = 0;
/** Unique resource names for the whole run: r1, r2, … */
const nextName = () => `r${++nameCounter}`;

function webApplication(name) {
  return {
    offering: 'web-application',
    name,
    team: 'team-alpha',
    environment: 'development',
    config: { replicas: 2 },
  };
}

async function waitForState(backend, id, states, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const resource = await backend.json(`/api/platform/resources/${id}`);
    if (states.includes(resource.state)) return resource;
    if (Date.now() > deadline) {
      throw new Error(`Resource ${id} is still ${resource.state}`);
    }
    await sleep(10);
  }
}

/**
 * 1. Read: one resource by id from the Platform API against one entity by
 * name from the catalog, in the same process, same credentials,
 * autocannon with 10 connections, one after the other.
 */
async function readBench(backend, { durationSec, warmupSec, auth }) {
  const target = await backend.json('/api/platform/resources', {
    method: 'POST',
    body: JSON.stringify(webApplication(nextName())),
  });
  await waitForState(backend, target.id, ['ready']);
  const token = auth === 'guest' ? await guestToken(backend) : backend.token;
  const headers = { authorization: `Bearer ${token}` };
  const routes = {
    platform: `/api/platform/resources/${target.id}`,
    catalog: '/api/catalog/entities/by-name/component/default/storefront-web',
  };
  for (const path of Object.values(routes)) {
    const res = await fetch(`${backend.baseUrl}${path}`, { headers });
    if (!res.ok) throw new Error(`GET ${path} as ${auth}: ${res.status}`);
    await load({
      url: `${backend.baseUrl}${path}`,
      headers,
      durationSec: warmupSec,
    });
  }
  // Platform, catalog, catalog, platform, half the time each: a drift in
  // what else the machine does weighs on both alike.
  const half = Math.max(1, Math.round(durationSec / 2));
  const runs = { platform: [], catalog: [] };
  for (const route of ['platform', 'catalog', 'catalog', 'platform']) {
    runs[route].push(
      await load({
        url: `${backend.baseUrl}${routes[route]}`,
        headers,
        durationSec: half,
      }),
    );
  }
  return {
    auth,
    routes,
    platform: combine(runs.platform),
    catalog: combine(runs.catalog),
  };
}

/** Two load runs as one: req/s over both; latencies averaged. */
function combine(runs) {
  const sum = key => runs.reduce((total, r) => total + r[key], 0);
  const mean = key => sum(key) / runs.length;
  return {
    requests: sum('requests'),
    rps: sum('requests') / sum('durationSec'),
    p50: mean('p50'),
    p90: mean('p90'),
    p99: mean('p99'),
    max: Math.max(...runs.map(r => r.max)),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    durationSec: sum('durationSec'),
    runs,
  };
}

/** Start times the no-op provisioner recorded, by resource id. */
async function provisionStarts(backend) {
  return backend.json('/api/bench/provision-starts');
}

/**
 * 3a. Queue latency when idle: one request at a time, each waited for until
 * its provision began, with a pause between them.
 */
async function queueIdleBench(backend, { count }) {
  const fromCreated = [];
  const fromAccepted = [];
  for (let i = 0; i < count + 3; i++) {
    const res = await backend.fetch('/api/platform/resources', {
      method: 'POST',
      body: JSON.stringify(webApplication(nextName())),
    });
    const accepted = Date.now();
    if (res.status !== 202) {
      throw new Error(`POST /resources: ${res.status} ${await res.text()}`);
    }
    const resource = await res.json();
    let started;
    const deadline = Date.now() + 30_000;
    while (started === undefined) {
      started = (await provisionStarts(backend))[resource.id];
      if (started === undefined) {
        if (Date.now() > deadline) {
          throw new Error(`The provision of ${resource.id} never began`);
        }
        await sleep(2);
      }
    }
    if (i >= 3) {
      // The first three warm up.
      fromCreated.push(started - Date.parse(resource.createdAt));
      fromAccepted.push(started - accepted);
    }
    await sleep(100);
  }
  return {
    fromCreated: summary(fromCreated),
    fromAccepted: summary(fromAccepted),
  };
}

/**
 * Posts a new web application per request to `path` (a create, or the bare
 * insert); `onCreated` gets each accepted resource and when it arrived.
 */
function postWebApplications(backend, path, options, onCreated) {
  return load({
    url: `${backend.baseUrl}${path}`,
    method: 'POST',
    headers: backend.headers,
    body: () => webApplication(nextName()),
    onResponse: onCreated
      ? (status, body) => {
          if (status === 202) onCreated(JSON.parse(body), Date.now());
        }
      : undefined,
    ...options,
  });
}

/**
 * 2. Write (and 3b, queue latency under load): the full create against the
 * bare insert, each at a fixed rate, bare first; then both as fast as 10
 * connections go. For the full create, when each provision began, against
 * when its request was recorded and when its 202 arrived.
 */
async function writeBench(backend, { rate, durationSec, warmupSec, maxSec }) {
  const routes = {
    platform: '/api/platform/resources',
    bare: '/api/bench/insert',
  };
  const run = (route, options, onCreated) =>
    postWebApplications(backend, routes[route], options, onCreated);

  // Warm-up of both routes, then let the engine finish.
  const warm = [];
  await run('bare', { durationSec: warmupSec, overallRate: 50 });
  await run('platform', { durationSec: warmupSec, overallRate: 50 }, r =>
    warm.push(r.id),
  );
  await drain(backend, warm, 120_000);

  const result = {
    rate,
    durationSec,
    fixedRate: {},
    unthrottled: {},
    cost: {},
  };
  // What each request costs the backend in CPU, its background work (the
  // engine, the catalog's processing of the new entity) included.
  const bare = await measureCost(backend.pid, () =>
    run('bare', { durationSec, overallRate: rate }),
  );
  result.fixedRate.bare = bare.result;
  result.cost.bare = bare.cost;
  const created = [];
  const t0 = Date.now();
  let loadEnd;
  const platform = await measureCost(backend.pid, async () => {
    const served = await run(
      'platform',
      { durationSec, overallRate: rate },
      (resource, acceptedAt) => created.push({ resource, acceptedAt }),
    );
    loadEnd = Date.now();
    return served;
  });
  result.fixedRate.platform = platform.result;
  result.cost.platform = platform.cost;
  const drained = await drain(
    backend,
    created.map(c => c.resource.id),
    300_000,
  );
  const starts = drained.starts;
  const fromCreated = [];
  const fromAccepted = [];
  for (const { resource, acceptedAt } of created) {
    const started = starts[resource.id];
    if (started === undefined) continue;
    fromCreated.push(started - Date.parse(resource.createdAt));
    fromAccepted.push(started - acceptedAt);
  }
  result.queueUnderLoad = {
    created: created.length,
    started: fromCreated.length,
    notStarted: drained.missing ?? 0,
    fromCreated: summary(fromCreated),
    fromAccepted: summary(fromAccepted),
    // How long after the load stopped the last provision began.
    drainMs: drained.lastStart ? Math.max(0, drained.lastStart - loadEnd) : NaN,
    loadMs: loadEnd - t0,
  };

  if (maxSec > 0) {
    result.unthrottled.bare = await run('bare', { durationSec: maxSec });
    const more = [];
    result.unthrottled.platform = await run(
      'platform',
      { durationSec: maxSec },
      r => more.push(r.id),
    );
    await drain(backend, more, 300_000);
  }
  return result;
}

/**
 * 2b. What a create costs the backend in CPU at the write benchmark's fixed
 * rate, for a backend started without the catalog module: the difference to
 * the write benchmark's figure is the catalog's processing of the entity.
 */
async function createCostBench(backend, { rate, durationSec, warmupSec }) {
  const run = options =>
    postWebApplications(backend, '/api/platform/resources', options);
  await run({ durationSec: warmupSec, overallRate: 50 });
  await sleep(3000);
  const { result, cost } = await measureCost(backend.pid, () =>
    run({ durationSec, overallRate: rate }),
  );
  return { platform: result, cost };
}

/** Waits until the provision of every id has begun; returns the start times. */
async function drain(backend, ids, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const starts = await provisionStarts(backend);
    const missing = ids.filter(id => starts[id] === undefined);
    if (missing.length === 0) {
      const times = ids.map(id => starts[id]);
      return {
        starts,
        lastStart: times.length ? Math.max(...times) : undefined,
      };
    }
    if (Date.now() > deadline) {
      return { starts, missing: missing.length };
    }
    await sleep(200);
  }
}

module.exports = { readBench, queueIdleBench, writeBench, createCostBench };
