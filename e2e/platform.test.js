// End to end: the built app served by the backend, in headless Chromium.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { startBackend } = require('./backend');

const artifacts = path.resolve(__dirname, '../artifacts/e2e');
let backend;
let browser;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  backend = await startBackend({
    logFile: path.join(artifacts, 'backend.log'),
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
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
