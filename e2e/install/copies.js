// One copy of each framework package in an app: a plugin built against
// another release's copy would register its extensions and services with
// the wrong one.
const { execFileSync } = require('node:child_process');

const FRAMEWORK = [
  '@backstage/frontend-plugin-api',
  '@backstage/core-plugin-api',
  '@backstage/backend-plugin-api',
  '@backstage/catalog-client',
];

/** The versions of `name` in the app's tree, from `yarn why`. */
function versionsOf(appDir, env, name) {
  const out = execFileSync('yarn', ['why', name, '--json'], {
    cwd: appDir,
    env,
    encoding: 'utf8',
  });
  const found = new Set();
  const pattern = new RegExp(
    `${name.replace('/', '\\/')}@npm:([0-9][^"\\s]*)`,
    'g',
  );
  for (const match of out.matchAll(pattern)) found.add(match[1]);
  return [...found].sort();
}

/** Fails unless each framework package is in the app once; answers the versions. */
function checkOneCopy(appDir, env) {
  const versions = {};
  for (const name of FRAMEWORK) {
    const found = versionsOf(appDir, env, name);
    if (found.length !== 1) {
      throw new Error(
        `${name} is in the app ${found.length} times (${found.join(
          ', ',
        )}): yarn why ${name}`,
      );
    }
    versions[name] = found[0];
  }
  return versions;
}

module.exports = { checkOneCopy };
