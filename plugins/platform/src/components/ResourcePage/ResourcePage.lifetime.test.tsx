import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { event, postgres, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { ResourcePage } from './ResourcePage';

const DAY = 24 * 3_600_000;

function render(platformApi: PlatformApi) {
  return renderPlatformPage(<ResourcePage />, {
    path: '/platform/resources/r1',
    route: '/platform/resources/:id',
    apis: [
      [platformApiRef, platformApi],
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  });
}

describe('ResourcePage lifetime', () => {
  it('warns that an expired resource is kept for its dependents, and extends it', async () => {
    const blocked =
      "Expired at 2027-01-01T12:00:00.000Z, but web-application 'shop' depends on it: delete or extend those first, or extend this one";
    let extended = false;
    const platformApi = mockPlatformApi({
      getResource: async () =>
        resource({
          environment: 'development',
          expiresAt: new Date(
            Date.now() + (extended ? 7.5 * DAY : -DAY),
          ).toISOString(),
          expiryBlocked: extended ? undefined : blocked,
        }),
      listResourceEvents: async () => [event({ state: 'ready' })],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
      extendResource: async () => {
        extended = true;
        return resource();
      },
    });
    render(platformApi);

    expect(await screen.findByText(blocked)).toBeInTheDocument();
    expect(screen.getByText('expired')).toBeInTheDocument();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Extend' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Extend orders-db',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Extend' }),
    );

    expect(await screen.findByText('expires in 7 days')).toBeInTheDocument();
    expect(platformApi.extendResource).toHaveBeenCalledWith(
      'r1',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    );
    await waitFor(() =>
      expect(screen.queryByText(blocked)).not.toBeInTheDocument(),
    );
  });

  it('shows no lifetime for a resource that never expires', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () => resource({ expiresAt: null }),
      listResourceEvents: async () => [event({ state: 'ready' })],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
    });
    render(platformApi);

    expect(
      await screen.findByText('PostgreSQL Database (v13)'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Lifetime')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Extend' }),
    ).not.toBeInTheDocument();
  });
});
