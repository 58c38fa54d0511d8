// What an adopter sees once the guide is followed: the new app's backend
// serves the platform, provisions with the default provisioners, publishes
// entities, and its frontend build shows the platform's pages.
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { launchChromium } = require('../chromium');

async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(
    `Timed out waiting for ${what}${last ? `: ${last.message}` : ''}`,
  );
}

/** Starts the app's backend (`yarn start` in packages/backend), which serves the built frontend. */
async function startBackend({ appDir, env, baseUrl, logFile }) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn('yarn', ['start'], {
    cwd: path.join(appDir, 'packages/backend'),
    env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  try {
    await waitFor(
      'the backend to be ready',
      async () => {
        if (child.exitCode !== null) {
          throw new Error(
            `it exited with code ${child.exitCode}; see ${logFile}`,
          );
        }
        return (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok;
      },
      180_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  assert.equal(res.status, 200, 'guest sign-in');
  return (await res.json()).backstageIdentity.token;
}

function apiClient(baseUrl, token) {
  return async (method, route, body) => {
    const res = await fetch(`${baseUrl}${route}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

/**
 * The catalog reads the example organisation after the backend starts; a
 * guest token names the user's groups only once the user is in the catalog.
 */
async function waitForTeam(baseUrl, team) {
  const api = apiClient(baseUrl, await guestToken(baseUrl));
  for (const ref of [`group/default/${team}`, 'user/default/guest']) {
    await waitFor(
      `${ref} in the catalog`,
      async () =>
        (await api('GET', `/api/catalog/entities/by-name/${ref}`)).status ===
        200,
      120_000,
    );
  }
}

/** The Platform API answers, a web application becomes ready, its entity appears. */
async function checkBackend({ appDir, baseUrl, team }) {
  await waitForTeam(baseUrl, team);
  const api = apiClient(baseUrl, await guestToken(baseUrl));

  const offerings = await api('GET', '/api/platform/offerings');
  assert.equal(offerings.status, 200, JSON.stringify(offerings.body));
  const ids = offerings.body.items.map(o => o.id).sort();
  assert.deepEqual(ids, [
    'api-gateway',
    'postgresql-database',
    'web-application',
  ]);

  const created = await api('POST', '/api/platform/resources', {
    offering: 'web-application',
    name: `install-check-${Date.now().toString(36)}`,
    team,
    environment: 'development',
    config: {},
  });
  assert.equal(created.status, 202, JSON.stringify(created.body));
  const resource = await waitFor(
    'the web application to be ready',
    async () => {
      const { body } = await api(
        'GET',
        `/api/platform/resources/${created.body.id}`,
      );
      if (body.state === 'failed') {
        throw new Error(`it failed: ${JSON.stringify(body.lastError ?? body)}`);
      }
      return body.state === 'ready' && body;
    },
    60_000,
  );
  console.log(
    `Resource ${resource.id} is ready: ${JSON.stringify(resource.outputs)}`,
  );
  const manifests = path.join(
    resource.outputs.repository,
    resource.outputs.path,
  );
  assert.ok(
    manifests.startsWith(path.join(appDir, 'packages/backend/data/gitops')) &&
      fs.readdirSync(manifests).includes('deployment.yaml'),
    `the GitOps provisioner committed the manifests in the app: ${manifests}`,
  );

  // The packed common package names the entity, as the catalog module does.
  const { resourceEntityRef } = require(path.join(
    appDir,
    'node_modules/@idp-kit/plugin-platform-common',
  ));
  const ref = resourceEntityRef(resource);
  const [, name] = ref.split('/');
  const entity = await waitFor(
    `the entity ${ref} in the catalog`,
    async () => {
      const res = await api(
        'GET',
        `/api/catalog/entities/by-name/resource/default/${name}`,
      );
      return res.status === 200 && res.body;
    },
    60_000,
  );
  assert.equal(entity.spec.owner, `group:default/${team}`);

  // The offering templates arrive with the provider's first run.
  await waitFor(
    'the offerings as templates in the catalog',
    async () => {
      const templates = await api(
        'GET',
        '/api/catalog/entities/by-query?filter=kind=template&limit=100',
      );
      const titles = templates.body.items.map(t => t.metadata.title ?? '');
      return titles.some(t => /Web Application/.test(t));
    },
    120_000,
  );
  return { resource, entityName: name };
}

/** The platform's pages and its entity card render in the app's own frontend build. */
async function checkFrontend({ baseUrl, resource, entityName, artifacts }) {
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  const shot = name =>
    page.screenshot({ path: path.join(artifacts, `${name}.png`) });
  try {
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('link', { name: 'Platform' }).first().click();
    await page.waitForURL(/\/platform$/);
    await page.getByText('Web Application', { exact: true }).first().waitFor();
    await shot('platform');

    await page.goto(`${baseUrl}/platform/resources/${resource.id}`);
    await page.getByText(resource.name).first().waitFor();
    await page.getByText('Ready', { exact: false }).first().waitFor();
    await shot('resource');

    await page.goto(`${baseUrl}/catalog/default/resource/${entityName}`);
    await page.getByText(resource.name).first().waitFor();
    await page.getByText('Ready', { exact: false }).first().waitFor();
    await shot('entity');
  } catch (error) {
    await shot('failure').catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

module.exports = { startBackend, checkBackend, checkFrontend };
