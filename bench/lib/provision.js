// 4. Real provisioning: a postgresql-database resource through the Platform
// API and the real PostgreSQL module, until it is ready, against
// `createuser` + `createdb` doing the same on the same server, interleaved
// in one run. Everything created is dropped again.
const pg = require('../../reliability/lib/postgres');
const { run, sleep, summary } = require('./util');

const cli = (tool, args) =>
  run(
    tool,
    [
      '-h',
      pg.server.host,
      '-p',
      String(pg.server.port),
      '-U',
      pg.server.user,
      ...args,
    ],
    {
      timeoutMs: 60_000,
    },
  );

async function platformOnce(backend, name) {
  const started = Date.now();
  const created = await backend.json('/api/platform/resources', {
    method: 'POST',
    body: JSON.stringify({
      offering: 'postgresql-database',
      name,
      team: 'team-alpha',
      environment: 'development',
      config: { size: 'small' },
    }),
  });
  let resource = created;
  while (resource.state !== 'ready') {
    if (resource.state === 'failed') {
      throw new Error(`Provisioning ${name} failed: ${resource.error}`);
    }
    if (Date.now() - started > 120_000) {
      throw new Error(`${name} is still ${resource.state} after 120 s`);
    }
    await sleep(5);
    resource = await backend.json(`/api/platform/resources/${created.id}`);
  }
  const endToEnd = Date.now() - started;
  const { items } = await backend.json(
    `/api/platform/resources/${created.id}/events`,
  );
  const at = type => Date.parse(items.find(e => e.type === type)?.time);
  return {
    id: created.id,
    endToEndMs: endToEnd,
    // Server side: request recorded → ready; provisioning started → ready.
    requestedToReadyMs: at('provisioned') - at('requested'),
    provisionerMs: at('provisioned') - at('provisioning'),
  };
}

async function cliOnce(name) {
  const started = Date.now();
  await cli('createuser', ['--login', '--connection-limit=20', name]);
  await cli('createdb', ['--owner', name, name]);
  return Date.now() - started;
}

async function provisionBench(backend, { count, runId }) {
  const platformPrefix = `p_development_team_alpha_bench${runId}`;
  const cliPrefix = `benchcli_${runId}_`;
  const created = [];
  const platform = [];
  const cliTimes = [];
  let leftovers;
  try {
    // One of each to warm up (connections, JIT, catalog cache), not counted.
    for (let i = 0; i <= count; i++) {
      const sample = await platformOnce(backend, `bench${runId}p${i}`);
      created.push(sample.id);
      const cliMs = await cliOnce(`${cliPrefix}${i}`);
      if (i > 0) {
        platform.push(sample);
        cliTimes.push(cliMs);
      }
    }
  } finally {
    // Through the platform, as a user would; then anything left by name.
    for (const id of created) {
      await backend
        .fetch(`/api/platform/resources/${id}`, { method: 'DELETE' })
        .catch(() => {});
    }
    const deadline = Date.now() + 60_000;
    for (const id of created) {
      while (Date.now() < deadline) {
        const resource = await backend
          .json(`/api/platform/resources/${id}`)
          .catch(() => ({ state: 'deleted' }));
        if (resource.state === 'deleted') break;
        await sleep(100);
      }
    }
    // The platform dropped its own: anything found here was left behind.
    leftovers = await pg.dropStartingWith(platformPrefix, { roles: true });
    await pg.dropStartingWith(cliPrefix, { roles: true });
  }
  return {
    count: platform.length,
    platform: {
      endToEnd: summary(platform.map(s => s.endToEndMs)),
      requestedToReady: summary(platform.map(s => s.requestedToReadyMs)),
      provisioner: summary(platform.map(s => s.provisionerMs)),
    },
    cli: summary(cliTimes),
    leftAfterDelete: leftovers.length,
  };
}

module.exports = { provisionBench };
