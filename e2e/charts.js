// Reads what a chart of the health page drew, to check its shapes.

/**
 * The slices of the pie chart whose accessible name starts with `title`,
 * once drawn: how many values its name lists, and each slice's fill and
 * stroke.
 */
async function pieSlices(page, title) {
  const chart = page.getByRole('img', { name: new RegExp(`^${title}`) });
  const slices = chart.locator('.recharts-pie-sector path');
  await slices.first().waitFor();
  const name = await chart.getAttribute('aria-label');
  return {
    values: name.slice(name.indexOf(': ') + 2).split(', ').length,
    slices: await slices.evaluateAll(paths =>
      paths.map(path => ({
        fill: path.getAttribute('fill'),
        stroke: path.getAttribute('stroke'),
      })),
    ),
  };
}

module.exports = { pieSlices };
