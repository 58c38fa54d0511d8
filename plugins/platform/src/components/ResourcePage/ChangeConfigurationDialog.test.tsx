import { RequestVerdict } from '@idp-kit/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { platformApiRef } from '../../api/PlatformApi';
import { postgres, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { ChangeConfigurationDialog } from './ChangeConfigurationDialog';

/** The demo's prices: a small database 25 €, a medium one 90 €, doubled for high availability. */
function priced(config: Record<string, unknown>): RequestVerdict {
  const size = config.size === 'medium' ? 90 : 25;
  return {
    allowed: true,
    errors: [],
    violations: [],
    approvals: [],
    cost: {
      monthly: (size - 25) * 2,
      currency: 'EUR',
      breakdown: [
        { item: 'Instance size', monthly: size },
        { item: 'High availability (standby replica)', monthly: size },
      ],
      teamMonthly: 400 + (size - 25) * 2,
      budget: null,
    },
  };
}

describe('ChangeConfigurationDialog', () => {
  it('shows the difference a change makes to the price', async () => {
    const platformApi = mockPlatformApi({
      checkUpdateResource: async (_id, config) => priced(config),
    });
    renderPlatformPage(
      <ChangeConfigurationDialog
        resource={resource()}
        offering={postgres}
        open
        onClose={jest.fn()}
        onChanged={jest.fn()}
      />,
      { apis: [[platformApiRef, platformApi]] },
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Change the configuration of orders-db',
    });
    const price = within(dialog).getByRole('region', {
      name: 'Estimated price',
    });
    expect(await within(price).findByText('No change in price')).toBeVisible();

    await userEvent.click(within(dialog).getByRole('button', { name: /Size/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'medium' }),
    );
    expect(await within(price).findByText('+€130.00 a month')).toBeVisible();
    expect(within(price).getByText('Instance size: €90.00')).toBeVisible();
    expect(
      within(price).getByText(
        'Team spend after this change: €530.00 a month (no budget)',
      ),
    ).toBeVisible();
  });
});
