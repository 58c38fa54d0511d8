import { renderInTestApp } from '@backstage/frontend-test-utils';
import { waitFor } from '@testing-library/react';
import { giveChartsRoom } from '../../__testUtils__/giveChartsRoom';
import { ProvisionTimeChart } from './ProvisionTimeChart';

giveChartsRoom();

function stats(averageSeconds: number) {
  return {
    count: 3,
    averageSeconds,
    p50Seconds: averageSeconds,
    p95Seconds: averageSeconds * 2,
  };
}

describe('ProvisionTimeChart', () => {
  it.each([
    [['postgresql-database']],
    [['postgresql-database', 'web-application']],
    [['a', 'b', 'c', 'd', 'e', 'f']],
  ])('draws three bars for each offering: %j', async offerings => {
    const { container } = await renderInTestApp(
      <ProvisionTimeChart
        byOffering={Object.fromEntries(
          offerings.map((offering, index) => [offering, stats(60 + index)]),
        )}
        offeringNames={new Map()}
      />,
    );

    await waitFor(() =>
      expect(
        container.querySelectorAll('.recharts-bar-rectangle path'),
      ).toHaveLength(offerings.length * 3),
    );
  });
});
