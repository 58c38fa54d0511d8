// End to end: the demo sign-in as two people, and notifications, in the
// built app served by the backend. Run after building the app:
//   node --test e2e/signIn.test.js
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startBackend } = require('./backend');
const { launchChromium } = require('./chromium');
const { signInAs, signOut } = require('./signIn');

const artifacts = path.resolve(__dirname, '../artifacts/e2e');
let backend;
let browser;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  backend = await startBackend({
    logFile: path.join(artifacts, 'backend-sign-in.log'),
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await backend?.stop();
});

/** Runs `fn` with a new page, saving a screenshot named `name` if it fails. */
async function withPage(name, fn) {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  try {
    await fn(page);
  } catch (error) {
    await page.screenshot({
      path: path.join(artifacts, `${name}-failure.png`),
      fullPage: true,
    });
    throw error;
  } finally {
    await page.close();
  }
}

test('the guest and priya are signed in at the same time, each as themselves', async () => {
  await withPage('sign-in-guest', guestPage =>
    withPage('sign-in-priya', async priyaPage => {
      const guest = await signInAs(guestPage, backend.baseUrl, 'guest');
      const priya = await signInAs(priyaPage, backend.baseUrl, 'priya');

      assert.equal(guest.userEntityRef, 'user:default/guest');
      assert.ok(
        guest.ownershipEntityRefs.includes('group:default/team-alpha'),
        `guest: ${guest.ownershipEntityRefs}`,
      );
      assert.equal(priya.userEntityRef, 'user:default/priya');
      assert.deepEqual(priya.ownershipEntityRefs, [
        'user:default/priya',
        'group:default/platform-team',
      ]);

      // Each page stays who it signed in as; priya's name is on her profile.
      await priyaPage.goto(`${backend.baseUrl}/settings`);
      await priyaPage.getByText('Priya Platform').first().waitFor();
      await priyaPage.screenshot({
        path: path.join(artifacts, 'sign-in-priya-settings.png'),
      });
      await guestPage.goto(`${backend.baseUrl}/settings`);
      await guestPage.getByText('user:default/guest').first().waitFor();
      assert.equal(await guestPage.getByText('Priya Platform').count(), 0);

      // The backend takes each token as its person.
      for (const [who, token] of [
        ['user:default/guest', guest.token],
        ['user:default/priya', priya.token],
      ]) {
        const res = await fetch(
          `${backend.baseUrl}/api/catalog/entities/by-name/user/default/${
            who.split('/')[1]
          }`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        assert.equal(res.status, 200, `${who}'s token`);
      }
    }),
  );
});

test('the choice survives a reload; after sign-out the other person signs in', async () => {
  await withPage('sign-in-switch', async page => {
    await signInAs(page, backend.baseUrl, 'priya');

    // A reload signs priya in again without the sign-in page.
    const again = page.waitForResponse(
      res => new URL(res.url()).pathname === '/api/auth/demo/refresh',
    );
    await page.reload();
    assert.equal((await again).status(), 200);
    await page.getByRole('link', { name: 'Platform' }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Enter' }).count(), 0);
    await page.goto(`${backend.baseUrl}/settings`);
    await page.getByText('Priya Platform').first().waitFor();

    await signOut(page, backend.baseUrl);
    await page.screenshot({ path: path.join(artifacts, 'sign-in-page.png') });
    const guest = await signInAs(page, backend.baseUrl, 'guest');
    assert.equal(guest.userEntityRef, 'user:default/guest');
    await page.reload();
    await page.getByRole('link', { name: 'Platform' }).first().waitFor();
    await page.goto(`${backend.baseUrl}/settings`);
    await page.getByText('user:default/guest').first().waitFor();
    assert.equal(await page.getByText('Priya Platform').count(), 0);
  });
});

test('a signed-in user has notifications in the sidebar and a Notifications page', async () => {
  await withPage('notifications', async page => {
    // Signals: the open app listens for new notifications on a WebSocket.
    const signals = page.waitForEvent('websocket', ws =>
      new URL(ws.url()).pathname.startsWith('/api/signals'),
    );
    const priya = await signInAs(page, backend.baseUrl, 'priya');
    await signals;
    await page
      .getByRole('link', { name: /Notifications/ })
      .first()
      .click();
    await page.waitForURL(/\/notifications$/);
    await page
      .getByRole('heading', { name: 'Notifications' })
      .first()
      .waitFor();
    await page.screenshot({
      path: path.join(artifacts, 'notifications.png'),
      fullPage: true,
    });

    // The notifications backend answers for the signed-in user.
    const res = await fetch(`${backend.baseUrl}/api/notifications/status`, {
      headers: { Authorization: `Bearer ${priya.token}` },
    });
    assert.equal(res.status, 200);
    assert.equal(typeof (await res.json()).unread, 'number');
  });
});
