// End to end: the built app served by the backend, in headless Chromium.
const { spawnSync } = require('node:child_process');
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { seriousViolations } = require('./accessibility');
const { startBackend } = require('./backend');
const { pieSlices } = require('./charts');
const { launchChromium } = require('./chromium');

const artifacts = path.resolve(__dirname, '../artifacts/e2e');
let backend;
let browser;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  backend = await startBackend({
    logFile: path.join(artifacts, 'backend.log'),
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await backend?.stop();
});

async function signInAsGuest(page) {
  await page.goto(backend.baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Platform' }).first().waitFor();
}

test('a guest opens the Platform page from the sidebar', async () => {
  const page = await browser.newPage();
  try {
    await signInAsGuest(page);
    await page.getByRole('link', { name: 'Platform' }).first().click();
    await page.waitForURL(/\/platform$/);

    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    assert.equal(await heading.textContent(), 'Platform');
    await page.getByText('PostgreSQL Database', { exact: true }).waitFor();

    await page.screenshot({ path: path.join(artifacts, 'platform.png') });
  } catch (error) {
    await page.screenshot({
      path: path.join(artifacts, 'platform-failure.png'),
    });
    throw error;
  } finally {
    await page.close();
  }
});

test('the catalog answers at /catalog, and the base URL lands there', async () => {
  const page = await browser.newPage();
  try {
    await signInAsGuest(page);
    await page.waitForURL(/\/catalog$/);
    await page.getByText('storefront-web').first().waitFor();

    await page.goto(`${backend.baseUrl}/catalog`);
    await page.getByText('storefront-web').first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/catalog');
    assert.equal(
      await page
        .getByRole('link', { name: 'Catalog', exact: true })
        .first()
        .getAttribute('href'),
      '/catalog',
    );

    await page.goto(backend.baseUrl);
    await page.waitForURL(/\/catalog$/);
    await page.getByText('storefront-web').first().waitFor();
  } catch (error) {
    await page.screenshot({
      path: path.join(artifacts, 'catalog-route-failure.png'),
    });
    throw error;
  } finally {
    await page.close();
  }
});

/** Saves a screenshot of the page and checks it for serious accessibility problems. */
async function capture(page, name, accessibility) {
  await page.screenshot({
    path: path.join(artifacts, `${name}.png`),
    fullPage: true,
  });
  accessibility[name] = await seriousViolations(page);
}

test('a guest creates a database through the form, sees it ready and in the catalog, and deletes it', async () => {
  // axe-core is injected into the page, which the app's CSP would refuse.
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
    bypassCSP: true,
  });
  const accessibility = {};
  const name = `journey-${Date.now().toString(36)}`;
  try {
    await signInAsGuest(page);

    // The software catalog, with the demo organisation's components: the
    // base URL lands on it.
    await page.waitForURL(/\/catalog$/);
    await page.getByText('storefront-web').first().waitFor();
    // Backstage's own catalog page: a screenshot, but its accessibility is
    // Backstage's to answer for (its table nests sort buttons in headers).
    await page.screenshot({
      path: path.join(artifacts, 'catalog.png'),
      fullPage: true,
    });

    // The service catalog, then the create form of the database offering.
    await page.getByRole('link', { name: 'Platform' }).first().click();
    await page
      .getByRole('button', { name: 'Create PostgreSQL Database' })
      .click();
    await page.getByLabel('Name', { exact: false }).first().fill(name);
    // Development resources live a week unless extended, at most 30 days.
    const lifetime = page.getByRole('region', { name: 'Lifetime' });
    await lifetime
      .getByText('Expires after 7 days (at most 30 days)')
      .waitFor();
    await page.getByLabel('Environment').click();
    await page.getByRole('option', { name: 'production' }).click();
    await lifetime.getByText('Never expires').waitFor();

    // Production without high availability: the policy check says no, first.
    const check = page.getByRole('region', { name: 'Policy check' });
    await check
      .getByText('Production databases must have high_availability enabled')
      .waitFor();
    await capture(page, 'create-refused', accessibility);

    await page.getByLabel('High availability').check();
    await check.getByText(/of 5 PostgreSQL Database resources used/).waitFor();
    // The price as the fields stand: (25 + 7 days × 0.60) × 2 for the standby.
    const price = page.getByRole('region', { name: 'Estimated price' });
    await price.getByText(/^\S*58\.40\S* a month$/).waitFor();
    await price
      .getByText(/High availability \(standby replica\): .*29\.20/)
      .waitFor();
    await price.getByText(/Team spend after this request/).waitFor();
    await capture(page, 'create-allowed', accessibility);
    await page
      .getByRole('button', { name: 'Create PostgreSQL Database' })
      .last()
      .click();

    // The resource page follows the resource until it is ready.
    await page.waitForURL(/\/platform\/resources\/[0-9a-f-]+$/);
    const resourceUrl = page.url();
    await page.getByText('Ready (attempt 1)').waitFor({ timeout: 60_000 });
    // Booleans in words: the emoji Backstage's table uses are missing from
    // the browser's fonts and show as empty boxes.
    await page.getByRole('row', { name: 'high_availability Yes' }).waitFor();
    assert.equal(await page.getByText(/[\u2705\u274C]/u).count(), 0);
    await capture(page, 'resource-ready', accessibility);

    // The team's group page lists it.
    await page.goto(`${backend.baseUrl}/catalog/default/group/team-alpha`);
    await page.getByText(name).first().waitFor({ timeout: 60_000 });
    await capture(page, 'group-page', accessibility);

    // The health page's pie: one slice per state, and a lone slice is a
    // whole disc with no edge drawn across it.
    await page.goto(`${backend.baseUrl}/platform/health`);
    const pie = await pieSlices(page, 'Active resources by state');
    assert.equal(pie.slices.length, pie.values);
    if (pie.slices.length === 1) {
      assert.equal(pie.slices[0].stroke, pie.slices[0].fill);
    }

    // Delete it, and watch it go.
    await page.goto(resourceUrl);
    await page.getByRole('button', { name: 'Delete' }).first().click();
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    await page
      .getByText('Deleted', { exact: false })
      .first()
      .waitFor({ timeout: 60_000 });
    await capture(page, 'resource-deleted', accessibility);

    // The platform health page.
    await page.goto(`${backend.baseUrl}/platform/health`);
    await page
      .getByText('How likely are you to recommend the platform?')
      .waitFor();
    await capture(page, 'health', accessibility);

    fs.writeFileSync(
      path.join(artifacts, 'accessibility.json'),
      JSON.stringify(accessibility, null, 2),
    );
    const problems = Object.entries(accessibility).filter(
      ([, v]) => v.length > 0,
    );
    assert.deepEqual(problems, []);
  } catch (error) {
    await page.screenshot({
      path: path.join(artifacts, 'journey-failure.png'),
      fullPage: true,
    });
    throw error;
  } finally {
    await page.close();
  }
});

test('a guest requests a database from the Create page and finds it in the catalog', async () => {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  const name = `template-${Date.now().toString(36)}`;
  try {
    await signInAsGuest(page);
    // The offering published as a template, with no authoring; the catalog
    // picks it up a few seconds after the backend starts.
    const card = page
      .locator('[class*="MuiCard-root"]')
      .filter({ hasText: 'Managed PostgreSQL database with automatic backups' })
      .first();
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.goto(`${backend.baseUrl}/create`);
      await page.getByText('Deploy a web application').waitFor();
      if (await card.count()) break;
      if (Date.now() > deadline)
        throw new Error('The offering templates never appeared');
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
    await card.getByRole('button', { name: /choose/i }).click();

    await page.getByLabel('Name').first().fill(name);
    await page.getByLabel('Team').first().click();
    await page.getByRole('option', { name: 'Team Alpha' }).click();
    await page.screenshot({
      path: path.join(artifacts, 'template-form.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: /next/i }).click();
    await page.getByRole('button', { name: /review/i }).click();
    await page
      .getByRole('button', { name: /create/i })
      .last()
      .click();

    // The steps run; the last one waits until the database is ready.
    await page
      .getByRole('link', { name: 'Open resource' })
      .waitFor({ timeout: 90_000 });
    await page.screenshot({
      path: path.join(artifacts, 'template-done.png'),
      fullPage: true,
    });

    // The new Resource entity, owned by team-alpha.
    await page.goto(
      `${backend.baseUrl}/catalog/default/resource/${name}.development.team-alpha`,
    );
    await page.getByText('team-alpha').first().waitFor({ timeout: 60_000 });
    await page.screenshot({
      path: path.join(artifacts, 'template-entity.png'),
      fullPage: true,
    });

    // Clean up the database through the API.
    const token = await page.evaluate(async () => {
      const res = await fetch('/api/auth/guest/refresh', {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      return (await res.json()).backstageIdentity.token;
    });
    const list = await fetch(
      `${backend.baseUrl}/api/platform/resources?team=team-alpha&offering=postgresql-database`,
      { headers: { Authorization: `Bearer ${token}` } },
    ).then(r => r.json());
    const created = list.items.find(r => r.name === name);
    assert.equal(created.state, 'ready');
    assert.equal(created.createdVia, 'scaffolder');
    await fetch(`${backend.baseUrl}/api/platform/resources/${created.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    });
    let state;
    for (let i = 0; i < 60 && state !== 'deleted'; i++) {
      await new Promise(resolve => setTimeout(resolve, 500));
      const current = await fetch(
        `${backend.baseUrl}/api/platform/resources/${created.id}`,
        { headers: { Authorization: `Bearer ${token}` } },
      ).then(r => r.json());
      state = current.state;
    }
    assert.equal(state, 'deleted');
  } catch (error) {
    await page.screenshot({
      path: path.join(artifacts, 'template-failure.png'),
      fullPage: true,
    });
    throw error;
  } finally {
    await page.close();
  }
});

test("the running backend's whole metrics endpoint passes promtool", async () => {
  // After the journeys, so Backstage's own plugins have recorded metrics too.
  const res = await fetch('http://127.0.0.1:9464/metrics');
  assert.equal(res.status, 200);
  const text = await res.text();
  fs.writeFileSync(path.join(artifacts, 'metrics.txt'), text);
  assert.match(text, /^idp_resource_creations_total\{/m);
  const scopes = new Set(
    [...text.matchAll(/otel_scope_name="([^"]+)"/g)].map(m => m[1]),
  );
  assert.ok(scopes.size > 1, `metrics of several plugins: ${[...scopes]}`);
  const promtool = spawnSync('/usr/bin/promtool', ['check', 'metrics'], {
    input: text,
    encoding: 'utf8',
  });
  assert.equal(`${promtool.stdout}${promtool.stderr}`, '');
  assert.equal(promtool.status, 0);
});

// Last: the health figures it opens are cached for a while, and the
// journeys above expect to see their own resources in them.
test("the platform's pages log no deprecation warning", async () => {
  const page = await browser.newPage();
  const deprecations = [];
  page.on('console', message => {
    if (/deprecat/i.test(message.text())) {
      deprecations.push(`${message.type()}: ${message.text().slice(0, 300)}`);
    }
  });
  try {
    await signInAsGuest(page);
    for (const [route, heading] of [
      ['/platform', 'Platform'],
      ['/platform/resources', 'Resources'],
      ['/platform/approvals', 'Approvals'],
      ['/platform/health', 'Platform health'],
    ]) {
      await page.goto(`${backend.baseUrl}${route}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
    }
    assert.deepEqual(deprecations, []);
  } finally {
    await page.close();
  }
});
