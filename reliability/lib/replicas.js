const path = require('node:path');
const fs = require('node:fs');
const { appBackend } = require('./backend');
const { PlatformApi } = require('./api');
const pg = require('./postgres');

/**
 * Two processes of the app's backend on one PostgreSQL database (fresh
 * plugin databases named from `prefix`, dropped at the end), each with its
 * own GitOps repository, and an API client for each, signed in as the
 * guest. The first start creates the databases and runs the migrations;
 * the second joins it, as a second replica would.
 */
async function twoReplicas(ctx, { names, prefix, platform }) {
  ctx.cleanup.push(() => pg.dropStartingWith(prefix));
  const backends = [];
  for (const [index, name] of names.entries()) {
    const gitops = path.join(ctx.runDir, `gitops-${name}`);
    fs.mkdirSync(gitops, { recursive: true });
    backends.push(
      await appBackend({
        name,
        basePort: 7101 + index,
        runDir: ctx.runDir,
        extra: {
          backend: { database: pg.backendDatabase(prefix) },
          platform: { ...platform, gitops: { repository: { path: gitops } } },
        },
      }),
    );
  }
  ctx.stopAtEnd(backends);
  for (const backend of backends) {
    await backend.start();
  }
  const apis = [];
  for (const backend of backends) {
    apis.push(new PlatformApi(backend.baseUrl, await backend.token()));
  }
  return { backends, apis };
}

module.exports = { twoReplicas };
