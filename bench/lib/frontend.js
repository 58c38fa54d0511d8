// 6. Frontend: the production app build, served by the bench backend with
// 200 extra offerings from config, in headless Chromium. Time from
// navigation start to the moment every one of the 200 offering cards is
// rendered (its name is in the page's rendered text, which leaves out
// anything hidden), with the browser cache warm (the bundles loaded by the
// sign-in just before) and cold (cache cleared).
const path = require('node:path');
const { launchChromium } = require('../../e2e/chromium');
const { summary } = require('./util');

const OFFERING_COUNT = 200;

/** The 200 offerings, as `platform.offerings` config. */
function benchOfferings() {
  const types = ['compute', 'database', 'networking', 'storage', 'messaging'];
  const tiers = ['standard', 'premium'];
  return Array.from({ length: OFFERING_COUNT }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return {
      id: `bench-offering-${n}`,
      name: `Bench Offering ${n}`,
      description: `Offering number ${n}, published for the frontend benchmark`,
      type: types[i % types.length],
      version: '1.0',
      ownerTeam: 'platform-team',
      tier: tiers[i % tiers.length],
      documentationUrl: `https://docs.example.com/bench/${n}`,
      configurations: [
        {
          name: 'size',
          type: 'string',
          default: 'small',
          options: ['small', 'medium', 'large'],
        },
        { name: 'replicas', type: 'integer', default: 1, min: 1, max: 10 },
      ],
    };
  });
}

/** Runs in the page before any of its scripts: notes when all names show. */
function watchForCards(names) {
  const state = { done: undefined, first: undefined, found: 0 };
  window.__bench = state;
  let scheduled = false;
  const check = () => {
    scheduled = false;
    if (state.done !== undefined || !document.body) return;
    const text = document.body.innerText;
    let found = 0;
    for (const name of names) if (text.includes(name)) found++;
    state.found = found;
    if (found > 0 && state.first === undefined) state.first = performance.now();
    if (found === names.length) {
      state.done = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(check);
    }
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
}

async function frontendBench(backend, options) {
  const names = benchOfferings().map(o => o.name);
  const browser = await launchChromium();
  const warm = [];
  const cold = [];
  let cards;
  try {
    for (let i = 0; i < options.runs + 1; i++) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
      });
      try {
        const page = await context.newPage();
        await page.addInitScript(watchForCards, names);
        // Sign in as guest; the app then remembers it and signs in again
        // on every load through the refresh cookie.
        await page.goto(backend.baseUrl);
        await page.getByRole('button', { name: 'Enter' }).click();
        await page
          .getByRole('link', { name: 'Platform' })
          .first()
          .waitFor({ timeout: 60_000 });

        const measure = async label => {
          await page.goto(`${backend.baseUrl}${options.path}`, {
            waitUntil: 'commit',
          });
          try {
            await page.waitForFunction(
              () => window.__bench?.done !== undefined,
              undefined,
              { timeout: 60_000, polling: 50 },
            );
          } catch (error) {
            const shot = path.join(
              backend.dir,
              `frontend-${label}-failure.png`,
            );
            await page.screenshot({ path: shot, fullPage: false });
            const found = await page.evaluate(() => window.__bench?.found);
            throw new Error(
              `Only ${found} of ${names.length} offering cards appeared on ${options.path} within 60 s; see ${shot}`,
            );
          }
          return page.evaluate(() => {
            const resources = performance.getEntriesByType('resource');
            const nav = performance.getEntriesByType('navigation')[0];
            const offerings = resources.find(r =>
              r.name.includes('/api/platform/offerings'),
            );
            const scripts = resources.filter(
              r => r.initiatorType === 'script' || r.name.endsWith('.js'),
            );
            return {
              done: window.__bench.done,
              firstCard: window.__bench.first,
              domContentLoaded: nav?.domContentLoadedEventEnd,
              offeringsRequested: offerings?.startTime,
              offeringsReceived: offerings?.responseEnd,
              scriptBytes: scripts.reduce(
                (sum, r) => sum + (r.transferSize || 0),
                0,
              ),
              scripts: scripts.length,
            };
          });
        };

        const warmRun = await measure('warm');
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.clearBrowserCache');
        const coldRun = await measure('cold');
        if (i === 0) {
          // The first browser run warms the server up; not counted.
          await page.screenshot({
            path: path.join(backend.dir, 'frontend-service-catalog.png'),
          });
          cards = await page.getByRole('article').count();
        } else {
          warm.push(warmRun);
          cold.push(coldRun);
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return {
    path: options.path,
    offerings: names.length,
    cardsOnPage: cards,
    warm: phases(warm),
    cold: phases(cold),
  };
}

/** The medians of each moment, and the summary of the total. */
function phases(runs) {
  const median = key =>
    summary(runs.map(r => r[key]).filter(Number.isFinite)).p50;
  return {
    ...summary(runs.map(r => r.done)),
    firstCard: median('firstCard'),
    domContentLoaded: median('domContentLoaded'),
    offeringsRequested: median('offeringsRequested'),
    offeringsReceived: median('offeringsReceived'),
    scriptBytes: median('scriptBytes'),
    scripts: median('scripts'),
  };
}

module.exports = { benchOfferings, frontendBench };
