// Runs axe-core in the page and returns its serious and critical violations.
const path = require('node:path');

const axeScript = path.join(
  path.dirname(require.resolve('axe-core/package.json')),
  'axe.min.js',
);

/**
 * `exclude`: CSS selectors of elements left out of the check, for parts of
 * Backstage's own frame that the page under test does not answer for.
 */
async function seriousViolations(page, { exclude = [] } = {}) {
  await page.addScriptTag({ path: axeScript });
  const results = await page.evaluate(
    selectors =>
      // eslint-disable-next-line no-undef
      axe.run(
        selectors.length > 0
          ? { exclude: selectors.map(selector => [selector]) }
          : document,
        { resultTypes: ['violations'] },
      ),
    exclude,
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
