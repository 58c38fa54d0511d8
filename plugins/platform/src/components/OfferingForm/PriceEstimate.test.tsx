import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CostEstimate } from '@idp-kit/plugin-platform-common';
import { screen } from '@testing-library/react';
import { PriceEstimate } from './PriceEstimate';

const cost: CostEstimate = {
  monthly: 340,
  currency: 'EUR',
  breakdown: [{ item: 'Instance size', monthly: 340 }],
  teamMonthly: 1640,
  budget: 1500,
};

describe('PriceEstimate', () => {
  it('marks a team spend over the budget', async () => {
    renderInTestApp(<PriceEstimate cost={cost} priced />);
    expect(screen.getByText('€340.00 a month')).toBeVisible();
    const spend = screen.getByText(
      'Team spend after this request: €1,640.00 of budget €1,500.00 a month',
    );
    expect(spend).toHaveClass('MuiTypography-colorError');
  });

  it('says a cheaper change saves money', async () => {
    renderInTestApp(
      <PriceEstimate cost={{ ...cost, monthly: -65 }} priced change />,
    );
    expect(screen.getByText('-€65.00 a month')).toBeVisible();
  });

  it('promises a price until the request can be checked', async () => {
    renderInTestApp(<PriceEstimate priced />);
    expect(
      screen.getByRole('region', { name: 'Estimated price' }),
    ).toHaveTextContent('The price shows once the request can be checked.');
  });

  it('shows nothing when nothing is priced', async () => {
    renderInTestApp(
      <>
        <p>Rendered</p>
        <PriceEstimate priced={false} />
      </>,
    );
    expect(screen.getByText('Rendered')).toBeInTheDocument();
    expect(screen.queryByText('Estimated price')).not.toBeInTheDocument();
  });
});
