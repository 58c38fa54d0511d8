import { mockApis } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { offerings, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { ResourcesPage } from './ResourcesPage';

function render(platformApi: PlatformApi) {
  return renderPlatformPage(<ResourcesPage />, {
    path: '/platform/resources',
    apis: [
      [platformApiRef, platformApi],
      mockApis.identity({
        ownershipEntityRefs: ['group:default/team-alpha'],
      }),
      [catalogApiRef, catalogApiMock()],
    ],
  });
}

describe('ResourcesPage', () => {
  it('lists resources with their state and a link to each', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
      listResources: async () => ({
        items: [
          resource(),
          resource({
            id: 'r2',
            name: 'shop',
            offering: 'web-application',
            state: 'failed',
          }),
        ],
      }),
    });
    render(platformApi);

    expect(
      await screen.findByRole('link', { name: 'orders-db' }),
    ).toHaveAttribute('href', '/platform/resources/r1');
    await waitFor(() => {
      const rows = screen.getAllByRole('row');
      expect(rows[1]).toHaveTextContent(/orders-db.*PostgreSQL Database/);
      expect(rows[2]).toHaveTextContent(
        /shop.*Web Application.*team-alpha.*production.*failed/,
      );
    });
    expect(screen.getByRole('tab', { name: 'Resources' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(platformApi.listResources).toHaveBeenCalledWith({ limit: 25 });
  });

  it('says how long each resource has left', async () => {
    const day = 24 * 3_600_000;
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
      listResources: async () => ({
        items: [
          resource({
            environment: 'development',
            expiresAt: new Date(Date.now() + 6.5 * day).toISOString(),
          }),
          resource({
            id: 'r2',
            name: 'old-db',
            expiresAt: new Date(Date.now() - day).toISOString(),
          }),
          resource({ id: 'r3', name: 'prod-db', expiresAt: null }),
        ],
      }),
    });
    render(platformApi);

    await screen.findByRole('link', { name: 'orders-db' });
    expect(
      screen.getByRole('columnheader', { name: /Expires/ }),
    ).toBeInTheDocument();
    await waitFor(() => {
      const rows = screen.getAllByRole('row');
      expect(rows[1]).toHaveTextContent(/orders-db.*expires in 6 days/);
      expect(rows[2]).toHaveTextContent(/old-db.*expired/);
      expect(rows[3]).not.toHaveTextContent(/expire/);
    });
  });

  it('filters by team, environment, offering and state', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
      listResources: async () => ({ items: [resource()] }),
    });
    render(platformApi);
    await screen.findByRole('link', { name: 'orders-db' });
    await waitFor(() =>
      expect(
        screen.getByRole('option', { name: 'team-alpha' }),
      ).toBeInTheDocument(),
    );

    await userEvent.selectOptions(screen.getByLabelText('Team'), 'team-alpha');
    await userEvent.selectOptions(
      screen.getByLabelText('Environment'),
      'production',
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Offering'),
      'postgresql-database',
    );
    await userEvent.selectOptions(screen.getByLabelText('State'), 'ready');

    await waitFor(() =>
      expect(platformApi.listResources).toHaveBeenLastCalledWith({
        team: 'team-alpha',
        environment: 'production',
        offering: 'postgresql-database',
        state: 'ready',
        limit: 25,
      }),
    );
  });

  it('pages through resources with the next cursor', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
      listResources: async query =>
        query?.cursor
          ? { items: [resource({ id: 'r2', name: 'second-page' })] }
          : { items: [resource()], nextCursor: 'c2' },
    });
    render(platformApi);
    await screen.findByRole('link', { name: 'orders-db' });
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByRole('link', { name: 'second-page' }),
    ).toBeInTheDocument();
    expect(platformApi.listResources).toHaveBeenLastCalledWith({
      limit: 25,
      cursor: 'c2',
    });
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(
      await screen.findByRole('link', { name: 'orders-db' }),
    ).toBeInTheDocument();
  });

  it('says so when there are no resources', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
      listResources: async () => ({ items: [] }),
    });
    render(platformApi);
    expect(await screen.findByText('No resources yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Open the service catalog' }),
    ).toHaveAttribute('href', '/platform');
  });

  it('shows that resources are loading', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
      listResources: () => new Promise(() => {}),
    });
    render(platformApi);
    expect((await screen.findAllByRole('progressbar')).length).toBeGreaterThan(
      0,
    );
  });

  it('shows the error when the list fails', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
      listResources: async () => {
        throw new Error('List failed');
      },
    });
    render(platformApi);
    expect((await screen.findAllByText(/List failed/)).length).toBeGreaterThan(
      0,
    );
  });
});
