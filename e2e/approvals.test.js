// End to end: a request that needs approval, made by one person and approved
// by another, in the built app served by the backend, with the demo config's
// rule that large production databases wait for the platform team
// (app-config.yaml, platform.approvals.rules; docs/approvals.md). Run after
// building the app:
//   node --test e2e/approvals.test.js
const { spawnSync } = require('node:child_process');
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { seriousViolations } = require('./accessibility');
const { startBackend } = require('./backend');
const { launchChromium } = require('./chromium');
const { signInAs } = require('./signIn');

const artifacts = path.resolve(__dirname, '../artifacts/e2e');
let backend;
let browser;

/** The demo rule's reason, as app-config.yaml gives it. */
const reason =
  'Large production databases are costly; the platform team approves them';
const needsApproval = `Needs approval by platform-team — ${reason}`;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  backend = await startBackend({
    logFile: path.join(artifacts, 'backend-approvals.log'),
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await backend?.stop();
});

/**
 * Backstage's notifications item in the sidebar shows the unread count in a
 * link whose aria-label is only "Notifications" (core-components'
 * SidebarItem sets it to the item's text; @backstage/plugin-notifications
 * 0.6.0 adds the count): axe's label-content-name-mismatch, Backstage's to
 * answer for, as soon as the request or the decision notified someone.
 */
const backstageFrame = ['a[href="/notifications"]'];

/** Saves a screenshot of the page and checks it for serious accessibility problems. */
async function capture(page, name, accessibility) {
  // The page scrolls inside Backstage's content area, which a full-page
  // screenshot does not unroll: start at the top, where axe sees the header
  // and the tabs as they are rather than scrolled away.
  // (By tag: under an open dialog the heading is hidden from the a11y tree.)
  await page.locator('h1').first().scrollIntoViewIfNeeded();
  await page.screenshot({
    path: path.join(artifacts, `${name}.png`),
    fullPage: true,
  });
  accessibility[name] = await seriousViolations(page, {
    exclude: backstageFrame,
  });
}

/**
 * Waits until the resource page's state chip (beside its heading, before
 * the timeline's chips) says `state`.
 */
async function waitForState(page, state, timeout) {
  await page.waitForFunction(
    expected =>
      document.querySelector('[class*="MuiChip-label"]')?.textContent ===
      expected,
    state,
    { timeout, polling: 500 },
  );
}

/** The names of the local PostgreSQL server's databases that start with `prefix`. */
function databasesStartingWith(prefix) {
  const psql = spawnSync(
    'psql',
    [
      '-h',
      '127.0.0.1',
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-tA',
      '-v',
      'ON_ERROR_STOP=1',
      '-v',
      `prefix=${prefix}`,
    ],
    {
      input:
        "select datname from pg_database where starts_with(datname, :'prefix');\n",
      encoding: 'utf8',
    },
  );
  assert.equal(psql.status, 0, psql.stderr);
  return psql.stdout.split('\n').filter(Boolean);
}

/** Calls the Platform API with a user's token. */
async function platformApi(token, method, route) {
  const res = await fetch(`${backend.baseUrl}/api/platform${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = await res.json().catch(() => undefined);
  assert.ok(
    res.ok,
    `${method} ${route}: ${res.status} ${JSON.stringify(body)}`,
  );
  return body;
}

/** Deletes a resource through the API and waits until it is deleted. */
async function deleteThroughApi(token, id) {
  const current = await platformApi(token, 'GET', `/resources/${id}`);
  if (['deleted', 'rejected'].includes(current.state)) return;
  if (current.state !== 'deleting') {
    await platformApi(token, 'DELETE', `/resources/${id}`);
  }
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { state } = await platformApi(token, 'GET', `/resources/${id}`);
    if (state === 'deleted') return;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`Resource ${id} was not deleted within 60 s`);
}

test('a guest asks for a large production database, priya approves it, and it becomes ready', async () => {
  // axe-core is injected into the pages, which the app's CSP would refuse.
  const options = { viewport: { width: 1400, height: 1000 }, bypassCSP: true };
  // Each page has its own browser context, so its own sign-in.
  const guestPage = await browser.newPage(options);
  const priyaPage = await browser.newPage(options);
  const accessibility = {};
  const name = `approval-${Date.now().toString(36)}`;
  const comment = `Approved for the e2e run ${name}`;
  // What the provisioner's database names start with (resourceIdentifier).
  const databasePrefix = `p_production_team_alpha_${name.replace(/-/g, '_')}_`;
  let guest;
  let resourceId;
  let deleted = false;
  try {
    // Priya first: her sign-in waits until the catalog holds the demo
    // organisation, so that the guest's token then carries team-alpha.
    await signInAs(priyaPage, backend.baseUrl, 'priya');
    guest = await signInAs(guestPage, backend.baseUrl, 'guest');
    assert.ok(
      guest.ownershipEntityRefs.includes('group:default/team-alpha'),
      `guest: ${guest.ownershipEntityRefs}`,
    );

    // The guest fills the create form of the database offering.
    await guestPage.getByRole('link', { name: 'Platform' }).first().click();
    await guestPage
      .getByRole('button', { name: 'Create PostgreSQL Database' })
      .click();
    await guestPage.getByLabel('Name', { exact: false }).first().fill(name);
    await guestPage.getByLabel('Team').click();
    await guestPage
      .getByRole('option', { name: 'team-alpha', exact: true })
      .click();
    await guestPage.getByLabel('Environment').click();
    await guestPage
      .getByRole('option', { name: 'production', exact: true })
      .click();
    await guestPage.getByLabel(/^Size/).click();
    await guestPage.getByRole('option', { name: 'large', exact: true }).click();
    await guestPage.getByLabel('High availability').check();
    await guestPage.getByLabel('Backup retention days').fill('7');

    // Before submitting, the policy check says who must approve, and why.
    const check = guestPage.getByRole('region', { name: 'Policy check' });
    await check.getByText('Allowed once approved').waitFor();
    await check.getByText(needsApproval).waitFor();
    await check
      .getByText('Nothing is provisioned or changed until then.')
      .waitFor();
    await capture(guestPage, 'approval-create-form', accessibility);
    await guestPage
      .getByRole('button', { name: 'Create PostgreSQL Database' })
      .last()
      .click();

    // The resource page: recorded, waiting, nothing provisioned.
    await guestPage.waitForURL(/\/platform\/resources\/[0-9a-f-]+$/);
    const resourceUrl = guestPage.url();
    resourceId = resourceUrl.split('/').pop();
    await waitForState(guestPage, 'awaiting-approval', 30_000);
    const steps = guestPage.getByLabel('Life cycle');
    await steps
      .locator('[aria-current="step"]')
      .filter({ hasText: 'Awaiting approval' })
      .waitFor();
    const guestApproval = guestPage.getByRole('region', { name: 'Approval' });
    await guestApproval
      .getByText('The creation waits for approval by platform-team.')
      .waitFor();
    await guestApproval.getByText(needsApproval).waitFor();
    await guestApproval.getByText('No decision yet.').waitFor();
    // Four eyes: the guest may not decide, and cannot change it meanwhile.
    assert.equal(await guestApproval.getByRole('button').count(), 0);
    assert.equal(
      await guestPage
        .getByRole('button', { name: 'Change configuration' })
        .isDisabled(),
      true,
    );
    assert.deepEqual(databasesStartingWith(databasePrefix), []);
    await capture(guestPage, 'approval-resource-waiting', accessibility);

    // Priya finds the request in the Approvals tab, with its configuration.
    await priyaPage.getByRole('link', { name: 'Platform' }).first().click();
    await priyaPage.getByRole('tab', { name: 'Approvals' }).click();
    await priyaPage.waitForURL(/\/platform\/approvals$/);
    const request = priyaPage.getByRole('article', { name });
    await request.waitFor();
    await request.getByText('Create of PostgreSQL Database').waitFor();
    for (const value of ['team-alpha', 'production', 'guest']) {
      await request.getByText(value, { exact: true }).first().waitFor();
    }
    await request.getByText(needsApproval).waitFor();
    const configuration = await request
      .getByRole('table', { name: 'Requested configuration' })
      .locator('tbody tr')
      .evaluateAll(rows =>
        rows.map(row => [...row.cells].map(cell => cell.textContent)),
      );
    assert.deepEqual(Object.fromEntries(configuration), {
      backup_retention_days: '7',
      high_availability: 'Yes',
      size: 'large',
    });
    await capture(priyaPage, 'approvals-inbox', accessibility);

    // She approves it with a comment.
    await request.getByRole('button', { name: `Approve ${name}` }).click();
    const dialog = priyaPage.getByRole('dialog', { name: `Approve ${name}?` });
    await dialog.getByRole('textbox', { name: 'Comment' }).fill(comment);
    await capture(priyaPage, 'approval-dialog', accessibility);
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await priyaPage.getByText('Nothing waits for your approval').waitFor();

    // The guest's page, polling, follows the resource until it is ready
    // (it reads a waiting resource every 30 s), with priya's decision.
    await waitForState(guestPage, 'ready', 90_000);
    await guestApproval.getByText('The creation was approved').waitFor();
    await guestApproval
      .getByText(`priya approved for platform-team: “${comment}”`)
      .waitFor();
    await steps.getByText('Awaiting approval', { exact: true }).waitFor();
    assert.equal(await steps.locator('[aria-current="step"]').count(), 0);
    await capture(guestPage, 'approval-resource-ready', accessibility);

    // The real database exists now.
    const ready = await platformApi(
      guest.token,
      'GET',
      `/resources/${resourceId}`,
    );
    assert.equal(ready.state, 'ready');
    assert.ok(
      ready.outputs.database.startsWith(databasePrefix),
      ready.outputs.database,
    );
    assert.deepEqual(databasesStartingWith(databasePrefix), [
      ready.outputs.database,
    ]);

    // The guest deletes it, and its database goes.
    await guestPage
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await guestPage.getByRole('button', { name: `Delete ${name}` }).click();
    await waitForState(guestPage, 'deleted', 60_000);
    deleted = true;
    assert.deepEqual(databasesStartingWith(databasePrefix), []);

    fs.writeFileSync(
      path.join(artifacts, 'accessibility-approvals.json'),
      JSON.stringify(accessibility, null, 2),
    );
    const problems = Object.entries(accessibility).filter(
      ([, v]) => v.length > 0,
    );
    assert.deepEqual(problems, []);
  } catch (error) {
    await guestPage.screenshot({
      path: path.join(artifacts, 'approval-guest-failure.png'),
      fullPage: true,
    });
    await priyaPage.screenshot({
      path: path.join(artifacts, 'approval-priya-failure.png'),
      fullPage: true,
    });
    throw error;
  } finally {
    // A failed run must not leave a real database behind.
    if (resourceId && !deleted && guest) {
      await deleteThroughApi(guest.token, resourceId).catch(cleanup =>
        console.error(`Cleaning up ${resourceId} failed: ${cleanup.message}`),
      );
    }
    await guestPage.close();
    await priyaPage.close();
  }
});
