// Runs axe-core in the page and returns its serious and critical violations.
const path = require('node:path');

const axeScript = path.join(
  path.dirname(require.resolve('axe-core/package.json')),
  'axe.min.js',
);

async function seriousViolations(page) {
  await page.addScriptTag({ path: axeScript });
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }),
  );
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    }));
}

module.exports = { seriousViolations };
