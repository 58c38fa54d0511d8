// The install test: what an adopter does, in brand-new Backstage apps with
// nothing from this repository but the packed plugins and docs/install.md,
// at both ends of the supported releases (docs/upgrading.md).
//
//   node e2e/install/run.js [--keep]
//
// Prints how long each step took. The installed new app is cached under
// ~/.cache/idp-kit-install-test (IDP_INSTALL_TEST_CACHE) for later runs.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const YAML = require('yaml');
const { applyGuide } = require('./guide');
const { checkBackend, checkFrontend, startBackend } = require('./checks');
const {
  adopterEnv,
  ensureTools,
  newInstalledApps,
  npmNodeDir,
  useTarballs,
} = require('./newApp');
const { checkPackedContents, packPlugins } = require('./pack');
const { checkOneCopy } = require('./copies');

const root = path.resolve(__dirname, '../..');
const artifacts = path.join(root, 'artifacts/install-test');
const PORT = 7107;
const baseUrl = `http://localhost:${PORT}`;
// The team of create-app's example user `guest`, as the guide signs in.
const TEAM = 'guests';

const timings = [];
async function step(name, fn) {
  const started = Date.now();
  console.log(`==> ${name}`);
  const result = await fn();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push([name, seconds]);
  console.log(`<== ${name} took ${seconds} s`);
  return result;
}

/** Where the test's app listens: the only setting that is not the guide's. */
function writeLocalConfig(appDir) {
  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port: PORT, host: '127.0.0.1' },
      cors: { origin: baseUrl },
    },
  };
  fs.writeFileSync(
    path.join(appDir, 'app-config.local.yaml'),
    YAML.stringify(config),
  );
}

/** The guide, the type check, the build, a resource and the pages, in one app. */
async function proveApp(app, { packed, env, versions }) {
  const appArtifacts = path.join(artifacts, app.release);
  fs.mkdirSync(appArtifacts, { recursive: true });
  useTarballs(app.dir, packed);
  await step(`${app.label}: follow docs/install.md`, () =>
    applyGuide(path.join(root, 'docs/install.md'), {
      appDir: app.dir,
      env,
      versions,
    }),
  );
  await step(`${app.label}: one copy of each framework package`, () => {
    const copies = checkOneCopy(app.dir, env);
    console.log(
      Object.entries(copies)
        .map(([name, version]) => `${name} ${version}`)
        .join(', '),
    );
  });
  writeLocalConfig(app.dir);
  await step(`${app.label}: type-check the app`, () =>
    execFileSync('yarn', ['tsc'], { cwd: app.dir, env, stdio: 'inherit' }),
  );
  await step(`${app.label}: build the app's frontend`, () =>
    execFileSync('yarn', ['--cwd', 'packages/app', 'build'], {
      cwd: app.dir,
      env,
      stdio: 'inherit',
    }),
  );
  const backend = await step(`${app.label}: start the backend on SQLite`, () =>
    startBackend({
      appDir: app.dir,
      env,
      baseUrl,
      logFile: path.join(appArtifacts, 'backend.log'),
    }),
  );
  try {
    const created = await step(
      `${app.label}: request a resource, see it ready and in the catalog`,
      () => checkBackend({ appDir: app.dir, baseUrl, team: TEAM }),
    );
    await step(`${app.label}: see the platform pages in Chromium`, () =>
      checkFrontend({ baseUrl, artifacts: appArtifacts, ...created }),
    );
  } finally {
    await backend.stop();
  }
}

async function main() {
  const keep = process.argv.includes('--keep');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-install-test-'));
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  console.log(`Working in ${workDir}`);
  try {
    const packed = await step('build and pack the plugins', () =>
      packPlugins(path.join(workDir, 'packs')),
    );
    await step('check the packed contents', () =>
      checkPackedContents(packed, path.join(workDir, 'unpacked')),
    );
    const tools = await step('get Node 22 and a global yarn', () =>
      ensureTools(),
    );
    const { createApp, apps } = await step(
      'create a new Backstage app, install it, and move a copy to the newest release',
      () => newInstalledApps(workDir, tools),
    );
    for (const app of apps) {
      console.log(
        `${app.label}: made by @backstage/create-app ${createApp}${
          app.cached ? ' (copied from the cache)' : ''
        }`,
      );
    }
    const env = adopterEnv(tools, {
      ...npmNodeDir(),
      PLATFORM_SECRETS_KEY: crypto.randomBytes(32).toString('base64'),
    });
    const versions = Object.fromEntries(
      Object.entries(packed).map(([name, { version }]) => [name, version]),
    );
    for (const app of apps) {
      await proveApp(app, { packed, env, versions });
    }
  } finally {
    if (keep) console.log(`Kept ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
    console.log('\nInstall test steps:');
    for (const [name, seconds] of timings) {
      console.log(`  ${seconds.padStart(7)} s  ${name}`);
    }
  }
  console.log('The install test passed.');
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
