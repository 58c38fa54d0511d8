import { renderInTestApp } from '@backstage/frontend-test-utils';
import { waitFor } from '@testing-library/react';
import { giveChartsRoom } from '../../__testUtils__/giveChartsRoom';
import { BreakdownChart } from './BreakdownChart';

giveChartsRoom();

async function sectors(counts: Record<string, number>) {
  const { container } = await renderInTestApp(
    <BreakdownChart title="By state" counts={counts} kind="pie" />,
  );
  await waitFor(() =>
    expect(container.querySelector('.recharts-pie-sector path')).not.toBeNull(),
  );
  // eslint-disable-next-line no-console
  console.log(container.querySelector('.recharts-wrapper')!.innerHTML);
  return Array.from(
    container.querySelectorAll<SVGPathElement>('.recharts-pie-sector path'),
  );
}

async function renderBars(counts: Record<string, number>) {
  const { container } = await renderInTestApp(
    <BreakdownChart title="By team" counts={counts} kind="bar" />,
  );
  return () => container.querySelectorAll('.recharts-bar-rectangle path');
}

describe('BreakdownChart as a pie', () => {
  it('draws one value as a whole disc, with no edge to tell it from itself', async () => {
    const [disc, ...others] = await sectors({ ready: 5 });

    expect(others).toHaveLength(0);
    // The closing edge from the centre to the rim is drawn in the disc's
    // own colour; in another it shows as a stray line.
    expect(disc.getAttribute('stroke')).toBe(disc.getAttribute('fill'));
  });

  it('draws two values as two slices divided by edges', async () => {
    const drawn = await sectors({ ready: 3, failed: 2 });

    expect(drawn).toHaveLength(2);
    for (const slice of drawn) {
      expect(slice.getAttribute('stroke')).not.toBe(slice.getAttribute('fill'));
    }
  });

  it('draws many values as as many slices', async () => {
    const drawn = await sectors({
      ready: 6,
      failed: 1,
      provisioning: 2,
      deleting: 1,
      updating: 3,
    });

    expect(drawn).toHaveLength(5);
  });

  it('keeps its hidden shapes out of the tab order', async () => {
    await sectors({ ready: 3, failed: 2 });

    // The chart is told by its label; what is hidden must not take focus.
    expect(
      document.querySelectorAll('[aria-hidden="true"] [tabindex="0"]'),
    ).toHaveLength(0);
  });

  it('draws no sliver for a value of zero', async () => {
    const [disc, ...others] = await sectors({ ready: 5, failed: 0 });

    expect(others).toHaveLength(0);
    expect(disc.getAttribute('stroke')).toBe(disc.getAttribute('fill'));
  });

  it('says there is nothing to chart when every value is zero', async () => {
    const { findByText } = await renderInTestApp(
      <BreakdownChart title="By state" counts={{ ready: 0 }} kind="pie" />,
    );

    expect(await findByText('No active resources.')).toBeInTheDocument();
  });
});

describe('BreakdownChart as bars', () => {
  it.each([
    [{ 'team-alpha': 4 }, 1],
    [{ 'team-alpha': 4, 'team-beta': 2 }, 2],
    [{ a: 5, b: 4, c: 3, d: 2, e: 1, f: 1, g: 1, h: 1 }, 8],
  ])('draws one bar per value: %j', async (counts, expected) => {
    const bars = await renderBars(counts);
    // The bars grow to their height; a bar of none is never drawn.
    await waitFor(() => expect(bars()).toHaveLength(expected));
  });

  it('draws no bar for a value of zero', async () => {
    const bars = await renderBars({ 'team-alpha': 4, 'team-beta': 0 });
    await waitFor(() => expect(bars()).toHaveLength(1));
  });
});
