// Starts bench/benchBackend.ts as a production-like process (NODE_ENV
// production, TypeScript through Backstage's node transform, as
// `backstage-cli package start` runs a backend but without its watcher),
// on a free localhost port with a fresh database, and stops it again.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const pg = require('../../reliability/lib/postgres');
const { spawnGroup, stopGroup } = require('../../reliability/lib/processes');
const { freePort, root, sleep } = require('./util');

const backendDir = path.join(root, 'packages/backend');

/** Backends started and not yet stopped, for stopping on an interrupt. */
const running = new Set();

/**
 * @param {object} options
 * @param {string} options.name        label, used for files
 * @param {string} options.runDir      temp directory of this run
 * @param {'sqlite'|'postgres'} options.database
 * @param {'noop'|'postgres'} [options.provisioners]
 * @param {object} [options.platform]  extra `platform` config
 * @param {string} [options.pgPrefix]  database name prefix (postgres)
 * @param {object} [options.env]       extra environment
 * @param {string[]} [options.nodeArgs] extra node flags (`--cpu-prof`, say)
 */
async function startBenchBackend(options) {
  const port = await freePort();
  const metricsPort = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const token = crypto.randomBytes(32).toString('hex');
  const dir = path.join(options.runDir, options.name);
  fs.mkdirSync(dir, { recursive: true });

  let database;
  if (options.database === 'postgres') {
    database = pg.backendDatabase(options.pgPrefix);
  } else {
    fs.mkdirSync(path.join(dir, 'sqlite'), { recursive: true });
    database = {
      client: 'better-sqlite3',
      connection: { directory: path.join(dir, 'sqlite') },
    };
  }

  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      cors: { origin: baseUrl },
      database,
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'bench' } },
        ],
      },
    },
    auth: {
      providers: {
        guest: {
          userEntityRef: 'user:default/guest',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    platform: {
      secrets: {
        encryptionKey: crypto.randomBytes(32).toString('base64'),
      },
      quotas: {
        defaults: {
          'web-application': 1_000_000,
          'postgresql-database': 100_000,
          'api-gateway': 1_000_000,
        },
      },
      // The load is priced like any request, but no budget stops it.
      budgets: { default: 1_000_000_000_000 },
      // One guest sends the whole load: no limit per user either.
      rateLimit: { enabled: false },
      ...options.platform,
    },
  };
  // JSON is YAML: the config loader reads it as it is.
  const configFile = path.join(dir, 'bench-config.yaml');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const logFile = path.join(dir, 'backend.log');

  const started = Date.now();
  const child = spawnGroup(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs', {
        paths: [root],
      }),
      path.join(root, 'bench/benchBackend.ts'),
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      // app-config.yaml's relative paths are relative to packages/backend.
      cwd: backendDir,
      logFile,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
        PLATFORM_METRICS_PORT: String(metricsPort),
        BENCH_PROVISIONERS: options.provisioners ?? 'noop',
        ...options.env,
      },
    },
  );

  const backend = {
    name: options.name,
    baseUrl,
    port,
    token,
    pid: child.pid,
    logFile,
    dir,
    headers: { authorization: `Bearer ${token}` },
    async fetch(urlPath, init = {}) {
      return fetch(`${baseUrl}${urlPath}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
      });
    },
    async json(urlPath, init) {
      const res = await backend.fetch(urlPath, init);
      const text = await res.text();
      if (!res.ok) {
        throw new Error(
          `${init?.method ?? 'GET'} ${urlPath}: ${res.status} ${text.slice(
            0,
            500,
          )}`,
        );
      }
      return JSON.parse(text);
    },
    async stop() {
      running.delete(backend);
      await stopGroup(child, 15_000);
      if (options.database === 'postgres') {
        await pg.dropStartingWith(options.pgPrefix);
      }
    },
  };

  running.add(backend);
  try {
    await waitUntil(
      child,
      async () => {
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        return res.ok;
      },
      180_000,
      'ready',
    );
    // The catalog has read examples/org.yaml: the team and the component
    // that the benchmarks use are there.
    await waitUntil(
      child,
      async () => {
        const team = await backend.fetch(
          '/api/catalog/entities/by-name/group/default/team-alpha',
        );
        const component = await backend.fetch(
          '/api/catalog/entities/by-name/component/default/storefront-web',
        );
        return team.ok && component.ok;
      },
      180_000,
      'the catalog has team-alpha and storefront-web',
    );
  } catch (error) {
    await backend.stop().catch(() => {});
    throw new Error(`${error.message}; see ${logFile}`);
  }
  backend.startupMs = Date.now() - started;
  return backend;
}

async function waitUntil(child, check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The backend exited with code ${child.exitCode}`);
    }
    try {
      if (await check()) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`The backend was not ${what} within ${timeoutMs} ms`);
}

/** Stops every backend still running (on an interrupt). */
async function stopAll() {
  await Promise.all([...running].map(b => b.stop().catch(() => {})));
}

module.exports = { startBenchBackend, stopAll };
