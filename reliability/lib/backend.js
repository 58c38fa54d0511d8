// Starts backends on localhost for the checks: the app's own backend
// (packages/backend) and the suite's fault backend (reliability/faultBackend.ts).
const fs = require('node:fs');
const path = require('node:path');
const {
  spawnGroup,
  killGroup,
  stopGroup,
  exited,
  freePort,
} = require('./processes');

const root = path.resolve(__dirname, '../..');
const yarn = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
const nodeTransform = require.resolve(
  '@backstage/cli-node/config/nodeTransform.cjs',
  { paths: [root] },
);

/** How the app's backend is started: `node` (default) or `yarn`. */
let launcher = 'node';
function setLauncher(value) {
  if (!['node', 'yarn'].includes(value)) {
    throw new Error(`--launcher must be node or yarn, not ${value}`);
  }
  launcher = value;
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Config that every backend of the suite gets: its own port, on localhost. */
function portConfig(port) {
  const baseUrl = `http://localhost:${port}`;
  return {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      cors: { origin: baseUrl },
    },
  };
}

/** Writes config as YAML (JSON is YAML) and returns its path. */
function writeConfig(dir, name, config) {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

async function waitUntilReady(child, baseUrl, logFile, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(child)) {
      throw new Error(
        `The backend exited (${
          child.exitCode ?? child.signalCode
        }) before it was ready; see ${logFile}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(
    `The backend was not ready within ${timeoutMs} ms; see ${logFile}`,
  );
}

/**
 * One backend process, restartable on the same port and config. `kill()` is
 * `kill -9` of its process group, `stop()` a graceful SIGTERM.
 */
class Backend {
  constructor({ name, port, configFiles, runDir, kind, env = {}, cwd }) {
    this.name = name;
    this.port = port;
    this.baseUrl = `http://localhost:${port}`;
    this.configFiles = configFiles;
    this.runDir = runDir;
    this.kind = kind;
    this.env = env;
    this.cwd = cwd;
    this.starts = 0;
    this.logFile = path.join(runDir, `${name}.log`);
    this.child = undefined;
  }

  #spawn() {
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      // Each process would otherwise open the Prometheus exporter on 9464.
      PLATFORM_METRICS_PORT: '0',
      ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
      ...this.env,
    };
    const configArgs = this.configFiles.flatMap(f => ['--config', f]);
    fs.appendFileSync(
      this.logFile,
      `\n===== start ${this.starts + 1} of ${
        this.name
      } at ${new Date().toISOString()} =====\n`,
    );
    if (this.kind === 'fault') {
      return spawnGroup(
        process.execPath,
        [
          '--enable-source-maps',
          '--require',
          nodeTransform,
          path.join(root, 'reliability/faultBackend.ts'),
          ...configArgs,
        ],
        { cwd: root, env, logFile: this.logFile },
      );
    }
    const backendDir = path.join(root, 'packages/backend');
    if (launcher === 'yarn' && !this.cwd) {
      // `backstage-cli package start`: also restarts on source changes.
      return spawnGroup(process.execPath, [yarn, 'start', ...configArgs], {
        cwd: backendDir,
        env,
        logFile: this.logFile,
      });
    }
    // What `backstage-cli package start` runs, without its file watcher, so
    // edits by others to the sources do not restart the backend mid-check.
    return spawnGroup(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        nodeTransform,
        path.join(backendDir, 'src/index.ts'),
        ...configArgs,
      ],
      { cwd: this.cwd ?? backendDir, env, logFile: this.logFile },
    );
  }

  async start() {
    if (this.child && !exited(this.child)) {
      throw new Error(`${this.name} is already running`);
    }
    const begun = Date.now();
    this.child = this.#spawn();
    this.starts += 1;
    await waitUntilReady(this.child, this.baseUrl, this.logFile);
    this.lastStartMs = Date.now() - begun;
    return this;
  }

  get running() {
    return Boolean(this.child) && !exited(this.child);
  }

  /** kill -9 of the process group. */
  async kill() {
    if (this.child) await killGroup(this.child);
  }

  async stop() {
    if (this.child) await stopGroup(this.child);
  }

  /**
   * A guest token once the catalog has loaded the org, so the token carries
   * the user's groups (team-alpha for the guest, platform-team for priya).
   */
  async token({ group = 'team-alpha', timeoutMs = 90_000 } = {}) {
    const wanted = `group:default/${group}`;
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.baseUrl}/api/auth/guest/refresh`, {
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        });
        const body = await res.json();
        const identity = body?.backstageIdentity;
        if (identity?.identity?.ownershipEntityRefs?.includes(wanted)) {
          return identity.token;
        }
        last = `status ${res.status}, refs ${JSON.stringify(
          identity?.identity?.ownershipEntityRefs,
        )}`;
      } catch (error) {
        last = String(error);
      }
      await sleep(500);
    }
    throw new Error(
      `${this.name}: no guest token with ${wanted} within ${timeoutMs} ms (${last}); see ${this.logFile}`,
    );
  }
}

/**
 * A backend of the app (packages/backend) with app-config.yaml and `extra`
 * merged on top; not started yet.
 */
async function appBackend({ name, basePort, runDir, extra }) {
  return appLikeBackend({ name, basePort, runDir, extra }, () => ({
    configFiles: ['app-config.yaml'],
  }));
}

/**
 * The suite's load is far beyond the demo's team budgets and the rate
 * limit per user, which have tests of their own; like quotas, they are
 * lifted for the guest the load runs as.
 */
const LOAD_LIMITS = {
  platform: {
    budgets: { teams: { 'team-alpha': 1_000_000_000 } },
    rateLimit: { enabled: false },
  },
};

/**
 * The app's backend on the first free port from `basePort`, with the
 * repository's config files that `options(port)` names and `extra` on top.
 */
async function appLikeBackend({ name, basePort, runDir, extra }, options) {
  const port = await freePort(basePort);
  const file = writeConfig(
    runDir,
    name,
    merge(merge(portConfig(port), LOAD_LIMITS), extra),
  );
  const { configFiles, ...rest } = options(port);
  return new Backend({
    name,
    port,
    runDir,
    kind: 'app',
    ...rest,
    configFiles: [...configFiles.map(f => path.join(root, f)), file],
  });
}

/**
 * A backend of the app as production runs it: `NODE_ENV=production`, from
 * the repository root (where the production file's paths start), with
 * app-config.yaml, app-config.production.yaml and `extra` on top. `env` holds
 * the variables the production file reads, but for the base URLs, which
 * follow the port. Not started yet.
 */
async function productionBackend({ name, basePort, runDir, extra, env }) {
  return appLikeBackend({ name, basePort, runDir, extra }, port => ({
    env: {
      ...env,
      NODE_ENV: 'production',
      APP_BASE_URL: `http://localhost:${port}`,
      BACKEND_BASE_URL: `http://localhost:${port}`,
    },
    cwd: root,
    configFiles: ['app-config.yaml', 'app-config.production.yaml'],
  }));
}

/** The fault backend (reliability/faultBackend.ts) with only `config`. */
async function faultBackend({ name, basePort, runDir, config }) {
  const port = await freePort(basePort);
  const file = writeConfig(runDir, name, merge(portConfig(port), config));
  return new Backend({
    name,
    port,
    runDir,
    kind: 'fault',
    configFiles: [file],
  });
}

/** Deep merge of plain objects; arrays and scalars of `b` replace those of `a`. */
function merge(a, b) {
  if (!isObject(a) || !isObject(b)) return b === undefined ? a : b;
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) {
    out[key] = merge(a[key], value);
  }
  return out;
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

module.exports = {
  appBackend,
  productionBackend,
  faultBackend,
  setLauncher,
  sleep,
  root,
  nodeTransform,
};
